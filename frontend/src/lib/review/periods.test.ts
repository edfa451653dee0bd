import {describe, expect, it} from 'vitest';

import {isLeapYear, lastMonths, localToday, monthRange, presetRange, taxYearLabel, taxYearRange, taxYearStart} from './periods';

const d = (s: string) => {
  const [year, month, day] = s.split('-').map(Number);
  return {year: year ?? 0, month: month ?? 0, day: day ?? 0};
};

describe('tax years (1 March to the end of February)', () => {
  it.each([
    ['2026-03-01', 2026],
    ['2026-02-28', 2025],
    ['2024-02-29', 2023],
    ['2026-12-31', 2026],
    ['2027-01-01', 2026],
  ])('%s falls in the tax year starting in %i', (day, start) => {
    expect(taxYearStart(d(day))).toBe(start);
  });

  it('ends on 29 February when the next year is a leap year', () => {
    expect(taxYearRange(2023)).toEqual({from: '2023-03-01', to: '2024-02-29'});
    expect(taxYearRange(2027)).toEqual({from: '2027-03-01', to: '2028-02-29'});
    expect(taxYearRange(2025)).toEqual({from: '2025-03-01', to: '2026-02-28'});
    // Century rules: 2100 is not a leap year, 2000 was.
    expect(taxYearRange(2099).to).toBe('2100-02-28');
    expect(taxYearRange(1999).to).toBe('2000-02-29');
  });

  it('presets this and last tax year around the boundary', () => {
    expect(presetRange('tax-year', d('2026-02-28'))).toEqual({from: '2025-03-01', to: '2026-02-28'});
    expect(presetRange('tax-year', d('2026-03-01'))).toEqual({from: '2026-03-01', to: '2027-02-28'});
    expect(presetRange('last-tax-year', d('2026-03-01'))).toEqual({from: '2025-03-01', to: '2026-02-28'});
    expect(presetRange('last-tax-year', d('2024-02-29'))).toEqual({from: '2022-03-01', to: '2023-02-28'});
    expect(presetRange('tax-year', d('2024-02-29'))).toEqual({from: '2023-03-01', to: '2024-02-29'});
  });

  it('names a tax year by the year it ends', () => {
    expect(taxYearLabel(2025)).toBe('2026 tax year (Mar 2025 – Feb 2026)');
  });
});

describe('months', () => {
  it('presets this and last month, across a year end and in February', () => {
    expect(presetRange('this-month', d('2026-11-26'))).toEqual({from: '2026-11-01', to: '2026-11-30'});
    expect(presetRange('last-month', d('2026-01-15'))).toEqual({from: '2025-12-01', to: '2025-12-31'});
    expect(presetRange('last-month', d('2024-03-31'))).toEqual({from: '2024-02-01', to: '2024-02-29'});
    expect(monthRange(d('2023-03-10'), -1)).toEqual({from: '2023-02-01', to: '2023-02-28'});
  });

  it('has open ranges for all and custom', () => {
    expect(presetRange('all', d('2026-11-26'))).toEqual({from: '', to: ''});
    expect(presetRange('custom', d('2026-11-26'))).toEqual({from: '', to: ''});
  });

  it('counts the last n months with the current one', () => {
    expect(lastMonths(d('2026-11-26'), 12)).toEqual({from: '2025-12-01', to: '2026-11-26'});
    expect(lastMonths(d('2026-01-05'), 3)).toEqual({from: '2025-11-01', to: '2026-01-05'});
    expect(lastMonths(d('2026-01-05'), 1)).toEqual({from: '2026-01-01', to: '2026-01-05'});
  });

  it('knows leap years', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
  });

  it('reads the local date', () => {
    expect(localToday(new Date(2026, 10, 26, 23, 59))).toEqual({year: 2026, month: 11, day: 26});
  });
});
