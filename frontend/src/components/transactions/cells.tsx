import {formatDate, formatMoney} from '../../lib/format';
import type {Direction, Transaction} from '../../lib/review/types';
import {splitWords} from '../charts/chartOptions';
import type {Choice} from '../Field';

/** directionLabels name a direction filter's values (rules have one too). */
export const directionLabels: Readonly<Record<Direction | '', string>> = {'': 'In and out', CREDIT: 'Money in', DEBIT: 'Money out'};

/** directionChoices are the "Money" options of the filter bar and the rule form. */
export const directionChoices: readonly Choice<Direction | ''>[] = (['', 'CREDIT', 'DEBIT'] as const).map((value) => ({
  value,
  label: directionLabels[value],
}));

/** bookDate is the date a row is listed under: posting date, or the transaction date while pending. */
export function bookDate(t: Transaction): string {
  return t.status === 'PENDING' || t.postingDate === '' ? t.transactionDate : t.postingDate;
}

/** cardTail shows a masked card number by its last four digits ("•••• 1234"). */
export function cardTail(card: string): string {
  const digits = card.replace(/[^0-9]/g, '');
  return digits.length >= 4 ? `•••• ${digits.slice(-4)}` : card;
}

/** typeLabel shows Investec's transactionType in words. */
export function typeLabel(t: string): string {
  return t === '' ? '' : splitWords(t);
}

/**
 * SignedAmount shows an amount so money in and out differ without colour:
 * an explicit sign and an arrow (and the words for screen readers), as well
 * as the credit and debit colours.
 */
export function SignedAmount({cents, direction}: {cents: number; direction: string}) {
  const credit = direction === 'CREDIT';
  return (
    <span className={`money amount ${credit ? 'money--credit' : 'money--debit'}`} data-direction={credit ? 'credit' : 'debit'}>
      <span className="visually-hidden">{credit ? 'Money in ' : 'Money out '}</span>
      <span aria-hidden="true" className="amount__arrow">
        {credit ? '↙' : '↗'}
      </span>
      {formatMoney(credit ? Math.abs(cents) : -Math.abs(cents), {signDisplay: 'always'})}
    </span>
  );
}

/** StatusBadge marks pending rows clearly; posted rows are the normal case. */
export function StatusBadge({status}: {status: string}) {
  return status === 'PENDING' ? (
    <span className="badge badge--warning tx-badge tx-badge--pending" data-testid="status-pending">
      Pending
    </span>
  ) : (
    <span className="muted">Posted</span>
  );
}

/** DateText formats a row's date. */
export function DateText({t}: {t: Transaction}) {
  return <span className="nowrap">{formatDate(bookDate(t))}</span>;
}
