import {useEffect, useId, useRef, useState, type SyntheticEvent} from 'react';
import {Link} from 'react-router';

import {centsToDecimal, formatDate, formatMoney} from '../../lib/format';
import {batchSummary, ConfirmWord, kindWord, statusTone, type PayAccountRef, type PayAttempt, type PayBatch, type PayReview} from '../../lib/pay';
import {toneVariant} from './tone';

/** SyncState is how the sync after sending is going. */
export type ReviewSyncState = 'idle' | 'syncing' | 'done' | 'failed';

/** ReviewPanelProps are the props of ReviewPanel. */
export interface ReviewPanelProps {
  review: PayReview;
  outcomes: readonly PayAttempt[];
  /** The batch waiting for confirmation; undefined when none is left. */
  current: PayBatch | undefined;
  finished: boolean;
  busy: boolean;
  confirmError?: string | undefined;
  /** The backend's "you sent the same one N minutes ago" when it needs a second confirmation. */
  duplicate?: string | undefined;
  message?: string | undefined;
  sync: ReviewSyncState;
  syncMessage?: string | undefined;
  /** The accounts involved, as cached after the sync, to show their new balances. */
  balances?: readonly PayAccountRef[];
  permissionHelp: string;
  transactionsPath: string;
  onConfirm: (typed: string, acknowledgeDuplicate: boolean) => void;
  onBack: () => void;
  onDone: () => void;
}

/**
 * ReviewPanel shows exactly what will be sent — accounts by name and
 * number, amounts, references, faster payment, authorisers — then asks for
 * the amount again (or CONFIRM) for each batch, a second time when an
 * identical one was sent recently, and shows each outcome and the sync.
 */
export function ReviewPanel(props: ReviewPanelProps) {
  const {review, outcomes, current, finished} = props;
  const titleRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const what = kindWord(review.kind);
  const transfer = review.kind === 'transfer';
  const single = review.batches.length === 1 && review.batches[0]?.lines.length === 1 ? review.batches[0].lines[0] : undefined;
  const after = review.limits.usedToday + review.total;

  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  return (
    <section className="card section pay-review" aria-labelledby={titleId} data-testid="pay-review">
      <h2 id={titleId} ref={titleRef} tabIndex={-1} className="card__title pay-review__title">
        {outcomes.length === 0 ? `Check the ${what} before you send it` : `Your ${what}`}
      </h2>
      {outcomes.length === 0 ? <p className="muted">Nothing has been sent yet. This is exactly what will be sent to Investec.</p> : null}

      <dl className="details" data-testid="pay-review-details">
        <dt>From</dt>
        <dd data-testid="pay-review-from">
          {review.from.name} · {review.from.number} ({review.from.productName})
          {review.from.available !== undefined ? <span className="muted"> — available {formatMoney(review.from.available)}</span> : null}
        </dd>
        {single ? (
          <>
            <dt>To</dt>
            <dd data-testid="pay-review-to">
              {single.targetName} · {transfer ? single.targetNumber : `${single.targetBank} ${single.targetNumber}`}
            </dd>
          </>
        ) : null}
        <dt>Amount</dt>
        <dd className="pay-amount-big money" data-testid="pay-review-total">
          {formatMoney(review.total)}
        </dd>
        {single ? (
          <>
            <dt>My reference</dt>
            <dd data-testid="pay-review-my-ref">{single.myReference}</dd>
            <dt>Their reference</dt>
            <dd data-testid="pay-review-their-ref">{single.theirReference}</dd>
            {!transfer ? (
              <>
                <dt>Faster payment</dt>
                <dd>{single.fasterPayment ? 'Yes' : 'No'}</dd>
              </>
            ) : null}
          </>
        ) : null}
        {review.authorisers ? (
          <>
            <dt>Authorisers</dt>
            <dd data-testid="pay-review-authorisers">
              {review.authorisers.authoriserA.name} and {review.authorisers.authoriserB.name}; may wait {review.authorisers.period.name.toLowerCase()}
            </dd>
          </>
        ) : null}
        <dt>Daily limit</dt>
        <dd>
          {formatMoney(review.limits.usedToday)} used today of {formatMoney(review.limits.dailyLimit)}; {formatMoney(after)} with this {what}
        </dd>
      </dl>

      {review.warnings.map((w) => (
        <p key={w.code} className="notice notice--warning pay-alert" data-testid="pay-warning">
          {w.message}
        </p>
      ))}

      {!single ? (
        <div className="section">
          {review.batches.map((b) => (
            <BatchTable key={b.attemptId} batch={b} review={review} outcome={outcomes[b.index - 1]} />
          ))}
        </div>
      ) : null}

      {outcomes.map((a) => (
        <Outcome key={a.id} attempt={a} permissionHelp={props.permissionHelp} />
      ))}

      {current ? (
        <ConfirmBox
          key={current.attemptId}
          batch={current}
          batches={review.batches.length}
          busy={props.busy}
          error={props.confirmError}
          duplicate={props.duplicate}
          message={props.message}
          canGoBack={outcomes.length === 0}
          onConfirm={props.onConfirm}
          onBack={props.onBack}
        />
      ) : null}

      {finished ? (
        <FinishedBox
          review={review}
          outcomes={outcomes}
          sync={props.sync}
          syncMessage={props.syncMessage}
          balances={props.balances}
          transactionsPath={props.transactionsPath}
          onDone={props.onDone}
        />
      ) : null}
    </section>
  );
}

function BatchTable({batch, review, outcome}: {batch: PayBatch; review: PayReview; outcome: PayAttempt | undefined}) {
  const transfer = review.kind === 'transfer';
  return (
    <div className="section" data-testid="pay-batch">
      <h3 className="row">
        <span data-testid="pay-batch-summary">{batchSummary(batch, review.kind)}</span>
        {outcome ? <span className={`badge badge--${toneVariant[statusTone(outcome.status)]}`}>{outcome.statusText}</span> : null}
      </h3>
      {batch.duplicate ? <p className="notice notice--warning pay-alert">{batch.duplicate.message}</p> : null}
      <div className="pay-table-wrap">
        <table className="table pay-table">
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Account</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">My reference</th>
              <th scope="col">Their reference</th>
              {!transfer ? <th scope="col">Faster</th> : null}
            </tr>
          </thead>
          <tbody>
            {batch.lines.map((l, i) => (
              // A batch's lines keep their order and may repeat a beneficiary.
              <tr key={`${String(i)}-${l.targetId}`}>
                <td>{l.targetName}</td>
                <td>{transfer ? l.targetNumber : `${l.targetBank} ${l.targetNumber}`}</td>
                <td className="num money">{formatMoney(l.amount)}</td>
                <td>{l.myReference}</td>
                <td>{l.theirReference}</td>
                {!transfer ? <td>{l.fasterPayment ? 'Yes' : 'No'}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface ConfirmBoxProps {
  batch: PayBatch;
  batches: number;
  busy: boolean;
  error?: string | undefined;
  duplicate?: string | undefined;
  message?: string | undefined;
  canGoBack: boolean;
  onConfirm: (typed: string, acknowledgeDuplicate: boolean) => void;
  onBack: () => void;
}

function ConfirmBox({batch, batches, busy, error, duplicate, message, canGoBack, onConfirm, onBack}: ConfirmBoxProps) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const amount = centsToDecimal(batch.total);
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    onConfirm(typed, false);
  };
  const label =
    batches > 1
      ? `To send batch ${String(batch.index)} of ${String(batches)}, type its amount (${amount}) or ${ConfirmWord}`
      : `To send, type the amount again (${amount}) or ${ConfirmWord}`;
  return (
    <form className="box pay-confirm" onSubmit={submit} data-testid="pay-confirm" noValidate>
      {batch.duplicate && !duplicate ? (
        <p className="notice notice--warning pay-alert" data-testid="pay-duplicate-warning">
          <strong>Already sent?</strong> {batch.duplicate.message}
        </p>
      ) : null}
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-typed`}>{label}</label>
        <input
          id={`${id}-typed`}
          className="input field__input pay-input pay-input--amount"
          autoComplete="off"
          value={typed}
          disabled={busy || duplicate !== undefined}
          data-testid="pay-confirm-input"
          {...(error ? {'aria-invalid': true, 'aria-describedby': `${id}-typed-error`} : {})}
          onChange={(e) => {
            setTyped(e.target.value);
          }}
        />
        {error ? (
          <p id={`${id}-typed-error`} className="field__error" data-testid="field-error-typed">
            {error}
          </p>
        ) : null}
      </div>
      {message ? (
        <p className="notice notice--danger pay-alert" role="alert" data-testid="pay-confirm-message">
          {message}
        </p>
      ) : null}
      {duplicate ? (
        <div className="notice notice--warning pay-alert" role="alert" data-testid="pay-duplicate">
          <p>
            <strong>Send it again?</strong> {duplicate}
          </p>
          <div className="row">
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              data-testid="pay-send-again"
              onClick={() => {
                onConfirm(typed, true);
              }}
            >
              {busy ? 'Sending…' : `Yes, send ${formatMoney(batch.total)} again`}
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={onBack} data-testid="pay-duplicate-cancel">
              No, do not send it
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <button type="submit" className="button button--primary" disabled={busy || typed.trim() === ''} data-testid="pay-send">
            {busy ? 'Sending…' : `Send ${formatMoney(batch.total)}`}
          </button>
          {canGoBack ? (
            <button type="button" className="button button--secondary" disabled={busy} onClick={onBack} data-testid="pay-back">
              Back to edit
            </button>
          ) : null}
          <span className="muted">It is sent once and never retried automatically.</span>
        </div>
      )}
    </form>
  );
}

function Outcome({attempt, permissionHelp}: {attempt: PayAttempt; permissionHelp: string}) {
  const tone = statusTone(attempt.status);
  const what = kindWord(attempt.kind);
  return (
    <div className={`notice notice--${toneVariant[tone]} pay-alert`} data-testid="pay-outcome" data-status={attempt.status}>
      <p>
        <strong data-testid="pay-outcome-status">
          {attempt.batchCount > 1 ? `Batch ${String(attempt.batchIndex)} of ${String(attempt.batchCount)}: ` : ''}
          {attempt.statusText}
        </strong>
      </p>
      {attempt.lines
        .filter((l) => l.paymentReference !== '')
        .slice(0, 3)
        .map((l, i) => (
          <p key={`${String(i)}-${l.paymentReference}`} data-testid="pay-outcome-reference">
            Investec reference {l.paymentReference}
            {l.paymentDate ? `, payment date ${formatDate(l.paymentDate)}` : ''}
            {l.bankStatus.length > 0 ? ` — ${l.bankStatus.join('; ')}` : ''}
          </p>
        ))}
      {attempt.lines.filter((l) => l.paymentReference !== '').length > 3 ? (
        <p>…and {attempt.lines.filter((l) => l.paymentReference !== '').length - 3} more; see the journal.</p>
      ) : null}
      {attempt.errorMessage ? <p data-testid="pay-outcome-error">{attempt.errorMessage}</p> : null}
      {attempt.status === 'unknown' ? (
        <p>
          Check your transactions before you try this {what} again. The next sync looks for it and marks it matched when it finds it.
        </p>
      ) : null}
      {attempt.errorCode === 'forbidden' && !attempt.errorMessage.includes('Investec Developer') ? <p>{permissionHelp}</p> : null}
    </div>
  );
}

interface FinishedBoxProps {
  review: PayReview;
  outcomes: readonly PayAttempt[];
  sync: ReviewSyncState;
  syncMessage?: string | undefined;
  balances?: readonly PayAccountRef[] | undefined;
  transactionsPath: string;
  onDone: () => void;
}

function FinishedBox({review, outcomes, sync, syncMessage, balances, transactionsPath, onDone}: FinishedBoxProps) {
  const what = kindWord(review.kind);
  const unsent = review.batches.length - outcomes.length;
  return (
    <div className="section">
      {unsent > 0 ? (
        <p className="notice notice--warning pay-alert" data-testid="pay-unsent">
          {unsent} batch{unsent === 1 ? ' was' : 'es were'} not sent because the one before did not go through. Review again to send the rest.
        </p>
      ) : null}
      {sync !== 'idle' ? (
        <p role="status" data-testid="pay-sync-status" data-sync={sync}>
          {sync === 'syncing' ? 'Syncing so it shows in your transactions and balances…' : null}
          {sync === 'done' ? `Synced: the ${what} shows in your transactions.` : null}
          {sync === 'failed' ? `The sync afterwards failed (${syncMessage ?? 'unknown reason'}); sync again later to see the ${what}.` : null}
        </p>
      ) : null}
      {sync === 'done' && balances && balances.length > 0 ? (
        <dl className="details" data-testid="pay-balances">
          {balances.map((a) => (
            <div key={a.id} className="pay-contents" data-testid="pay-balance" data-account={a.id}>
              <dt>{a.name}</dt>
              <dd className="money">
                {a.current !== undefined ? `Balance ${formatMoney(a.current)}` : 'No balance cached'}
                {a.available !== undefined ? ` · available ${formatMoney(a.available)}` : ''}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <div className="row">
        <button type="button" className="button button--primary" onClick={onDone} data-testid="pay-done">
          Make another {what}
        </button>
        <Link to={transactionsPath} className="button button--secondary">
          See your transactions
        </Link>
      </div>
    </div>
  );
}
