/**
 * The Statements & export part of the API gateway: exports for an
 * accountant (Excel workbook, CSV, OFX, the accountant pack) with progress
 * and cancel, and the documents archive (statements and tax certificates:
 * list, download, open offline).
 *
 * The types below are plain data mirroring backend/domain/export.go and
 * backend/domain/statements.go; export.contract.test.ts checks them against
 * the Go structs and the generated classes.
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

/** PeriodRequest is the period a person chose; only the chosen preset's fields are read. */
export interface PeriodRequest {
  preset: PeriodPreset;
  /** YYYY-MM for 'month' ('' = this month). */
  month: string;
  /** The calendar year a tax year starts in, for 'tax_year' (2025 = 2025-26; 0 = the current one). */
  taxYear: number;
  /** YYYY-MM-DD, inclusive, for 'custom'. */
  from: string;
  to: string;
}

/** ExportRequest is what to export, and where ('' = a new file or folder in the default folder). */
export interface ExportRequest {
  period: PeriodRequest;
  /** Empty means every account. */
  accountIds: string[];
  format: ExportFormat;
  path: string;
  /** A pack written to the default folder becomes a zip archive. */
  zip: boolean;
  /** Leave statements and tax certificates out of a pack. */
  noDocuments: boolean;
}

/** Period is a resolved range of whole days with its label ("2025-26", "May 2026"). */
export interface Period {
  from: string;
  to: string;
  label: string;
}

/** ExportPlan is where an export goes by default, before anything is written. */
export interface ExportPlan {
  period: Period;
  folder: string;
  name: string;
  path: string;
  isFolder: boolean;
}

/** ExportedFile is one file an export wrote (name relative to the output). */
export interface ExportedFile {
  name: string;
  size: number;
  sha256: string;
}

/** CheckStatus is the outcome of one reconciliation check. */
export type CheckStatus = 'ok' | 'mismatch' | 'unavailable';

/** ReconciliationCheck is OK, or a difference in cents with a sentence saying where. */
export interface ReconciliationCheck {
  status: CheckStatus;
  difference: number;
  detail: string;
}

/** AccountReconciliation is what an export found for one account (amounts in cents). */
export interface AccountReconciliation {
  accountId: string;
  accountNumber: string;
  accountName: string;
  productName: string;
  sheet: string;
  opening: number;
  in: number;
  /** Positive. */
  out: number;
  closing: number;
  transactions: number;
  pending: number;
  arithmetic: ReconciliationCheck;
  runningBalance: ReconciliationCheck;
}

/** ExportOutcome is what an export wrote. */
export interface ExportOutcome {
  format: ExportFormat;
  path: string;
  period: Period;
  files: ExportedFile[];
  /** Empty for CSV and OFX, which do not check balances. */
  accounts: AccountReconciliation[];
  transactions: number;
}

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
export interface DocumentKey {
  accountId: string;
  documentType: string;
  documentDate: string;
}

/** DocumentQuery selects documents ('' dates = unbounded; empty lists = all). */
export interface DocumentQuery {
  accountIds: string[];
  from: string;
  to: string;
  types: string[];
  /** Ask Investec for the list first. */
  refresh: boolean;
}

/** DocumentEntry is one listed document and whether it is in the local archive. */
export interface DocumentEntry {
  accountId: string;
  accountNumber: string;
  accountLabel: string;
  documentType: string;
  typeLabel: string;
  documentDate: string;
  downloaded: boolean;
  size: number;
  sha256: string;
  listedAt: string;
}

/** DocumentList is the answer to a DocumentQuery. */
export interface DocumentList {
  documents: DocumentEntry[];
  refreshed: boolean;
  /** Why a requested refresh failed (e.g. 'offline'); the list is then the cached one. */
  refreshCode: string;
  refreshMessage: string;
  business: boolean;
}

/** DocumentsProgress is the payload of `documents:progress`. */
export interface DocumentsProgress {
  done: number;
  total: number;
  current: DocumentKey;
  failed: number;
  finished: boolean;
}

/** DocumentDownloadResult is what downloading a period's documents did. */
export interface DocumentDownloadResult {
  downloaded: number;
  archived: number;
  failed: number;
  errorCode: string;
  errorMessage: string;
  documents: DocumentEntry[];
}

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
