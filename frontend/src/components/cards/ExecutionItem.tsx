import {Link} from 'react-router';

import type {CardExecution, ExecutionSource, TransactionLink} from '../../lib/cardcode';
import {clockTime, durationMs, shortId, sourceLabels, typeLabels} from '../../lib/cardcode';
import {formatDate, formatDateTime, formatMoney} from '../../lib/format';

/** sourceBadge is the badge variant that marks where an execution ran. */
const sourceBadge: Record<ExecutionSource, string> = {real: 'badge--neutral', simulated: 'badge--info', local: 'badge--warning'};

/** ExecutionItemProps are the props of ExecutionItem. */
export interface ExecutionItemProps {
  execution: CardExecution;
  /** transactionHref returns where a linked transaction opens (the Transactions view). */
  transactionHref?: (link: TransactionLink) => string;
  /** Show the date as well as the time (the log spans days; a result does not). */
  showDate?: boolean;
}

/**
 * ExecutionItem shows one run of one hook: where it ran (badge), its type,
 * the decision, every log line (time, level, content), any error, and for a
 * real run the cached transaction it belongs to. Log content is shown as
 * text, never as HTML.
 */
export function ExecutionItem({execution: e, transactionHref, showDate = false}: ExecutionItemProps) {
  const took = durationMs(e.startedAt, e.completedAt);
  return (
    <article className={`box box--compact cc-exec cc-exec--${e.source}`} data-testid="execution" data-source={e.source} data-type={e.type}>
      <header className="cc-exec__head">
        <span className={`badge ${sourceBadge[e.source]}`} data-testid="execution-source">
          {sourceLabels[e.source]}
        </span>
        <span className="cc-exec__type">{typeLabels[e.type] ?? e.type}</span>
        {e.approved === undefined ? null : (
          <span className={`cc-verdict ${e.approved ? 'cc-verdict--approved' : 'cc-verdict--declined'}`} data-testid="execution-verdict">
            {e.approved ? 'Approved' : 'Declined'}
          </span>
        )}
        <span className="cc-exec__when muted">
          {showDate ? formatDateTime(e.createdAt) : clockTime(e.createdAt)}
          {took === undefined ? '' : ` · ${took} ms`}
        </span>
        <span className="cc-exec__id muted" title={e.id}>
          {shortId(e.id)}
        </span>
      </header>
      {e.local ? (
        <p className="cc-exec__context muted">
          {formatMoney(e.local.centsAmount)} at {e.local.merchantName} ({e.local.merchantCode}), {e.local.merchantCity || '—'},{' '}
          {e.local.countryCode}
        </p>
      ) : null}
      {e.transaction ? (
        <p className="cc-exec__context" data-testid="execution-transaction">
          Transaction:{' '}
          {transactionHref ? (
            <Link to={transactionHref(e.transaction)} data-testid="execution-transaction-link">
              {e.transaction.description}
            </Link>
          ) : (
            e.transaction.description
          )}{' '}
          · {formatMoney(e.transaction.amount)} · {formatDate(e.transaction.transactionDate)}
        </p>
      ) : null}
      {e.logs.length === 0 ? (
        <p className="muted cc-exec__nolog">No log lines.</p>
      ) : (
        <ol className="cc-logs" aria-label="Log lines">
          {e.logs.map((l, i) => (
            <li key={i} className={`cc-log cc-log--${l.level}`} data-testid="log-line">
              <span className="cc-log__time">{clockTime(l.createdAt)}</span>
              <span className="cc-log__level">{l.level}</span>
              <span className="cc-log__content">{l.content}</span>
            </li>
          ))}
        </ol>
      )}
      {e.error ? (
        <p className="cc-exec__error" data-testid="execution-error">
          Error: {e.error}
        </p>
      ) : null}
    </article>
  );
}
