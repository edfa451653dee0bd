// @vitest-environment node
import {describe, expect, it} from 'vitest';

import {MAX_SAFE_CENTS, centsToDecimal, formatMoney, parseMoney, toCents} from './money';

// Intl separates with no-break spaces; write them visibly in expectations.
const nb = (s: string) => s.replaceAll(' ', '\u00a0');

// A small deterministic PRNG (mulberry32) so property tests are repeatable.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// randomCents returns integers spread over every magnitude up to max.
function randomCents(rand: () => number, max: number): number {
  const digits = 1 + Math.floor(rand() * Math.log10(max));
  const n = Math.min(Math.floor(rand() * 10 ** digits), max);
  return rand() < 0.5 && n !== 0 ? -n : n;
}

describe('formatMoney', () => {
  it.each([
    [0, 'R 0,00'],
    [1, 'R 0,01'],
    [5, 'R 0,05'],
    [10, 'R 0,10'],
    [99, 'R 0,99'],
    [100, 'R 1,00'],
    [123456, 'R 1 234,56'],
    [100000, 'R 1 000,00'],
    [123456789, 'R 1 234 567,89'],
    [-1, '-R 0,01'],
    [-5, '-R 0,05'],
    [-100, '-R 1,00'],
    [-123456, '-R 1 234,56'],
    [MAX_SAFE_CENTS, 'R 90 071 992 547 409,91'],
    [-MAX_SAFE_CENTS, '-R 90 071 992 547 409,91'],
  ])('formats %d cents as %s', (cents, want) => {
    expect(formatMoney(cents)).toBe(nb(want));
  });

  it('is exact where float division is not', () => {
    // The float route rounds 90071992547409.91 to ...409,90.
    const viaFloat = new Intl.NumberFormat('en-ZA', {style: 'currency', currency: 'ZAR'}).format(MAX_SAFE_CENTS / 100);
    expect(viaFloat).toBe(nb('R 90 071 992 547 409,90'));
    expect(formatMoney(MAX_SAFE_CENTS)).toBe(nb('R 90 071 992 547 409,91'));
  });

  it('formats BigInt amounts beyond the safe integer range', () => {
    expect(formatMoney(123456789012345678901n)).toBe(nb('R 1 234 567 890 123 456 789,01'));
    expect(formatMoney(-9007199254740993n)).toBe(nb('-R 90 071 992 547 409,93'));
  });

  it.each([
    ['exceptZero', 500, '+R 5,00'],
    ['exceptZero', 5, '+R 0,05'],
    ['exceptZero', -5, '-R 0,05'],
    ['exceptZero', 0, 'R 0,00'],
    ['always', 0, '+R 0,00'],
    ['always', 1, '+R 0,01'],
    ['never', -123456, 'R 1 234,56'],
    ['never', -7, 'R 0,07'],
    ['auto', 7, 'R 0,07'],
  ] as const)('signDisplay %s formats %d as %s', (signDisplay, cents, want) => {
    expect(formatMoney(cents, {signDisplay})).toBe(nb(want));
  });

  it('matches Intl.NumberFormat for amounts where floats are still exact enough', () => {
    // Below 10^15 cents a float rand value is within 0.001 of the truth, so
    // Intl's own rounding to two decimals is a trustworthy oracle.
    const intl = new Intl.NumberFormat('en-ZA', {style: 'currency', currency: 'ZAR'});
    const rand = prng(2026);
    for (let i = 0; i < 3000; i++) {
      const cents = randomCents(rand, 10 ** 15 - 1);
      expect(formatMoney(cents), `cents=${cents}`).toBe(intl.format(cents / 100));
    }
  });

  it.each([1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53)])('refuses %d, which is not an exact number of cents', (v) => {
    expect(() => formatMoney(v)).toThrow(RangeError);
  });
});

describe('toCents', () => {
  it('accepts safe integers and BigInts', () => {
    expect(toCents(0)).toBe(0n);
    expect(toCents(-42)).toBe(-42n);
    expect(toCents(MAX_SAFE_CENTS)).toBe(9007199254740991n);
    expect(toCents(10n ** 20n)).toBe(10n ** 20n);
  });
});

describe('centsToDecimal', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [123450, '1234.50'],
    [-123450, '-1234.50'],
    [MAX_SAFE_CENTS, '90071992547409.91'],
  ])('writes %d cents as %s', (cents, want) => {
    expect(centsToDecimal(cents)).toBe(want);
  });
});

describe('parseMoney', () => {
  it.each([
    ['0', 0],
    ['5', 500],
    ['1234.5', 123450],
    ['1234,5', 123450],
    ['1234.56', 123456],
    ['1234,56', 123456],
    ['1 234,50', 123450],
    ['1\u00a0234,50', 123450],
    ['1\u202f234.50', 123450],
    ['R1,234.50', 123450],
    ['R 1 234,56', 123456],
    ['r12', 1200],
    ['ZAR 12.30', 1230],
    ['zar12', 1200],
    ['1,234,567', 123456700],
    ['1.234.567', 123456700],
    ['1,234,567.89', 123456789],
    ['1.234.567,89', 123456789],
    ['1 234 567', 123456700],
    ['  42  ', 4200],
    ['+42', 4200],
    ['.5', 50],
    [',05', 5],
    ['0,01', 1],
    ['007', 700],
    ['1 ,50', 150],
    ['90071992547409.91', MAX_SAFE_CENTS],
    ['90 071 992 547 409,91', MAX_SAFE_CENTS],
    ['-0', 0],
  ])('reads %j as %d cents', (input, want) => {
    expect(parseMoney(input)).toEqual({ok: true, cents: want});
  });

  it.each([
    ['-12.50', -1250],
    ['-R12', -1200],
    ['R-12', -1200],
    ['- R 1 234,56', -123456],
    ['\u22125', -500],
    ['-90071992547409.91', -MAX_SAFE_CENTS],
  ])('reads %j as %d cents with allowNegative', (input, want) => {
    expect(parseMoney(input, {allowNegative: true})).toEqual({ok: true, cents: want});
  });

  it.each([
    ['', /enter an amount/i],
    ['   ', /enter an amount/i],
    ['R', /enter an amount/i],
    ['-', /enter an amount/i],
    ['.', /add the cents/i],
    ['12.', /add the cents/i],
    ['abc', /only digits/i],
    ['12abc', /only digits/i],
    ['1e5', /only digits/i],
    ['0x10', /only digits/i],
    ['Infinity', /only digits/i],
    ['NaN', /only digits/i],
    ['(12)', /only digits/i],
    ['--5', /only digits/i],
    ['12R', /only digits/i],
    ['$12', /only digits/i],
    ['1.234', /ambiguous/i],
    ['1,234', /ambiguous/i],
    ['999,000', /ambiguous/i],
    ['1.234.5', /thousands in threes/i],
    ['1,23,456', /thousands in threes/i],
    ['12 34', /thousands in threes/i],
    ['1234 567', /thousands in threes/i],
    ['1.2.3,4', /thousands in threes/i],
    ['1,234.5.6', /one decimal/i],
    ['1.005', /ambiguous/i],
    ['12.345', /ambiguous/i],
    ['1234.567', /at most two decimals/i],
    ['1 234,567', /at most two decimals/i],
    ['0.001', /at most two decimals/i],
    ['12.3 4', /right after the decimal/i],
    ['90071992547409.92', /too large/i],
    ['99999999999999999999', /too large/i],
    ['-5', /without a minus sign/i],
    ['-R 5', /without a minus sign/i],
  ])('refuses %j', (input, why) => {
    const r = parseMoney(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(why);
    }
  });

  it('reads back every amount formatMoney and centsToDecimal write', () => {
    const rand = prng(1994);
    for (let i = 0; i < 3000; i++) {
      const cents = randomCents(rand, MAX_SAFE_CENTS);
      expect(parseMoney(formatMoney(cents), {allowNegative: true}), formatMoney(cents)).toEqual({ok: true, cents});
      expect(parseMoney(centsToDecimal(cents), {allowNegative: true})).toEqual({ok: true, cents});
    }
  });
});
