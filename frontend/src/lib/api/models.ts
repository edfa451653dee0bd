/**
 * Types that cross the bridge, from the Wails-generated wailsjs/go/models.ts
 * (TypeScript namespace `domain`, generated from backend/domain).
 *
 * Wails only generates a type once a bound method takes or returns it. Event
 * payloads that no bound method mentions (SyncProgress, NetStatus) are
 * mirrored here by hand from the Go code; models.contract.test.ts compares
 * them with it, so a rename on either side fails the unit tests. When a
 * bound method starts using one of them, use the generated class instead.
 */
import {domain} from '../../../wailsjs/go/models';

/**
 * Data is the plain data shape of a generated model class: its fields,
 * without the class and its helper methods (convertValues), all the way
 * down: a field holding another generated class, or a list of them, holds
 * its Data. Views build and pass plain objects; the gateway turns them into
 * the generated classes (Class.createFrom) before a call.
 */
export type Data<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Plain<T[K]>;
};

/** Plain is a field's value as Data has it: a generated class (alone or in a list) becomes its Data. */
type Plain<V> = V extends readonly (infer E)[] ? Plain<E>[] : V extends object ? Data<V> : V;

/**
 * DataWith is Data<T> with some fields retyped: a string union where Wails
 * generates a plain string, a plain string where it generates an enum (an
 * error code that may be empty), or a nested type that is itself retyped.
 * Naming a field T does not have fails to compile.
 */
export type DataWith<T, Fields extends {[K in keyof Fields]: K extends keyof Data<T> ? unknown : never}> = Omit<Data<T>, keyof Fields> &
  Fields;

/** AppInfo describes the running build (domain.AppInfo). */
export type AppInfo = Data<domain.AppInfo>;

/** ShellReport is what the frontend reports once its shell rendered (domain.ShellReport). */
export type ShellReport = Data<domain.ShellReport>;

/** Connection is a named way to reach Investec; it never carries a secret (domain.Connection). */
export type Connection = Data<domain.Connection>;

/** SyncRun is the recorded result of one sync (domain.SyncRun), the payload of `sync:done`. */
export type SyncRun = Data<domain.SyncRun>;

/** AppStatus is what the top bar shows (domain.AppStatus). */
export type AppStatus = DataWith<domain.AppStatus, {net: NetState}>;

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

/** NetState mirrors domain.NetState (backend/domain/status.go). */
export type NetState = 'unknown' | 'online' | 'offline';

/**
 * NetStatus is the payload of the `net:status` event, as backend/core emits
 * it when the bank's reachability changes: {net, message}. (It has no Go
 * type of its own yet; models.contract.test.ts checks the emitting code.)
 */
export interface NetStatus {
  net: NetState;
  /** A short, safe explanation, e.g. "Investec cannot be reached". */
  message: string;
}
