/**
 * Date ranges for the filters and charts: calendar months, South African
 * tax years (1 March to the end of February) and the last n months. Dates
 * are ISO YYYY-MM-DD strings, as the backend takes them; "today" is the
 * computer's local date. Pure functions, so the boundaries (leap years,
 * year ends) are unit-tested.
 */
import type {CalendarDate} from '../format';

/** DateRange is an inclusive range of ISO dates; "" means open. */
export interface DateRange {
  from: string;
  to: string;
}

/** PeriodPreset names a date range the transaction filters offer. */
export type PeriodPreset = 'all' | 'this-month' | 'last-month' | 'tax-year' | 'last-tax-year' | 'custom';

/** periodPresets lists the presets with their labels, in menu order. */
export const periodPresets: readonly {id: PeriodPreset; label: string}[] = [
  {id: 'all', label: 'All dates'},
  {id: 'this-month', label: 'This month'},
  {id: 'last-month', label: 'Last month'},
  {id: 'tax-year', label: 'This tax year'},
  {id: 'last-tax-year', label: 'Last tax year'},
  {id: 'custom', label: 'Custom dates'},
];

/** isPeriodPreset reports whether v names a preset. */
export function isPeriodPreset(v: string): v is PeriodPreset {
  return periodPresets.some((p) => p.id === v);
}

/** isLeapYear reports whether a year has a 29 February. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** daysInMonth returns the number of days of a month (1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** isoDate formats a calendar date as YYYY-MM-DD. */
export function isoDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** localToday returns the computer's local date. */
export function localToday(now: Date = new Date()): CalendarDate {
  return {year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate()};
}

/** addMonths moves a month (the first of it) by n months. */
function addMonths(year: number, month: number, n: number): {year: number; month: number} {
  const index = year * 12 + (month - 1) + n;
  return {year: Math.floor(index / 12), month: (index % 12) + 1};
}

/** monthRange returns the whole calendar month that is n months from today's. */
export function monthRange(today: CalendarDate, n = 0): DateRange {
  const m = addMonths(today.year, today.month, n);
  return {
    from: isoDate({...m, day: 1}),
    to: isoDate({...m, day: daysInMonth(m.year, m.month)}),
  };
}

/**
 * taxYearStart returns the calendar year in which the South African tax
 * year containing d began (tax years run 1 March to the end of February).
 */
export function taxYearStart(d: CalendarDate): number {
  return d.month >= 3 ? d.year : d.year - 1;
}

/**
 * taxYearRange returns the tax year that began on 1 March of startYear:
 * startYear-03-01 to the last day of February of the next year (the 29th in
 * a leap year).
 */
export function taxYearRange(startYear: number): DateRange {
  return {
    from: isoDate({year: startYear, month: 3, day: 1}),
    to: isoDate({year: startYear + 1, month: 2, day: daysInMonth(startYear + 1, 2)}),
  };
}

/**
 * taxYearLabel names a tax year the way SARS does, by the year it ends:
 * the year from 1 March 2025 is "2026 tax year (Mar 2025 – Feb 2026)".
 */
export function taxYearLabel(startYear: number): string {
  return `${startYear + 1} tax year (Mar ${startYear} – Feb ${startYear + 1})`;
}

/**
 * presetRange returns the dates a preset stands for on the given day.
 * `all` and `custom` have no dates of their own (open range).
 */
export function presetRange(preset: PeriodPreset, today: CalendarDate): DateRange {
  switch (preset) {
    case 'this-month':
      return monthRange(today, 0);
    case 'last-month':
      return monthRange(today, -1);
    case 'tax-year':
      return taxYearRange(taxYearStart(today));
    case 'last-tax-year':
      return taxYearRange(taxYearStart(today) - 1);
    case 'all':
    case 'custom':
      return {from: '', to: ''};
  }
}

/**
 * lastMonths returns the range from the first day of the month n-1 months
 * before today's to today: lastMonths(12) on 2026-11-26 is 2025-12-01 to
 * 2026-11-26, twelve calendar months with the current one.
 */
export function lastMonths(today: CalendarDate, n: number): DateRange {
  const m = addMonths(today.year, today.month, -(Math.max(1, n) - 1));
  return {from: isoDate({...m, day: 1}), to: isoDate(today)};
}
