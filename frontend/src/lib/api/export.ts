/**
 * The Statements & export part of the API gateway: exports for an
 * accountant (Excel workbook, CSV, OFX, the accountant pack) with progress
 * and cancel, and the documents archive (statements and tax certificates:
 * list, download, open offline).
 *
 * The types below are the plain data of the generated classes
 * (backend/domain/export.go and statements.go), with the string unions Wails
 * writes as plain strings narrowed; the two progress events, which no bound
 * method mentions, are written out. export.contract.test.ts checks them
 * against the Go structs and constants.
 */
import {domain} from '../../../wailsjs/go/models';
import {
  Accounts,
  CancelDocuments,
  CancelExport,
  ChooseExportPath,
  Documents,
  DownloadDocument,
  DownloadDocuments,
  Export,
  ExportPlan as ExportPlanCall,
  OpenDocument,
  ShowExport,
} from '../../../wailsjs/go/main/App';
import {accountLabel} from '../statements';
import {call} from './call';
import type {Data, DataWith} from './models';

declare module './events' {
  interface BackendEvents {
    'export:progress': ExportProgress;
    'documents:progress': DocumentsProgress;
  }
}

/** ExportEvents names this feature's backend events. */
export const ExportEvents = {
  ExportProgress: 'export:progress',
  DocumentsProgress: 'documents:progress',
} as const;

/** PeriodPreset is a way of choosing the dates an export covers (domain.PeriodPreset). */
export type PeriodPreset = 'month' | 'last_month' | 'tax_year' | 'last_tax_year' | 'custom';

/** ExportFormat is what an export produces (domain.ExportFormat). */
export type ExportFormat = 'xlsx' | 'csv' | 'ofx' | 'pack';

/**
 * PeriodRequest is the period a person chose; only the chosen preset's
 * fields are read: month (YYYY-MM, '' = this month) for 'month', taxYear
 * (the calendar year the tax year starts in: 2025 = 2025-26, 0 = the current
 * one) for 'tax_year', from and to (YYYY-MM-DD, inclusive) for 'custom'.
 */
export type PeriodRequest = DataWith<domain.PeriodRequest, {preset: PeriodPreset}>;

/**
 * ExportRequest is what to export, and where (path '' = a new file or folder
 * in the default folder). Empty accountIds means every account; zip makes a
 * pack written to the default folder a zip archive; noDocuments leaves the
 * statements and tax certificates out of a pack.
 */
export type ExportRequest = DataWith<domain.ExportRequest, {period: PeriodRequest; format: ExportFormat}>;

/** Period is a resolved range of whole days with its label ("2025-26", "May 2026"). */
export type Period = Data<domain.Period>;

/** ExportPlan is where an export goes by default, before anything is written. */
export type ExportPlan = Data<domain.ExportPlan>;

/** ExportedFile is one file an export wrote (name relative to the output). */
export type ExportedFile = Data<domain.ExportedFile>;

/** CheckStatus is the outcome of one reconciliation check. */
export type CheckStatus = 'ok' | 'mismatch' | 'unavailable';

/** ReconciliationCheck is OK, or a difference in cents with a sentence saying where. */
export type ReconciliationCheck = DataWith<domain.ReconciliationCheck, {status: CheckStatus}>;

/** AccountReconciliation is what an export found for one account (amounts in cents; out is positive). */
export type AccountReconciliation = DataWith<
  domain.AccountReconciliation,
  {arithmetic: ReconciliationCheck; runningBalance: ReconciliationCheck}
>;

/** ExportOutcome is what an export wrote; accounts is empty for CSV and OFX, which do not check balances. */
export type ExportOutcome = DataWith<domain.ExportOutcome, {format: ExportFormat; accounts: AccountReconciliation[]}>;

/** ExportPhase says what a running export is doing. */
export type ExportPhase = 'workbook' | 'csv' | 'ofx' | 'documents' | 'manifest' | 'done';

/** ExportProgress is the payload of `export:progress`. */
export interface ExportProgress {
  phase: ExportPhase;
  file: string;
  accountId: string;
  rows: number;
  /** 0 when unknown. */
  total: number;
}

/** DocumentKey names one document of one account. */
export type DocumentKey = Data<domain.DocumentKey>;

/** DocumentQuery selects documents ('' dates = unbounded; empty lists = all); refresh asks Investec for the list first. */
export type DocumentQuery = Data<domain.DocumentQuery>;

/** DocumentEntry is one listed document and whether it is in the local archive. */
export type DocumentEntry = Data<domain.DocumentEntry>;

/**
 * DocumentList is the answer to a DocumentQuery. refreshCode says why a
 * requested refresh failed (e.g. 'offline'); the list is then the cached one.
 */
export type DocumentList = DataWith<domain.DocumentList, {refreshCode: string}>;

/** DocumentsProgress is the payload of `documents:progress`. */
export interface DocumentsProgress {
  done: number;
  total: number;
  current: DocumentKey;
  failed: number;
  finished: boolean;
}

/** DocumentDownloadResult is what downloading a period's documents did. */
export type DocumentDownloadResult = DataWith<domain.DocumentDownloadResult, {errorCode: string}>;

/** AccountChoice is a cached account as the export and statements forms offer it. */
export interface AccountChoice {
  id: string;
  number: string;
  /** Product name and the last four digits, e.g. "Private Bank Account 5044". */
  label: string;
  name: string;
}

/** exportAccounts lists the cached accounts, in the bank's order. */
export async function exportAccounts(): Promise<AccountChoice[]> {
  const list = await call(() => Accounts());
  return list.map((a) => ({id: a.id, number: a.number, name: a.name, label: accountLabel(a)}));
}

function request(req: ExportRequest): domain.ExportRequest {
  return domain.ExportRequest.createFrom(req);
}

/** exportPlan resolves a request's period and default output path, writing nothing. */
export function exportPlan(req: ExportRequest): Promise<ExportPlan> {
  return call(() => ExportPlanCall(request(req)));
}

/**
 * chooseExportPath asks where to save with the system's save (or folder)
 * dialog; it resolves to '' when the person cancels.
 */
export function chooseExportPath(req: ExportRequest): Promise<string> {
  return call(() => ChooseExportPath(request(req)));
}

/** runExport writes the export; progress arrives as `export:progress` events. */
export async function runExport(req: ExportRequest): Promise<ExportOutcome> {
  return (await call(() => Export(request(req)))) as ExportOutcome;
}

/** cancelExport stops the running export; it leaves nothing behind. */
export function cancelExport(): Promise<void> {
  return call(() => CancelExport());
}

/** showExport opens the folder of an export this session wrote. */
export function showExport(path: string): Promise<void> {
  return call(() => ShowExport(path));
}

/** listDocuments lists statements and tax certificates with their archive state. */
export function listDocuments(q: DocumentQuery): Promise<DocumentList> {
  return call(() => Documents(domain.DocumentQuery.createFrom(q)));
}

/** downloadDocument puts one document in the local archive. */
export function downloadDocument(k: DocumentKey): Promise<DocumentEntry> {
  return call(() => DownloadDocument(domain.DocumentKey.createFrom(k)));
}

/** downloadDocuments puts every listed document of a query in the archive; progress arrives as `documents:progress`. */
export function downloadDocuments(q: DocumentQuery): Promise<DocumentDownloadResult> {
  return call(() => DownloadDocuments(domain.DocumentQuery.createFrom(q)));
}

/** cancelDocuments stops downloadDocuments; what it downloaded stays. */
export function cancelDocuments(): Promise<void> {
  return call(() => CancelDocuments());
}

/** openDocument opens a document in the system's viewer (downloading it first if needed). */
export function openDocument(k: DocumentKey): Promise<void> {
  return call(() => OpenDocument(domain.DocumentKey.createFrom(k)));
}
