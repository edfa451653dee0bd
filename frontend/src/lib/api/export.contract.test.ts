// @vitest-environment node
//
// export.ts takes its types from the generated classes (wailsjs), narrows
// the string enums by hand and writes out the two progress events. This test
// reads backend/domain/export.go and statements.go and fails when a field,
// an enum value or an event name drifts apart from the TypeScript side.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

import {describe, expect, it} from 'vitest';

import {
  ExportEvents,
  type AccountReconciliation,
  type CheckStatus,
  type DocumentDownloadResult,
  type DocumentEntry,
  type DocumentKey,
  type DocumentList,
  type DocumentQuery,
  type DocumentsProgress,
  type ExportFormat,
  type ExportOutcome,
  type ExportPhase,
  type ExportPlan,
  type ExportProgress,
  type ExportRequest,
  type ExportedFile,
  type Period,
  type PeriodPreset,
  type PeriodRequest,
  type ReconciliationCheck,
} from './export';

function goSource(path: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../../${path}`, import.meta.url)), 'utf8');
}

const goDomain = goSource('backend/domain/export.go') + goSource('backend/domain/statements.go') + goSource('backend/domain/sync.go');

function jsonFields(struct: string): string[] {
  const body = new RegExp(`type ${struct} struct \\{([\\s\\S]*?)\\n\\}`).exec(goDomain)?.[1];
  if (body === undefined) {
    throw new Error(`struct ${struct} not found`);
  }
  return [...body.matchAll(/json:"([^",]+)/g)].map((m) => m[1] ?? '').sort();
}

function constValues(type: string): string[] {
  return [...goDomain.matchAll(new RegExp(`\\w+\\s+${type}\\s+=\\s+"([^"]+)"`, 'g'))].map((m) => m[1] ?? '').sort();
}

// Each record names every field of the TS type, and nothing else.
type Keys<T> = Record<keyof T, true>;
const mirrors: Record<string, Record<string, true>> = {
  PeriodRequest: {preset: true, month: true, taxYear: true, from: true, to: true} satisfies Keys<PeriodRequest>,
  Period: {from: true, to: true, label: true} satisfies Keys<Period>,
  ExportRequest: {period: true, accountIds: true, format: true, path: true, zip: true, noDocuments: true} satisfies Keys<ExportRequest>,
  ExportPlan: {period: true, folder: true, name: true, path: true, isFolder: true} satisfies Keys<ExportPlan>,
  ExportedFile: {name: true, size: true, sha256: true} satisfies Keys<ExportedFile>,
  ReconciliationCheck: {status: true, difference: true, detail: true} satisfies Keys<ReconciliationCheck>,
  AccountReconciliation: {
    accountId: true,
    accountNumber: true,
    accountName: true,
    productName: true,
    sheet: true,
    opening: true,
    in: true,
    out: true,
    closing: true,
    transactions: true,
    pending: true,
    arithmetic: true,
    runningBalance: true,
  } satisfies Keys<AccountReconciliation>,
  ExportOutcome: {format: true, path: true, period: true, files: true, accounts: true, transactions: true} satisfies Keys<ExportOutcome>,
  ExportProgress: {phase: true, file: true, accountId: true, rows: true, total: true} satisfies Keys<ExportProgress>,
  DocumentKey: {accountId: true, documentType: true, documentDate: true} satisfies Keys<DocumentKey>,
  DocumentQuery: {accountIds: true, from: true, to: true, types: true, refresh: true} satisfies Keys<DocumentQuery>,
  DocumentEntry: {
    accountId: true,
    accountNumber: true,
    accountLabel: true,
    documentType: true,
    typeLabel: true,
    documentDate: true,
    downloaded: true,
    size: true,
    sha256: true,
    listedAt: true,
  } satisfies Keys<DocumentEntry>,
  DocumentList: {documents: true, refreshed: true, refreshCode: true, refreshMessage: true, business: true} satisfies Keys<DocumentList>,
  DocumentsProgress: {done: true, total: true, current: true, failed: true, finished: true} satisfies Keys<DocumentsProgress>,
  DocumentDownloadResult: {
    downloaded: true,
    archived: true,
    failed: true,
    errorCode: true,
    errorMessage: true,
    documents: true,
  } satisfies Keys<DocumentDownloadResult>,
};

const enums: Record<string, Record<string, true>> = {
  PeriodPreset: {month: true, last_month: true, tax_year: true, last_tax_year: true, custom: true} satisfies Record<PeriodPreset, true>,
  ExportFormat: {xlsx: true, csv: true, ofx: true, pack: true} satisfies Record<ExportFormat, true>,
  ExportPhase: {workbook: true, csv: true, ofx: true, documents: true, manifest: true, done: true} satisfies Record<ExportPhase, true>,
  CheckStatus: {ok: true, mismatch: true, unavailable: true} satisfies Record<CheckStatus, true>,
};

describe('Statements & export models mirrored from the Go code', () => {
  it.each(Object.entries(mirrors))('%s has the Go fields', (struct, fields) => {
    expect(Object.keys(fields).sort()).toEqual(jsonFields(struct));
  });

  it.each(Object.entries(enums))('%s has the Go values', (type, values) => {
    expect(Object.keys(values).sort()).toEqual(constValues(type));
  });

  it('event names match the Go constants', () => {
    expect(goDomain).toContain(`EventExportProgress = "${ExportEvents.ExportProgress}"`);
    expect(goDomain).toMatch(new RegExp(`EventDocumentsProgress\\s+=\\s+"${ExportEvents.DocumentsProgress}"`));
  });
});
