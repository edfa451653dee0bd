/**
 * Pay & Transfer's part of the API gateway: transfers between the person's
 * own accounts and payments to beneficiaries. The backend reviews first
 * (nothing is sent), then sends one reviewed batch once when it is
 * confirmed; confirming the same batch again returns the first outcome.
 *
 * The types below are plain data mirrors of the generated classes
 * (backend/domain/payments.go); the `Same` checks at the end fail the type
 * check when a field is added, renamed or removed on either side.
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
import type {Data, SyncRun} from './models';

/** PayKind: a transfer between own accounts or a payment to beneficiaries. */
export type PayKind = 'transfer' | 'payment';

/** PayStatus is where an attempt stands in the journal (domain.PayStatus). */
export type PayStatus = 'reviewed' | 'sending' | 'succeeded' | 'partial' | 'rejected' | 'failed' | 'unknown' | 'matched';

/** PayPermission says whether the API key may move money of one kind. */
export type PayPermission = 'granted' | 'missing' | 'unknown';

/** TransferForm is a transfer as typed; amount is text in rands. */
export interface TransferForm {
  fromAccountId: string;
  toAccountId: string;
  amount: string;
  myReference: string;
  theirReference: string;
}

/** PaymentLineForm is one payment as typed. */
export interface PaymentLineForm {
  beneficiaryId: string;
  amount: string;
  myReference: string;
  theirReference: string;
  fasterPayment: boolean;
}

/** PaymentForm pays one or more beneficiaries from one account. */
export interface PaymentForm {
  fromAccountId: string;
  lines: PaymentLineForm[];
  authoriserAId: string;
  authoriserBId: string;
  authPeriodId: string;
}

/** PayAccountRef names an account; the balances are in cents, absent when not cached. */
export interface PayAccountRef {
  id: string;
  number: string;
  name: string;
  productName: string;
  current?: number;
  available?: number;
}

/** PayMatch is the posted transaction a sync matched to an unknown outcome. */
export interface PayMatch {
  transactionId: number;
  accountId: string;
  postingDate: string;
  transactionDate: string;
  description: string;
  amount: number;
  postedOrder: number;
}

/** PayLine is one transfer or payment as sent, with the bank's answer. */
export interface PayLine {
  targetId: string;
  targetName: string;
  targetNumber: string;
  targetBank: string;
  amount: number;
  myReference: string;
  theirReference: string;
  fasterPayment: boolean;
  paymentReference: string;
  paymentDate: string;
  bankStatus: string[];
  beneficiaryName: string;
  authorisationRequired: boolean;
  match?: PayMatch;
}

/** PayChoice is an authoriser or an authorisation period. */
export interface PayChoice {
  id: string;
  name: string;
}

/** PayAuthorisation is what an account's dual authorisation offers. */
export interface PayAuthorisation {
  required: number;
  authorisersA: PayChoice[];
  authorisersB: PayChoice[];
  periods: PayChoice[];
}

/** PayAuthorisers are the authorisers and period chosen. */
export interface PayAuthorisers {
  authoriserA: PayChoice;
  authoriserB: PayChoice;
  period: PayChoice;
}

/** PayDuplicate: an identical one was sent in the last ten minutes. */
export interface PayDuplicate {
  attemptId: string;
  sentAt: string;
  minutesAgo: number;
  message: string;
}

/** PayWarning is worth knowing but does not stop the payment. */
export interface PayWarning {
  code: string;
  field: string;
  message: string;
}

/** PayBatch is one request to the bank (at most 50 payments), confirmed on its own. */
export interface PayBatch {
  attemptId: string;
  index: number;
  count: number;
  lines: PayLine[];
  total: number;
  duplicate?: PayDuplicate;
}

/** PayLimits is the local daily limit and today's use (SAST). */
export interface PayLimits {
  day: string;
  dailyLimit: number;
  usedToday: number;
  remaining: number;
}

/** PayReview is exactly what will be sent; nothing has been sent. */
export interface PayReview {
  groupId: string;
  kind: PayKind;
  from: PayAccountRef;
  batches: PayBatch[];
  total: number;
  authorisers?: PayAuthorisers;
  warnings: PayWarning[];
  limits: PayLimits;
  reviewedAt: string;
  expiresAt: string;
}

/** PayConfirmation confirms one batch: the amount again or CONFIRM. */
export interface PayConfirmation {
  attemptId: string;
  typed: string;
  acknowledgeDuplicate: boolean;
}

/** PayAttempt is one journal entry. */
export interface PayAttempt {
  id: string;
  groupId: string;
  batchIndex: number;
  batchCount: number;
  kind: PayKind;
  from: PayAccountRef;
  profileId: string;
  lines: PayLine[];
  total: number;
  authorisers?: PayAuthorisers;
  status: PayStatus;
  statusText: string;
  errorCode: string;
  errorMessage: string;
  bankMessage: string;
  duplicateAcknowledged: boolean;
  reviewedAt: string;
  sentAt: string;
  finishedAt: string;
  matchedAt: string;
}

/** PayTemplate is a saved transfer or payment. */
export interface PayTemplate {
  id: number;
  name: string;
  kind: PayKind;
  transfer?: TransferForm;
  payment?: PaymentForm;
  createdAt: string;
  updatedAt: string;
}

/** PaySetup is what the view starts from. */
export interface PaySetup {
  available: boolean;
  reason: string;
  accounts: PayAccountRef[];
  transfers: PayPermission;
  payments: PayPermission;
  permissionHelp: string;
  limits: PayLimits;
  templates: PayTemplate[];
  recent: PayAttempt[];
  myReferenceMax: number;
  theirReferenceMax: number;
  referenceCharacters: string;
}

/** Beneficiary is a payee created in Investec Online (domain.Beneficiary). */
export interface Beneficiary {
  id: string;
  name: string;
  beneficiaryName: string;
  accountNumber: string;
  branchCode: string;
  bank: string;
  referenceName: string;
  referenceAccountNumber: string;
  categoryId: string;
  profileId: string;
  fasterPaymentAllowed: boolean;
  lastPaymentAmount?: number;
  lastPaymentDate: string;
  beneficiaryType: string;
}

/** PayAccountSetup is what paying from one account needs. */
export interface PayAccountSetup {
  accountId: string;
  beneficiaries: Beneficiary[];
  fromCache: boolean;
  authorisation?: PayAuthorisation;
  notice: string;
}

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

// Compile-time contract with the generated classes: every mirror has
// exactly the generated fields.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Fields<T> = keyof Data<T>;
type AllTrue<T extends true[]> = T;
/** PayContract fails to type-check when a mirror drifts from its generated class. */
export type PayContract = AllTrue<[
  Same<keyof TransferForm, Fields<domain.TransferForm>>,
  Same<keyof PaymentLineForm, Fields<domain.PaymentLineForm>>,
  Same<keyof PaymentForm, Fields<domain.PaymentForm>>,
  Same<keyof PayAccountRef, Fields<domain.PayAccountRef>>,
  Same<keyof PayMatch, Fields<domain.PayMatch>>,
  Same<keyof PayLine, Fields<domain.PayLine>>,
  Same<keyof PayChoice, Fields<domain.PayChoice>>,
  Same<keyof PayAuthorisation, Fields<domain.PayAuthorisation>>,
  Same<keyof PayAuthorisers, Fields<domain.PayAuthorisers>>,
  Same<keyof PayDuplicate, Fields<domain.PayDuplicate>>,
  Same<keyof PayWarning, Fields<domain.PayWarning>>,
  Same<keyof PayBatch, Fields<domain.PayBatch>>,
  Same<keyof PayLimits, Fields<domain.PayLimits>>,
  Same<keyof PayReview, Fields<domain.PayReview>>,
  Same<keyof PayConfirmation, Fields<domain.PayConfirmation>>,
  Same<keyof PayAttempt, Fields<domain.PayAttempt>>,
  Same<keyof PayTemplate, Fields<domain.PayTemplate>>,
  Same<keyof PaySetup, Fields<domain.PaySetup>>,
  Same<keyof Beneficiary, Fields<domain.Beneficiary>>,
  Same<keyof PayAccountSetup, Fields<domain.PayAccountSetup>>,
]>;
