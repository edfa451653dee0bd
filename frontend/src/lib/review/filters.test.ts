import {describe, expect, it} from 'vitest';

import {
  activeFilterCount,
  defaultFilters,
  filterKey,
  filtersToParams,
  nextSort,
  parseFilters,
  toBackendFilter,
  type TxFilters,
} from './filters';

const today = {year: 2026, month: 3, day: 10};

const roundTrip = (f: TxFilters) => parseFilters(new URLSearchParams(filtersToParams(f).toString()));

describe('filters in the URL', () => {
  it('leaves the defaults out', () => {
    expect(filtersToParams(defaultFilters).toString()).toBe('');
    expect(parseFilters(new URLSearchParams(''))).toEqual(defaultFilters);
  });

  it.each<[string, Partial<TxFilters>]>([
    ['accounts', {accounts: ['a1', 'b 2']}],
    ['a preset', {period: 'last-tax-year'}],
    ['custom dates', {period: 'custom', from: '2024-02-29', to: '2024-03-31'}],
    ['an open custom range', {period: 'custom', from: '2025-01-01'}],
    ['direction and status', {direction: 'DEBIT', status: 'pending'}],
    ['money in', {direction: 'CREDIT'}],
    ['types', {types: ['CardPurchases', 'FasterPay']}],
    ['categories with uncategorised', {categories: ['Groceries', '', 'Home & bond']}],
    ['amounts', {min: '100', max: '1 234,56'}],
    ['search text with symbols', {q: 'café & co #1 ?=/'}],
    ['a sort', {sort: 'amount', descending: false}],
    ['descending description', {sort: 'description', descending: true}],
    ['ascending date', {sort: 'date', descending: false}],
  ])('round-trips %s', (_, change) => {
    const f = {...defaultFilters, ...change};
    expect(roundTrip(f)).toEqual(f);
  });

  it('drops what it cannot read', () => {
    const f = parseFilters(
      new URLSearchParams('period=fortnight&from=2026-02-30&to=x&dir=up&status=maybe&min=1e3&max=-&sort=colour&account=&type='),
    );
    expect(f).toEqual(defaultFilters);
  });

  it('treats dates without a period as custom, and ignores dates of a preset', () => {
    expect(parseFilters(new URLSearchParams('from=2026-01-01')).period).toBe('custom');
    const preset = parseFilters(new URLSearchParams('period=this-month&from=2026-01-01'));
    expect(preset).toEqual({...defaultFilters, period: 'this-month'});
  });

  it('de-duplicates repeated values', () => {
    expect(parseFilters(new URLSearchParams('account=a&account=a&cat=X&cat=X')).accounts).toEqual(['a']);
  });

  it('counts active filters', () => {
    expect(activeFilterCount(defaultFilters)).toBe(0);
    expect(activeFilterCount({...defaultFilters, q: 'x', sort: 'amount'})).toBe(0);
    expect(activeFilterCount({...defaultFilters, accounts: ['a'], min: '5', max: '9', status: 'posted'})).toBe(3);
  });
});

describe('the backend filter', () => {
  it('resolves presets and amounts to exact dates and cents', () => {
    const f = toBackendFilter({...defaultFilters, period: 'tax-year', min: '1 234,56', max: 'R10', q: '  woolies  '}, today);
    expect(f).toMatchObject({fromDate: '2026-03-01', toDate: '2027-02-28', minAmount: 123456, maxAmount: 1000, search: 'woolies'});
    expect(f.offset).toBe(0);
  });

  it('uses custom dates as given and leaves absent amounts out', () => {
    const f = toBackendFilter({...defaultFilters, period: 'custom', from: '2026-01-01', to: ''}, today);
    expect(f.fromDate).toBe('2026-01-01');
    expect(f.toDate).toBe('');
    expect('minAmount' in f).toBe(false);
    expect('maxAmount' in f).toBe(false);
  });

  it('keys a filter by what it selects, not by page', () => {
    const a = toBackendFilter(defaultFilters, today);
    expect(filterKey({...a, offset: 500, limit: 100})).toBe(filterKey(a));
    expect(filterKey({...a, search: 'x'})).not.toBe(filterKey(a));
  });
});

describe('column sorting', () => {
  it('flips the same column and starts others sensibly', () => {
    expect(nextSort({sort: 'date', descending: true}, 'date')).toEqual({sort: 'date', descending: false});
    expect(nextSort({sort: 'date', descending: true}, 'amount')).toEqual({sort: 'amount', descending: true});
    expect(nextSort({sort: 'amount', descending: true}, 'description')).toEqual({sort: 'description', descending: false});
  });
});
