/**
 * Money formatting and parsing. Amounts are integer cents (domain.Money on
 * the wire); no float ever takes part in arithmetic on an amount. Rands and
 * cents are split with BigInt and only the integer rands go through
 * Intl.NumberFormat, so the result is exact for every safe integer.
 */

/** The largest amount, in cents, that a JavaScript number holds exactly. */
export const MAX_SAFE_CENTS = Number.MAX_SAFE_INTEGER;

/**
 * SignDisplay says when to show a sign, as in Intl.NumberFormat: `auto`
 * (negatives only, the default), `always`, `exceptZero` (e.g. "+R 5,00" for
 * a credit) or `never`.
 */
export type SignDisplay = 'auto' | 'always' | 'exceptZero' | 'never';

/** MoneyFormatOptions tunes formatMoney. */
export interface MoneyFormatOptions {
  signDisplay?: SignDisplay;
}

const formatters = new Map<SignDisplay, Intl.NumberFormat>();

function formatter(signDisplay: SignDisplay): Intl.NumberFormat {
  let nf = formatters.get(signDisplay);
  if (!nf) {
    nf = new Intl.NumberFormat('en-ZA', {style: 'currency', currency: 'ZAR', signDisplay});
    formatters.set(signDisplay, nf);
  }
  return nf;
}

/**
 * toCents checks that v is an exact integer number of cents and returns it
 * as a BigInt. A number must be a safe integer (|v| <= 9 007 199 254 740 991):
 * anything else has already lost precision, so it is refused, not rounded.
 */
export function toCents(v: number | bigint): bigint {
  if (typeof v === 'bigint') {
    return v;
  }
  if (!Number.isSafeInteger(v)) {
    throw new RangeError(`amount must be a whole number of cents within ±${MAX_SAFE_CENTS}, got ${String(v)}`);
  }
  return BigInt(v);
}

/**
 * formatMoney formats an amount in cents as South African rand the way
 * `Intl.NumberFormat('en-ZA', {style: 'currency', currency: 'ZAR'})` does,
 * e.g. 123456 → "R 1 234,56" and -5 → "-R 0,05" (the spaces are the
 * no-break spaces Intl uses).
 */
export function formatMoney(cents: number | bigint, options: MoneyFormatOptions = {}): string {
  const c = toCents(cents);
  const negative = c < 0n;
  const abs = negative ? -c : c;
  const rands = abs / 100n;
  const rest = abs % 100n;
  // A sign is only drawn for a non-zero value, and -0n does not exist:
  // format 1 rand in place of 0 when there are cents, then put the 0 back.
  const stand = rands === 0n && rest !== 0n ? 1n : rands;
  const parts = formatter(options.signDisplay ?? 'auto').formatToParts(negative ? -stand : stand);
  let out = '';
  for (const p of parts) {
    if (p.type === 'integer' && stand !== rands) {
      out += '0';
    } else if (p.type === 'fraction') {
      out += rest.toString().padStart(2, '0');
    } else {
      out += p.value;
    }
  }
  return out;
}

/**
 * centsToDecimal returns an amount as a plain decimal string in rands with
 * two decimals and no grouping, e.g. -123450 → "-1234.50" (the same as
 * domain.Money.String in Go). Use it to pre-fill an amount input.
 */
export function centsToDecimal(cents: number | bigint): string {
  const c = toCents(cents);
  const abs = c < 0n ? -c : c;
  return `${c < 0n ? '-' : ''}${(abs / 100n).toString()}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** ParseMoneyResult is the outcome of parseMoney: cents, or why not. */
export type ParseMoneyResult = {ok: true; cents: number} | {ok: false; error: string};

/** ParseMoneyOptions tunes parseMoney. */
export interface ParseMoneyOptions {
  /** Accept a leading minus sign (default false: amounts to pay are positive). */
  allowNegative?: boolean;
}

const spaces = /[\s\u00a0\u2007\u2009\u202f]+/g;
const example = 'e.g. 1234.50, 1 234,50 or R1,234.50';

/**
 * parseMoney reads an amount a person typed, in rands, into exact cents.
 *
 * Accepted, with optional spaces around the parts:
 *   - an optional sign ("-" or "+", only "-" with allowNegative) and an
 *     optional currency "R" or "ZAR", in either order: "R 12", "-R12", "R-12";
 *   - digits, optionally grouped in thousands by spaces ("1 234 567"), or by
 *     commas or points when the other mark is the decimal one ("1,234.50",
 *     "1.234,50"), or by the same mark repeated ("1,234,567");
 *   - an optional decimal comma or point with one or two digits: "12,5" and
 *     "12.5" are R12,50; ",50" is 50 cents.
 * Refused, with a message that says why: anything else (letters, exponents,
 * brackets), three or more decimals (nothing is rounded), a single comma or
 * point followed by exactly three digits after 1–3 digits not starting
 * with 0 ("1,234" or "1.234": thousands or decimals? write "1 234" or
 * "1,23"), and amounts above
 * R 90 071 992 547 409,91 (the largest exact number of cents).
 */
export function parseMoney(input: string, options: ParseMoneyOptions = {}): ParseMoneyResult {
  const fail = (error: string): ParseMoneyResult => ({ok: false, error});
  let s = input.replace(spaces, ' ').trim();
  if (s === '') {
    return fail('Enter an amount.');
  }

  let sign = '';
  const takeSign = (): void => {
    const m = /^([-+\u2212])\s*/.exec(s);
    if (m && sign === '') {
      sign = m[1] === '+' ? '+' : '-';
      s = s.slice(m[0].length);
    }
  };
  takeSign();
  const currency = /^(zar|r)\s*/i.exec(s);
  if (currency) {
    s = s.slice(currency[0].length);
  }
  takeSign();
  if (s === '') {
    return fail(`Enter an amount, ${example}.`);
  }
  if (!/^[0-9 .,]+$/.test(s)) {
    return fail(`Use only digits, spaces and one decimal comma or point, ${example}.`);
  }

  const dots = count(s, '.');
  const commas = count(s, ',');
  let decimalMark: string | undefined;
  let groupMark: string | undefined;
  if (dots > 0 && commas > 0) {
    decimalMark = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    groupMark = decimalMark === '.' ? ',' : '.';
    if (count(s, decimalMark) > 1) {
      return fail(`Use one decimal comma or point, ${example}.`);
    }
  } else if (dots + commas === 1) {
    const mark = dots === 1 ? '.' : ',';
    const [before = '', after = ''] = s.split(mark);
    if (/^[1-9]\d{0,2}$/.test(before) && /^\d{3}$/.test(after)) {
      return fail(`"${input.trim()}" is ambiguous: write thousands with a space (1 234) and cents after a comma or point (1,23).`);
    }
    decimalMark = mark;
  } else if (dots + commas > 1) {
    groupMark = dots > 0 ? '.' : ',';
  }

  let whole = s;
  let frac = '';
  if (decimalMark !== undefined) {
    const at = s.lastIndexOf(decimalMark);
    whole = s.slice(0, at).trimEnd();
    frac = s.slice(at + 1).trimStart();
    if (!/^\d*$/.test(frac)) {
      return fail(`Write the cents right after the decimal comma or point, ${example}.`);
    }
    if (frac === '') {
      return fail(`Add the cents after the decimal comma or point, or leave the mark out, ${example}.`);
    }
    if (frac.length > 2) {
      return fail('Use at most two decimals: amounts are in rands and cents.');
    }
  }

  let digits = '';
  if (whole !== '') {
    const groups = groupMark === undefined ? whole.split(' ') : whole.split(new RegExp(`[ ${groupMark === '.' ? '\\.' : ','}]`));
    const first = groups[0] ?? '';
    const grouped = groups.length > 1;
    const ok =
      groups.every((g) => /^\d+$/.test(g)) &&
      (!grouped || (first.length <= 3 && groups.slice(1).every((g) => g.length === 3)));
    if (!ok) {
      return fail(`Group thousands in threes, ${example}.`);
    }
    digits = groups.join('');
  }
  if (digits === '' && frac === '') {
    return fail(`Enter an amount, ${example}.`);
  }

  const cents = BigInt(digits === '' ? '0' : digits) * 100n + BigInt(frac.padEnd(2, '0'));
  if (cents > BigInt(MAX_SAFE_CENTS)) {
    return fail('That amount is too large.');
  }
  if (sign === '-' && cents !== 0n && !options.allowNegative) {
    return fail('Enter the amount without a minus sign.');
  }
  const n = Number(cents);
  return {ok: true, cents: sign === '-' && n !== 0 ? -n : n};
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) {
    if (c === ch) {
      n++;
    }
  }
  return n;
}
