/**
 * Pay & Transfer's part of the API gateway: transfers between the person's
 * own accounts and payments to beneficiaries. The backend reviews first
 * (nothing is sent), then sends one reviewed batch once when it is
 * confirmed; confirming the same batch again returns the first outcome.
 *
 * The types below are the plain data of the generated classes
 * (backend/domain/payments.go), with the string unions Wails writes as plain
 * strings narrowed (payments.contract.test.ts checks them against the Go
 * constants).
 */
import {domain} from '../../../wailsjs/go/models';
import {
  ConfirmPay,
  DeletePayTemplate,
  PayAccount,
  PayJournal,
  PaySetup,
  ReviewPayment,
  ReviewTransfer,
  SavePayTemplate,
  SetPayDailyLimit,
  SyncAfterPayment,
  SyncNow,
} from '../../../wailsjs/go/main/App';
import {call} from './call';
import type {Data, DataWith, SyncRun} from './models';

/** PayKind: a transfer between own accounts or a payment to beneficiaries. */
export type PayKind = 'transfer' | 'payment';

/** PayStatus is where an attempt stands in the journal (domain.PayStatus). */
export type PayStatus = 'reviewed' | 'sending' | 'succeeded' | 'partial' | 'rejected' | 'failed' | 'unknown' | 'matched';

/** PayPermission says whether the API key may move money of one kind. */
export type PayPermission = 'granted' | 'missing' | 'unknown';

/** TransferForm is a transfer as typed; amount is text in rands. */
export type TransferForm = Data<domain.TransferForm>;

/** PaymentLineForm is one payment as typed. */
export type PaymentLineForm = Data<domain.PaymentLineForm>;

/** PaymentForm pays one or more beneficiaries from one account. */
export type PaymentForm = Data<domain.PaymentForm>;

/** PayAccountRef names an account; the balances are in cents, absent when not cached. */
export type PayAccountRef = Data<domain.PayAccountRef>;

/** PayMatch is the posted transaction a sync matched to an unknown outcome. */
export type PayMatch = Data<domain.PayMatch>;

/** PayLine is one transfer or payment as sent, with the bank's answer. */
export type PayLine = Data<domain.PayLine>;

/** PayChoice is an authoriser or an authorisation period. */
export type PayChoice = Data<domain.PayChoice>;

/** PayAuthorisation is what an account's dual authorisation offers. */
export type PayAuthorisation = Data<domain.PayAuthorisation>;

/** PayAuthorisers are the authorisers and period chosen. */
export type PayAuthorisers = Data<domain.PayAuthorisers>;

/** PayDuplicate: an identical one was sent in the last ten minutes. */
export type PayDuplicate = Data<domain.PayDuplicate>;

/** PayWarning is worth knowing but does not stop the payment. */
export type PayWarning = Data<domain.PayWarning>;

/** PayBatch is one request to the bank (at most 50 payments), confirmed on its own. */
export type PayBatch = Data<domain.PayBatch>;

/** PayLimits is the local daily limit and today's use (SAST). */
export type PayLimits = Data<domain.PayLimits>;

/** PayReview is exactly what will be sent; nothing has been sent. */
export type PayReview = DataWith<domain.PayReview, {kind: PayKind}>;

/** PayConfirmation confirms one batch: the amount again or CONFIRM. */
export type PayConfirmation = Data<domain.PayConfirmation>;

/** PayAttempt is one journal entry. */
export type PayAttempt = DataWith<domain.PayAttempt, {kind: PayKind; status: PayStatus; errorCode: string}>;

/** PayTemplate is a saved transfer or payment. */
export type PayTemplate = DataWith<domain.PayTemplate, {kind: PayKind}>;

/** PaySetup is what the view starts from. */
export type PaySetup = DataWith<
  domain.PaySetup,
  {transfers: PayPermission; payments: PayPermission; templates: PayTemplate[]; recent: PayAttempt[]}
>;

/** Beneficiary is a payee created in Investec Online (domain.Beneficiary). */
export type Beneficiary = Data<domain.Beneficiary>;

/** PayAccountSetup is what paying from one account needs. */
export type PayAccountSetup = Data<domain.PayAccountSetup>;

/** paySetup loads accounts, permissions, limit, templates and recent entries. */
export function paySetup(): Promise<PaySetup> {
  return call(() => PaySetup()) as Promise<PaySetup>;
}

/** payAccount loads the beneficiaries and authorisation setup of an account. */
export function payAccount(accountId: string): Promise<PayAccountSetup> {
  return call(() => PayAccount(accountId));
}

/** reviewTransfer checks a transfer; it rejects with field problems when invalid. */
export function reviewTransfer(f: TransferForm): Promise<PayReview> {
  return call(() => ReviewTransfer(domain.TransferForm.createFrom(f))) as Promise<PayReview>;
}

/** reviewPayment checks payments; line problems are named lines[i].field. */
export function reviewPayment(f: PaymentForm): Promise<PayReview> {
  return call(() => ReviewPayment(domain.PaymentForm.createFrom(f))) as Promise<PayReview>;
}

/**
 * confirmPay sends one reviewed batch, once. It resolves with the journal
 * entry whatever the bank said (look at status); it rejects only when
 * nothing was sent (wrong confirmation, expired review, daily limit, or a
 * duplicate that needs acknowledging: code conflict, field
 * acknowledgeDuplicate).
 */
export function confirmPay(c: PayConfirmation): Promise<PayAttempt> {
  return call(() => ConfirmPay(domain.PayConfirmation.createFrom(c))) as Promise<PayAttempt>;
}

/** syncAfterPayment syncs so the new transactions and balances appear. */
export function syncAfterPayment(): Promise<SyncRun> {
  return call(() => SyncAfterPayment());
}

/** syncNow fetches the accounts and transactions (used before any account is cached). */
export function syncNow(): Promise<SyncRun> {
  return call(() => SyncNow());
}

/** payJournal lists the journal, newest first (limit 0: all). */
export function payJournal(limit: number): Promise<PayAttempt[]> {
  return call(() => PayJournal(limit)) as Promise<PayAttempt[]>;
}

/** setPayDailyLimit sets the daily limit, typed in rands. */
export function setPayDailyLimit(amount: string): Promise<PayLimits> {
  return call(() => SetPayDailyLimit(amount));
}

/** savePayTemplate creates (id 0) or replaces a template. */
export function savePayTemplate(t: Omit<PayTemplate, 'createdAt' | 'updatedAt'>): Promise<PayTemplate> {
  return call(() => SavePayTemplate(domain.PayTemplate.createFrom({...t, createdAt: '', updatedAt: ''}))) as Promise<PayTemplate>;
}

/** deletePayTemplate removes a template. */
export function deletePayTemplate(id: number): Promise<void> {
  return call(() => DeletePayTemplate(id));
}
