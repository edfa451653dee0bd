// @vitest-environment node
import {describe, expect, it} from 'vitest';

import {formatDate, formatDateTime, formatMonth, formatRelative, parseISODate} from './date';

describe('parseISODate', () => {
  it.each([
    ['2026-11-26', {year: 2026, month: 11, day: 26}],
    ['2024-02-29', {year: 2024, month: 2, day: 29}],
    ['2000-02-29', {year: 2000, month: 2, day: 29}],
    ['1999-12-31', {year: 1999, month: 12, day: 31}],
  ])('reads %s', (s, want) => {
    expect(parseISODate(s)).toEqual(want);
  });

  it.each(['', '2026-13-01', '2026-00-10', '2026-04-31', '2025-02-29', '1900-02-29', '2026-1-5', '26-11-2026', '2026-11-26T00:00:00Z', ' 2026-11-26'])(
    'refuses %j',
    (s) => {
      expect(parseISODate(s)).toBeUndefined();
    },
  );
});

describe('formatDate', () => {
  it.each([
    ['2026-11-26', '26 Nov 2026'],
    ['2026-01-01', '1 Jan 2026'],
    ['2026-09-05', '5 Sep 2026'],
    ['2024-02-29', '29 Feb 2024'],
    ['2026-12-31', '31 Dec 2026'],
  ])('formats %s as %s', (iso, want) => {
    expect(formatDate(iso)).toBe(want);
  });

  it('leaves the empty string and unreadable values as they are', () => {
    expect(formatDate('')).toBe('');
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
    expect(formatDate('yesterday')).toBe('yesterday');
  });
});

describe('formatMonth', () => {
  it('formats YYYY-MM', () => {
    expect(formatMonth('2026-11')).toBe('Nov 2026');
    expect(formatMonth('2026-01')).toBe('Jan 2026');
    expect(formatMonth('2026-13')).toBe('2026-13');
  });
});

describe('formatDateTime', () => {
  it('formats an instant in the given time zone', () => {
    expect(formatDateTime('2026-11-26T12:05:00Z', {timeZone: 'Africa/Johannesburg'})).toBe('26 Nov 2026, 14:05');
    expect(formatDateTime('2026-11-26T23:30:00Z', {timeZone: 'Africa/Johannesburg'})).toBe('27 Nov 2026, 01:30');
    expect(formatDateTime('2026-01-01T00:00:00+02:00', {timeZone: 'UTC'})).toBe('31 Dec 2025, 22:00');
    expect(formatDateTime(new Date(Date.UTC(2026, 8, 5, 0, 0)), {timeZone: 'UTC'})).toBe('5 Sep 2026, 00:00');
  });

  it('gives "" for empty or unreadable values', () => {
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime('not a date')).toBe('');
    expect(formatDateTime(new Date(Number.NaN))).toBe('');
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const s = 1000;
  const min = 60 * s;
  const h = 60 * min;
  const d = 24 * h;

  it.each([
    [0, 'just now'],
    [10 * s, 'just now'],
    [44 * s, 'just now'],
    [45 * s, '1 min ago'],
    [5 * min, '5 min ago'],
    [59 * min + 59 * s, '59 min ago'],
    [h, '1 h ago'],
    [2 * h + 30 * min, '2 h ago'],
    [23 * h + 59 * min, '23 h ago'],
    [d, '1 d ago'],
    [6 * d + 23 * h, '6 d ago'],
    [-10 * s, 'just now'],
    [-10 * min, 'in 10 min'],
    [-3 * h, 'in 3 h'],
    [-2 * d, 'in 2 d'],
  ])('says %d ms ago is %j', (ms, want) => {
    expect(formatRelative(ago(ms), now)).toBe(want);
  });

  it('gives the date for a week or more', () => {
    expect(formatRelative(ago(7 * d), now, {timeZone: 'UTC'})).toBe('19 Nov 2026');
    expect(formatRelative('2025-01-02T10:00:00Z', now, {timeZone: 'UTC'})).toBe('2 Jan 2025');
    expect(formatRelative(new Date(now.getTime() + 30 * d), now, {timeZone: 'UTC'})).toBe('26 Dec 2026');
  });

  it('gives "" for empty or unreadable values', () => {
    expect(formatRelative('', now)).toBe('');
    expect(formatRelative('soon', now)).toBe('');
  });
});
