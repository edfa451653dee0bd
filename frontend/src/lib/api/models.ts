/**
 * Types that cross the bridge, from the Wails-generated wailsjs/go/models.ts
 * (TypeScript namespace `domain`, generated from backend/domain).
 *
 * Wails only generates a type once a bound method takes or returns it. Event
 * payloads that no bound method mentions yet are mirrored here by hand from
 * backend/domain; models.contract.test.ts compares their fields with the Go
 * json tags, so a rename on either side fails the unit tests. When a bound
 * method starts using one of them, replace the mirror with the generated
 * class.
 */
import {domain} from '../../../wailsjs/go/models';

/**
 * Data is the plain data shape of a generated model class: its fields,
 * without the class. Views build and pass plain objects; the gateway turns
 * them into the generated classes (Class.createFrom) before a call.
 */
export type Data<T> = {[K in keyof T]: T[K]};

/** AppInfo describes the running build (domain.AppInfo). */
export type AppInfo = Data<domain.AppInfo>;

/** ShellReport is what the frontend reports once its shell rendered (domain.ShellReport). */
export type ShellReport = Data<domain.ShellReport>;

/** Money is an amount in integer cents (domain.Money, a JSON integer on the wire). */
export type Money = number;

/** SyncPhase mirrors domain.SyncPhase (backend/domain/sync.go). */
export type SyncPhase =
  | 'started'
  | 'accounts'
  | 'balances'
  | 'transactions'
  | 'pending'
  | 'beneficiaries'
  | 'documents'
  | 'account_done'
  | 'account_error'
  | 'waiting'
  | 'finished';

/** SyncProgress mirrors domain.SyncProgress: one progress event of a running sync. */
export interface SyncProgress {
  runId: number;
  phase: SyncPhase;
  accountId: string;
  accountName: string;
  /** 1-based. */
  accountIndex: number;
  accountCount: number;
  windowFrom: string;
  windowTo: string;
  /** Transactions fetched so far in this run. */
  fetched: number;
  /** Net new rows so far in this run. */
  inserted: number;
  message: string;
}

/** SyncRun mirrors domain.SyncRun: the recorded result of one sync. */
export interface SyncRun {
  id: number;
  startedAt: string;
  finishedAt: string;
  /** manual, background or cli. */
  trigger: string;
  accounts: number;
  fetched: number;
  added: number;
  removed: number;
  /** Accounts that failed. */
  failed: number;
  errorCode: `${domain.Code}` | '';
  errorMessage: string;
}

/**
 * NetStatus is the payload of the `net:status` event. backend/domain names
 * the event (EventOnline) but defines no payload yet; this is the shape the
 * frontend expects: `online` is required, the rest is optional detail.
 */
export interface NetStatus {
  online: boolean;
  /** A short, safe explanation, e.g. "Investec cannot be reached". */
  message?: string;
  /** RFC 3339 time of the check. */
  checkedAt?: string;
}
