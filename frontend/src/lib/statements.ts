/**
 * Pure helpers of the Export and Statements views: tax years, export
 * progress as a fraction, reconciliation wording, byte sizes. No API calls.
 */
import type {AccountReconciliation, ExportFormat, ExportPhase, ExportProgress} from './api/export';
import {formatMoney} from './format';
import type {CalendarDate} from './format';

// The feature's bridge types, for components (which may not import the
// API gateway).
export type {
  AccountChoice,
  AccountReconciliation,
  CheckStatus,
  DocumentEntry,
  DocumentKey,
  DocumentList,
  DocumentQuery,
  DocumentsProgress,
  ExportFormat,
  ExportOutcome,
  ExportPhase,
  ExportPlan,
  ExportProgress,
  ExportRequest,
  ExportedFile,
  Period,
  PeriodPreset,
  PeriodRequest,
  ReconciliationCheck,
} from './api/export';

/** accountLabel names an account the way the export's file names do: product name and the last four digits. */
export function accountLabel(a: {number: string; productName: string; referenceName: string; name: string}): string {
  const name = a.productName.trim() || a.referenceName.trim() || a.name.trim() || 'Account';
  const num = a.number.trim();
  return num === '' ? name : `${name} ${num.slice(-4)}`;
}

/** taxYearOf returns the year the South African tax year containing d starts in (1 March to end February). */
export function taxYearOf(d: CalendarDate): number {
  return d.month < 3 ? d.year - 1 : d.year;
}

/** taxYearLabel names a tax year by its start: 2025 → "2025-26". */
export function taxYearLabel(start: number): string {
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** taxYearRange returns a tax year's first and last day (29 February in a leap year). */
export function taxYearRange(start: number): {from: string; to: string} {
  const end = start + 1;
  const leap = (end % 4 === 0 && end % 100 !== 0) || end % 400 === 0;
  return {from: `${start}-03-01`, to: `${end}-02-${leap ? '29' : '28'}`};
}

/** today returns the local calendar date. */
export function today(now: Date = new Date()): CalendarDate {
  return {year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate()};
}

/** isoDate writes a calendar date as YYYY-MM-DD. */
export function isoDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** exportSteps lists the phases an export of format goes through, in order. */
export function exportSteps(format: ExportFormat, noDocuments = false): ExportPhase[] {
  switch (format) {
    case 'xlsx':
      return ['workbook'];
    case 'csv':
      return ['csv'];
    case 'ofx':
      return ['ofx'];
    case 'pack':
      return noDocuments ? ['workbook', 'csv', 'ofx', 'manifest'] : ['workbook', 'csv', 'ofx', 'documents', 'manifest'];
  }
}

/**
 * exportFraction estimates how far an export is, from 0 to 1, from its
 * latest progress event: the phase's place among the format's steps, and
 * within a phase the rows written (per account file for CSV and OFX).
 */
export function exportFraction(format: ExportFormat, p: ExportProgress | undefined, accountIds: readonly string[], noDocuments = false): number {
  if (!p) {
    return 0;
  }
  if (p.phase === 'done') {
    return 1;
  }
  const steps = exportSteps(format, noDocuments);
  const step = steps.indexOf(p.phase);
  if (step < 0) {
    return 0;
  }
  let within = p.total > 0 ? Math.min(p.rows / p.total, 1) : 0;
  if ((p.phase === 'csv' || p.phase === 'ofx') && accountIds.length > 0) {
    const i = Math.max(accountIds.indexOf(p.accountId), 0);
    within = (i + within) / accountIds.length;
  }
  return Math.min((step + within) / steps.length, 1);
}

/** phaseLabel says in words what an export phase does. */
export function phaseLabel(phase: ExportPhase): string {
  switch (phase) {
    case 'workbook':
      return 'Writing the Excel workbook';
    case 'csv':
      return 'Writing the CSV files';
    case 'ofx':
      return 'Writing the OFX files';
    case 'documents':
      return 'Adding statements and tax certificates';
    case 'manifest':
      return 'Writing the manifest';
    case 'done':
      return 'Done';
  }
}

/** formatLabel names an export format for people. */
export function formatLabel(format: ExportFormat): string {
  switch (format) {
    case 'xlsx':
      return 'Excel workbook';
    case 'csv':
      return 'CSV files';
    case 'ofx':
      return 'OFX files';
    case 'pack':
      return 'Accountant pack';
  }
}

/** Reconciled is how an account's figures checked out, in words. */
export interface Reconciled {
  ok: boolean;
  text: string;
  detail: string;
}

/**
 * reconciled says whether an account reconciles: "OK", or the difference
 * the first failing check found, with its explanation.
 */
export function reconciled(r: AccountReconciliation): Reconciled {
  for (const c of [r.arithmetic, r.runningBalance]) {
    if (c.status === 'mismatch') {
      return {ok: false, text: `Difference of ${formatMoney(c.difference)}`, detail: c.detail};
    }
  }
  if (r.runningBalance.status === 'unavailable') {
    return {ok: true, text: 'OK', detail: r.runningBalance.detail};
  }
  return {ok: true, text: 'OK', detail: ''};
}

/** formatBytes writes a file size: "812 B", "42 KB", "1.4 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) {
    return `${n} B`;
  }
  if (n < 1024 * 1024) {
    return `${Math.round(n / 1024)} KB`;
  }
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** DocumentPeriod is one of the Statements view's period choices. */
export interface DocumentPeriod {
  id: string;
  label: string;
  from: string;
  to: string;
}

/**
 * documentPeriods lists the Statements view's periods for the given day:
 * the last 12 months, this tax year and the two before it, and everything
 * listed.
 */
export function documentPeriods(d: CalendarDate): DocumentPeriod[] {
  const yearAgo = isoDate({year: d.year - 1, month: d.month, day: Math.min(d.day, 28)});
  const out: DocumentPeriod[] = [{id: 'last-12-months', label: 'Last 12 months', from: yearAgo, to: isoDate(d)}];
  const current = taxYearOf(d);
  for (const start of [current, current - 1, current - 2]) {
    const r = taxYearRange(start);
    out.push({id: `tax-${start}`, label: `Tax year ${taxYearLabel(start)}${start === current ? ' (this one)' : ''}`, ...r});
  }
  out.push({id: 'all', label: 'Everything listed', from: '', to: ''});
  return out;
}
