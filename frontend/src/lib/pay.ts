/**
 * Pure helpers of Pay & Transfer: empty forms, field problems per payment
 * line, what to send as the typed confirmation, and how outcomes are
 * described. No API calls.
 */
import type {Beneficiary, PayAttempt, PayBatch, PayKind, PaymentForm, PaymentLineForm, PayStatus, TransferForm} from './api/payments';
import {centsToDecimal, formatMoney, parseMoney} from './format';

// Components may not import the gateway; they take Pay & Transfer's types
// from here.
export type {
  Beneficiary,
  PayAccountRef,
  PayAccountSetup,
  PayAttempt,
  PayAuthorisation,
  PayBatch,
  PayChoice,
  PayKind,
  PayLimits,
  PayLine,
  PaymentForm,
  PaymentLineForm,
  PayPermission,
  PayReview,
  PaySetup,
  PayStatus,
  PayTemplate,
  TransferForm,
} from './api/payments';

/** ConfirmWord is the word that confirms instead of the amount. */
export const ConfirmWord = 'CONFIRM';

/** emptyTransfer returns a blank transfer form. */
export function emptyTransfer(fromAccountId = '', toAccountId = ''): TransferForm {
  return {fromAccountId, toAccountId, amount: '', myReference: '', theirReference: ''};
}

/** emptyPayment returns a payment form with no lines. */
export function emptyPayment(fromAccountId = ''): PaymentForm {
  return {fromAccountId, lines: [], authoriserAId: '', authoriserBId: '', authPeriodId: ''};
}

/**
 * lineFor starts a payment line for a beneficiary, with the references
 * prefilled from what Investec Online keeps for it (trimmed to the app's
 * limits).
 */
export function lineFor(b: Beneficiary, myMax: number, theirMax: number): PaymentLineForm {
  return {
    beneficiaryId: b.id,
    amount: '',
    myReference: b.referenceName.slice(0, myMax),
    theirReference: b.referenceAccountNumber.slice(0, theirMax),
    fasterPayment: false,
  };
}

/**
 * lineErrors picks the problems of payment line i out of the backend's
 * field problems (named lines[i].field), keyed by the line's field.
 */
export function lineErrors(errors: Readonly<Record<string, string>>, i: number): Record<string, string> {
  const prefix = `lines[${String(i)}].`;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    if (k.startsWith(prefix)) {
      out[k.slice(prefix.length)] = v;
    }
  }
  return out;
}

/**
 * confirmationText turns what the person typed into what is sent to
 * confirm: the word CONFIRM as it is, else the amount read exactly (so
 * "10,12" or "R 10.12" become "10.12"), else the text unchanged for the
 * backend to refuse.
 */
export function confirmationText(typed: string): string {
  const t = typed.trim();
  if (t.toUpperCase() === ConfirmWord) {
    return ConfirmWord;
  }
  const parsed = parseMoney(t);
  return parsed.ok ? centsToDecimal(parsed.cents) : t;
}

/** kindWord names a kind in a sentence. */
export function kindWord(kind: PayKind): string {
  return kind === 'transfer' ? 'transfer' : 'payment';
}

/** batchSummary describes one request, e.g. "Batch 1 of 2: 50 payments, R 5 000,00". */
export function batchSummary(b: PayBatch, kind: PayKind): string {
  const n = b.lines.length;
  const what = `${String(n)} ${kindWord(kind)}${n === 1 ? '' : 's'}`;
  return `Batch ${String(b.index)} of ${String(b.count)}: ${what}, ${formatMoney(b.total)}`;
}

/** StatusTone is how an outcome is coloured. */
export type StatusTone = 'ok' | 'info' | 'warning' | 'danger';

/** statusTone says how to colour a journal status. */
export function statusTone(s: PayStatus): StatusTone {
  switch (s) {
    case 'succeeded':
    case 'matched':
      return 'ok';
    case 'unknown':
    case 'partial':
    case 'sending':
      return 'warning';
    case 'rejected':
    case 'failed':
      return 'danger';
    case 'reviewed':
      return 'info';
  }
}

/** movedMoney reports whether an outcome may have moved money (a sync is worth it). */
export function movedMoney(a: PayAttempt): boolean {
  return a.status === 'succeeded' || a.status === 'partial';
}

/** targetSummary names where an attempt's money went. */
export function targetSummary(a: PayAttempt): string {
  const first = a.lines[0];
  if (!first) {
    return '';
  }
  return a.lines.length === 1 ? first.targetName : `${first.targetName} and ${String(a.lines.length - 1)} more`;
}

/** referenceCount shows how much of a reference's limit is used, e.g. "7/30". */
export function referenceCount(text: string, max: number): string {
  let n = 0;
  for (const ch of text) {
    if (ch !== '') {
      n++;
    }
  }
  return `${String(n)}/${String(max)}`;
}
