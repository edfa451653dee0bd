import {formatMoney} from '../../lib/format';
import type {TransactionTotals} from '../../lib/review/types';

const countFormat = new Intl.NumberFormat('en-ZA');

/** formatCount writes a count the South African way ("1 000 000"). */
export function formatCount(n: number): string {
  return countFormat.format(n);
}

/**
 * TotalsBar shows what the current filter selects, all of it and not just
 * the rows on screen: how many transactions, money in, money out and net.
 * The count is announced politely when it changes.
 */
export function TotalsBar({totals, loading, search}: {totals?: TransactionTotals; loading: boolean; search?: string}) {
  if (!totals) {
    return (
      <div className="tx-totals" data-testid="tx-totals" aria-busy="true">
        <span className="muted">{loading ? 'Counting…' : ''}</span>
      </div>
    );
  }
  return (
    <div className="tx-totals" data-testid="tx-totals" aria-busy={loading}>
      <div className="tx-totals__item">
        <span className="tx-totals__value" role="status" aria-live="polite" data-testid="tx-count" data-count={totals.count} data-search={search}>
          {formatCount(totals.count)} transaction{totals.count === 1 ? '' : 's'}
        </span>
      </div>
      <div className="tx-totals__item">
        <span className="hint">In</span>
        <span className="money money--credit tx-totals__value" data-testid="tx-in" data-cents={totals.in}>
          {formatMoney(totals.in)}
        </span>
      </div>
      <div className="tx-totals__item">
        <span className="hint">Out</span>
        <span className="money money--debit tx-totals__value" data-testid="tx-out" data-cents={totals.out}>
          {formatMoney(totals.out)}
        </span>
      </div>
      <div className="tx-totals__item">
        <span className="hint">Net</span>
        <span className="money tx-totals__value" data-testid="tx-net" data-cents={totals.net}>
          {formatMoney(totals.net, {signDisplay: 'exceptZero'})}
        </span>
      </div>
    </div>
  );
}
