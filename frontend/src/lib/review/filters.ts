/**
 * The transaction list's filters as the person sets them, their place in
 * the URL (hash router search params, so Back/Forward work and a view can
 * be bookmarked), and their translation into the backend's
 * TransactionFilter. Only non-default values are written to the URL, and
 * anything unreadable in a URL is dropped rather than guessed at.
 */
import {parseISODate, parseMoney, type CalendarDate} from '../format';
import type {Direction, SortField, StatusFilter, TransactionFilter} from './types';
import {isPeriodPreset, presetRange, type PeriodPreset} from './periods';

/** TxFilters is the transaction list's state that lives in the URL. */
export interface TxFilters {
  /** Account IDs; none = every account. */
  accounts: string[];
  period: PeriodPreset;
  /** Custom period bounds (YYYY-MM-DD or ""), used when period is custom. */
  from: string;
  to: string;
  direction: Direction | '';
  types: string[];
  status: StatusFilter;
  /** Category names; "" is "uncategorised". */
  categories: string[];
  /** Amount bounds as typed, in rands ("" = none); always valid amounts. */
  min: string;
  max: string;
  /** Free text searched in descriptions. */
  q: string;
  sort: SortField;
  descending: boolean;
}

/** defaultFilters shows everything, newest first. */
export const defaultFilters: TxFilters = {
  accounts: [],
  period: 'all',
  from: '',
  to: '',
  direction: '',
  types: [],
  status: 'all',
  categories: [],
  min: '',
  max: '',
  q: '',
  sort: 'date',
  descending: true,
};

const sortFields: readonly SortField[] = ['date', 'amount', 'description', 'transactionType', 'category'];
const statuses: readonly StatusFilter[] = ['all', 'posted', 'pending'];
/** In the URL "uncategorised" is written as this, since an empty value reads badly. */
const noCategory = '-';

/** isSortField reports whether v names a sortable column. */
export function isSortField(v: string): v is SortField {
  return (sortFields as readonly string[]).includes(v);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function validAmount(v: string | null): string {
  if (v === null || v.trim() === '') {
    return '';
  }
  const p = parseMoney(v);
  return p.ok ? v.trim() : '';
}

/** parseFilters reads the filters from URL search params. */
export function parseFilters(params: URLSearchParams): TxFilters {
  const f: TxFilters = {...defaultFilters};
  f.accounts = unique(params.getAll('account').filter((a) => a !== ''));
  const period = params.get('period') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  f.from = parseISODate(from) ? from : '';
  f.to = parseISODate(to) ? to : '';
  if (isPeriodPreset(period)) {
    f.period = period;
  } else if (f.from !== '' || f.to !== '') {
    f.period = 'custom';
  }
  if (f.period !== 'custom') {
    f.from = '';
    f.to = '';
  }
  const dir = params.get('dir');
  f.direction = dir === 'in' ? 'CREDIT' : dir === 'out' ? 'DEBIT' : '';
  f.types = unique(params.getAll('type').filter((t) => t !== ''));
  const status = params.get('status') ?? '';
  f.status = (statuses as readonly string[]).includes(status) ? (status as StatusFilter) : 'all';
  f.categories = unique(params.getAll('cat').map((c) => (c === noCategory ? '' : c)));
  f.min = validAmount(params.get('min'));
  f.max = validAmount(params.get('max'));
  f.q = params.get('q') ?? '';
  const sort = params.get('sort') ?? '';
  if (isSortField(sort)) {
    f.sort = sort;
    f.descending = params.get('order') !== 'asc';
  }
  return f;
}

/** filtersToParams writes the filters as URL search params (defaults left out). */
export function filtersToParams(f: TxFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const a of f.accounts) {
    p.append('account', a);
  }
  if (f.period !== 'all') {
    p.set('period', f.period);
  }
  if (f.period === 'custom') {
    if (f.from !== '') {
      p.set('from', f.from);
    }
    if (f.to !== '') {
      p.set('to', f.to);
    }
  }
  if (f.direction !== '') {
    p.set('dir', f.direction === 'CREDIT' ? 'in' : 'out');
  }
  for (const t of f.types) {
    p.append('type', t);
  }
  if (f.status !== 'all') {
    p.set('status', f.status);
  }
  for (const c of f.categories) {
    p.append('cat', c === '' ? noCategory : c);
  }
  if (f.min !== '') {
    p.set('min', f.min);
  }
  if (f.max !== '') {
    p.set('max', f.max);
  }
  if (f.q !== '') {
    p.set('q', f.q);
  }
  if (f.sort !== 'date' || !f.descending) {
    p.set('sort', f.sort);
    p.set('order', f.descending ? 'desc' : 'asc');
  }
  return p;
}

/** activeFilterCount counts the filters that narrow the list (search and sort aside). */
export function activeFilterCount(f: TxFilters): number {
  return [
    f.accounts.length > 0,
    f.period !== 'all',
    f.direction !== '',
    f.types.length > 0,
    f.status !== 'all',
    f.categories.length > 0,
    f.min !== '' || f.max !== '',
  ].filter(Boolean).length;
}

/**
 * toBackendFilter turns the filters into the backend's TransactionFilter
 * (offset and limit 0) on the given day: presets become dates and amounts
 * become exact cents.
 */
export function toBackendFilter(f: TxFilters, today: CalendarDate): TransactionFilter {
  const range = f.period === 'custom' ? {from: f.from, to: f.to} : presetRange(f.period, today);
  const cents = (v: string): number | undefined => {
    if (v === '') {
      return undefined;
    }
    const p = parseMoney(v);
    return p.ok ? Math.abs(p.cents) : undefined;
  };
  const out: TransactionFilter = {
    accountIds: [...f.accounts],
    fromDate: range.from,
    toDate: range.to,
    direction: f.direction,
    transactionTypes: [...f.types],
    status: f.status,
    categories: [...f.categories],
    search: f.q.trim(),
    sort: f.sort,
    descending: f.descending,
    offset: 0,
    limit: 0,
  };
  const min = cents(f.min);
  const max = cents(f.max);
  if (min !== undefined) {
    out.minAmount = min;
  }
  if (max !== undefined) {
    out.maxAmount = max;
  }
  return out;
}

/**
 * filterKey identifies what a backend filter selects and in which order
 * (not which page): when it changes, cached pages are stale.
 */
export function filterKey(f: TransactionFilter): string {
  const rest: Partial<TransactionFilter> = {...f};
  delete rest.offset;
  delete rest.limit;
  return JSON.stringify(rest);
}

/**
 * nextSort is the sort after the person activates a column header: the same
 * column flips its order; another column starts descending for date and
 * amount (newest, largest first) and ascending for text.
 */
export function nextSort(current: {sort: SortField; descending: boolean}, column: SortField): {sort: SortField; descending: boolean} {
  if (current.sort === column) {
    return {sort: column, descending: !current.descending};
  }
  return {sort: column, descending: column === 'date' || column === 'amount'};
}
