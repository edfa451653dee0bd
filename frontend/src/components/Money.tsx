import {formatMoney, type SignDisplay} from '../lib/format';

/** MoneyProps are the props of Money. */
export interface MoneyProps {
  /** The amount in integer cents. */
  cents: number;
  /** Colour credits and debits (default false: neutral text). */
  tone?: boolean;
  signDisplay?: SignDisplay;
}

/**
 * Money shows an amount as rand with tabular figures, optionally coloured
 * as a credit (positive) or debit (negative).
 */
export function Money({cents, tone = false, signDisplay}: MoneyProps) {
  const direction = cents > 0 ? 'credit' : cents < 0 ? 'debit' : 'zero';
  const cls = tone && direction !== 'zero' ? `money money--${direction}` : 'money';
  return (
    <span className={cls} data-direction={direction}>
      {formatMoney(cents, signDisplay ? {signDisplay} : {})}
    </span>
  );
}
