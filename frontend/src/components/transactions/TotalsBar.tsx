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
      <MoneyTotal label="In" cents={totals.in} tone="credit" testId="tx-in" />
      <MoneyTotal label="Out" cents={totals.out} tone="debit" testId="tx-out" />
      <MoneyTotal label="Net" cents={totals.net} signed testId="tx-net" />
    </div>
  );
}

interface MoneyTotalProps {
  label: string;
  cents: number;
  /** Colours the amount as money in or money out. */
  tone?: 'credit' | 'debit';
  /** Show a + on a positive amount (the net). */
  signed?: boolean;
  testId: string;
}

/** MoneyTotal is one labelled amount of the totals bar; data-cents carries the exact amount. */
function MoneyTotal({label, cents, tone, signed = false, testId}: MoneyTotalProps) {
  return (
    <div className="tx-totals__item">
      <span className="hint">{label}</span>
      <span className={tone ? `money money--${tone} tx-totals__value` : 'money tx-totals__value'} data-testid={testId} data-cents={cents}>
        {formatMoney(cents, signed ? {signDisplay: 'exceptZero'} : undefined)}
      </span>
    </div>
  );
}
