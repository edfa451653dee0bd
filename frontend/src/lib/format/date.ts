/**
 * Date formatting. Investec and the cache use ISO dates (YYYY-MM-DD) for
 * posting and transaction dates and RFC 3339 for instants (last synced at).
 *
 * Month names are written out here rather than taken from Intl: ICU versions
 * disagree ("Sep" or "Sept"), and the desktop webview, Chromium and Node
 * each bring their own.
 */

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** CalendarDate is a date without a time or a time zone. */
export interface CalendarDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

/**
 * parseISODate reads a YYYY-MM-DD date and checks that it exists (no
 * 2026-02-30). It returns undefined for anything else.
 */
export function parseISODate(s: string): CalendarDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) {
    return undefined;
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return {year, month, day};
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function monthName(month: number): string {
  return months[month - 1] ?? '';
}

/**
 * formatDate formats a YYYY-MM-DD date as "26 Nov 2026". The empty string
 * (a pending transaction has no posting date) gives ""; anything that is not
 * a real date is returned unchanged, so a bad value shows rather than hides.
 */
export function formatDate(iso: string): string {
  const d = parseISODate(iso);
  if (!d) {
    return iso;
  }
  return `${d.day} ${monthName(d.month)} ${d.year}`;
}

/**
 * formatMonth formats a YYYY-MM month as "Nov 2026"; anything else is
 * returned unchanged.
 */
export function formatMonth(ym: string): string {
  const d = parseISODate(`${ym}-01`);
  return d ? `${monthName(d.month)} ${d.year}` : ym;
}

/** DateTimeOptions tunes formatDateTime. */
export interface DateTimeOptions {
  /** An IANA time zone; the default is the computer's. */
  timeZone?: string;
}

/**
 * formatDateTime formats an instant (RFC 3339, e.g. "2026-11-26T12:05:00Z")
 * in the given or local time zone as "26 Nov 2026, 14:05". An empty or
 * unreadable value gives "".
 */
export function formatDateTime(instant: string | Date, options: DateTimeOptions = {}): string {
  const t = toDate(instant);
  if (!t) {
    return '';
  }
  const parts = new Intl.DateTimeFormat('en-ZA', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: options.timeZone,
  }).formatToParts(t);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${Number(get('day'))} ${monthName(Number(get('month')))} ${get('year')}, ${get('hour')}:${get('minute')}`;
}

/**
 * formatRelative says how long ago (or how far ahead) an instant is, from
 * now: "just now", "5 min ago", "2 h ago", "3 d ago", "in 10 min"; a week or
 * more away it gives the date ("26 Nov 2026", in the local time zone, or
 * options.timeZone). An empty or unreadable value gives "".
 */
export function formatRelative(instant: string | Date, now: Date = new Date(), options: DateTimeOptions = {}): string {
  const t = toDate(instant);
  if (!t) {
    return '';
  }
  const diff = now.getTime() - t.getTime();
  const abs = Math.abs(diff);
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;
  let amount: string;
  if (abs < 45_000) {
    return 'just now';
  } else if (abs < hour) {
    amount = `${Math.max(1, Math.floor(abs / minute))} min`;
  } else if (abs < day) {
    amount = `${Math.floor(abs / hour)} h`;
  } else if (abs < 7 * day) {
    amount = `${Math.floor(abs / day)} d`;
  } else {
    return formatDateTime(t, options).replace(/, \d\d:\d\d$/, '');
  }
  return diff >= 0 ? `${amount} ago` : `in ${amount}`;
}

function toDate(v: string | Date): Date | undefined {
  if (v instanceof Date) {
    return Number.isNaN(v.getTime()) ? undefined : v;
  }
  if (v.trim() === '') {
    return undefined;
  }
  const t = new Date(v);
  return Number.isNaN(t.getTime()) ? undefined : t;
}
