// @vitest-environment node
import {describe, expect, it} from 'vitest';

import type {AccountReconciliation, ExportProgress} from './api/export';
import {
  accountLabel,
  documentPeriods,
  exportFraction,
  exportSteps,
  formatBytes,
  isoDate,
  reconciled,
  taxYearLabel,
  taxYearOf,
  taxYearRange,
} from './statements';

describe('tax years', () => {
  it.each([
    [{year: 2026, month: 2, day: 28}, 2025],
    [{year: 2026, month: 3, day: 1}, 2026],
    [{year: 2026, month: 1, day: 1}, 2025],
    [{year: 2026, month: 12, day: 31}, 2026],
  ])('%j is in the tax year starting %d', (d, want) => {
    expect(taxYearOf(d)).toBe(want);
  });

  it('labels and bounds a tax year, 29 February in a leap year', () => {
    expect(taxYearLabel(2025)).toBe('2025-26');
    expect(taxYearLabel(2099)).toBe('2099-00');
    expect(taxYearRange(2025)).toEqual({from: '2025-03-01', to: '2026-02-28'});
    expect(taxYearRange(2027)).toEqual({from: '2027-03-01', to: '2028-02-29'});
    expect(taxYearRange(2099)).toEqual({from: '2099-03-01', to: '2100-02-28'});
    expect(taxYearRange(1999)).toEqual({from: '1999-03-01', to: '2000-02-29'});
  });

  it('offers the last 12 months, three tax years and everything', () => {
    const periods = documentPeriods({year: 2026, month: 11, day: 26});
    expect(periods.map((p) => [p.id, p.from, p.to])).toEqual([
      ['last-12-months', '2025-11-26', '2026-11-26'],
      ['tax-2026', '2026-03-01', '2027-02-28'],
      ['tax-2025', '2025-03-01', '2026-02-28'],
      ['tax-2024', '2024-03-01', '2025-02-28'],
      ['all', '', ''],
    ]);
    expect(periods[1]?.label).toBe('Tax year 2026-27 (this one)');
    expect(documentPeriods({year: 2024, month: 2, day: 29})[0]?.from).toBe('2023-02-28');
    expect(isoDate({year: 987, month: 1, day: 2})).toBe('0987-01-02');
  });
});

describe('exportFraction', () => {
  const p = (over: Partial<ExportProgress>): ExportProgress => ({phase: 'workbook', file: '', accountId: '', rows: 0, total: 0, ...over});

  it('follows the rows of a workbook', () => {
    expect(exportFraction('xlsx', undefined, [])).toBe(0);
    expect(exportFraction('xlsx', p({rows: 500, total: 2000}), [])).toBe(0.25);
    expect(exportFraction('xlsx', p({rows: 5000, total: 2000}), [])).toBe(1);
    expect(exportFraction('xlsx', p({phase: 'done'}), [])).toBe(1);
  });

  it('counts accounts for CSV and OFX files', () => {
    const ids = ['a', 'b', 'c', 'd'];
    expect(exportFraction('csv', p({phase: 'csv', accountId: 'a', rows: 0, total: 10}), ids)).toBe(0);
    expect(exportFraction('csv', p({phase: 'csv', accountId: 'c', rows: 5, total: 10}), ids)).toBe(2.5 / 4);
    expect(exportFraction('ofx', p({phase: 'ofx', accountId: 'd', rows: 10, total: 10}), ids)).toBe(1);
  });

  it('places a pack phase among its steps', () => {
    expect(exportSteps('pack')).toEqual(['workbook', 'csv', 'ofx', 'documents', 'manifest']);
    expect(exportSteps('pack', true)).toEqual(['workbook', 'csv', 'ofx', 'manifest']);
    const ids = ['a', 'b'];
    expect(exportFraction('pack', p({phase: 'csv', accountId: 'b', rows: 0, total: 4}), ids)).toBeCloseTo((1 + 0.5) / 5);
    expect(exportFraction('pack', p({phase: 'documents', rows: 3, total: 12}), ids)).toBeCloseTo((3 + 0.25) / 5);
    expect(exportFraction('pack', p({phase: 'manifest'}), ids, true)).toBe(3 / 4);
    // A phase the format does not have says nothing.
    expect(exportFraction('xlsx', p({phase: 'documents', rows: 1, total: 2}), ids)).toBe(0);
  });
});

describe('reconciled', () => {
  const base: AccountReconciliation = {
    accountId: 'a',
    accountNumber: '10011425044',
    accountName: 'Mr J Doe',
    productName: 'Private Bank Account',
    sheet: 'Private Bank Account 5044',
    opening: 100,
    in: 50,
    out: 20,
    closing: 130,
    transactions: 3,
    pending: 0,
    arithmetic: {status: 'ok', difference: 0, detail: ''},
    runningBalance: {status: 'ok', difference: 0, detail: ''},
  };

  it('says OK when both checks pass, with a note when running balances are missing', () => {
    expect(reconciled(base)).toEqual({ok: true, text: 'OK', detail: ''});
    expect(reconciled({...base, runningBalance: {status: 'unavailable', difference: 0, detail: 'No running balances.'}})).toEqual({
      ok: true,
      text: 'OK',
      detail: 'No running balances.',
    });
  });

  it('gives the first difference in rands with its explanation', () => {
    const r = reconciled({...base, runningBalance: {status: 'mismatch', difference: -12345, detail: 'A row is missing.'}});
    expect(r.ok).toBe(false);
    expect(r.text).toBe('Difference of -R\u00a0123,45');
    expect(r.detail).toBe('A row is missing.');
    expect(reconciled({...base, arithmetic: {status: 'mismatch', difference: 1, detail: 'x'}}).text).toBe('Difference of R\u00a00,01');
  });
});

describe('names and sizes', () => {
  it('labels accounts like the export files', () => {
    expect(accountLabel({number: '10011425044', productName: 'Private Bank Account', referenceName: 'Mine', name: 'Mr J Doe'})).toBe(
      'Private Bank Account 5044',
    );
    expect(accountLabel({number: '', productName: ' ', referenceName: 'Savings', name: 'x'})).toBe('Savings');
    expect(accountLabel({number: '12', productName: '', referenceName: '', name: ''})).toBe('Account 12');
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [43_520, '43 KB'],
    [1_468_006, '1.4 MB'],
  ])('writes %d bytes as %s', (n, want) => {
    expect(formatBytes(n)).toBe(want);
  });
});
