import {describe, expect, it} from 'vitest';

import {PagedRows, pagesFor, type Page} from './paging';
import type {Transaction} from './types';

function tx(i: number): Transaction {
  return {
    id: i + 1,
    accountId: 'a',
    type: 'DEBIT',
    transactionType: 'CardPurchases',
    status: 'POSTED',
    description: `ROW ${i}`,
    cardNumber: '',
    postedOrder: i,
    postingDate: '2026-01-01',
    valueDate: '2026-01-01',
    actionDate: '2026-01-01',
    transactionDate: '2026-01-01',
    amount: 100,
    signedAmount: -100,
    uuid: '',
    category: '',
    note: '',
  };
}

/** A fake backend of count rows whose answers the test releases by hand. */
function backend(count: number) {
  const calls: {offset: number; limit: number; resolve: () => void; reject: (e: unknown) => void}[] = [];
  const fetch = (offset: number, limit: number) =>
    new Promise<Page>((resolve, reject) => {
      calls.push({
        offset,
        limit,
        resolve: () => {
          const rows: Transaction[] = [];
          for (let i = offset; i < Math.min(count, offset + limit); i++) {
            rows.push(tx(i));
          }
          resolve({rows, offset, totals: {count, in: 0, out: 100 * count, net: -100 * count}});
        },
        reject,
      });
    });
  return {calls, fetch};
}

/** Manual timers, so debouncing is deterministic. */
function timers() {
  let next = 1;
  const pending = new Map<number, () => void>();
  return {
    setTimer: (fn: () => void) => {
      const id = next++;
      pending.set(id, fn);
      return id;
    },
    clearTimer: (h: unknown) => {
      pending.delete(h as number);
    },
    fire() {
      const fns = [...pending.values()];
      pending.clear();
      for (const fn of fns) {
        fn();
      }
    },
    get count() {
      return pending.size;
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('pagesFor', () => {
  it('maps a row range to the pages that hold it', () => {
    expect(pagesFor(0, 0, 100)).toEqual([0]);
    expect(pagesFor(0, 99, 100)).toEqual([0]);
    expect(pagesFor(95, 130, 100)).toEqual([0, 1]);
    expect(pagesFor(999_950, 999_999, 100)).toEqual([9999]);
    expect(pagesFor(250, 420, 100)).toEqual([2, 3, 4]);
  });

  it('stops at the last row when the count is known', () => {
    expect(pagesFor(90, 300, 100, 150)).toEqual([0, 1]);
    expect(pagesFor(0, 20, 100, 0)).toEqual([]);
    expect(pagesFor(-5, 3, 100)).toEqual([0]);
  });
});

describe('PagedRows', () => {
  it('asks for the first page at once and then only for visible pages, after the range settles', async () => {
    const b = backend(1_000_000);
    const t = timers();
    const rows = new PagedRows({pageSize: 100, setTimer: t.setTimer, clearTimer: t.clearTimer});
    rows.setQuery('k', b.fetch);
    expect(b.calls.map((c) => [c.offset, c.limit])).toEqual([[0, 100]]);
    b.calls[0]?.resolve();
    await settle();
    expect(rows.getState().count).toBe(1_000_000);
    expect(rows.row(5)?.description).toBe('ROW 5');
    expect(rows.row(150)).toBeUndefined();

    // Scrolling fast through many ranges: nothing is fetched until the
    // range stays put, then only the latest range's pages.
    rows.request(5000, 5030);
    rows.request(200_000, 200_030);
    rows.request(500_050, 500_160);
    expect(b.calls).toHaveLength(1);
    expect(t.count).toBe(1);
    t.fire();
    expect(b.calls.slice(1).map((c) => c.offset)).toEqual([500_000, 500_100]);
    // Already cached or in flight: no new request, no timer.
    rows.request(500_060, 500_120);
    expect(t.count).toBe(0);
  });

  it('limits requests in flight and fetches the rest as answers arrive', async () => {
    const b = backend(10_000);
    const t = timers();
    const rows = new PagedRows({pageSize: 10, maxInFlight: 2, setTimer: t.setTimer, clearTimer: t.clearTimer});
    rows.setQuery('k', b.fetch);
    b.calls[0]?.resolve();
    await settle();
    rows.request(100, 149); // pages 10..14
    t.fire();
    expect(b.calls.slice(1).map((c) => c.offset)).toEqual([100, 110]);
    b.calls[1]?.resolve();
    await settle();
    expect(b.calls.slice(1).map((c) => c.offset)).toEqual([100, 110, 120]);
  });

  it('discards answers for a filter that is no longer current', async () => {
    const b1 = backend(500);
    const b2 = backend(7);
    const rows = new PagedRows({pageSize: 100});
    rows.setQuery('wool', b1.fetch);
    rows.setQuery('woolworths', b2.fetch);
    b2.calls[0]?.resolve();
    await settle();
    b1.calls[0]?.resolve(); // the slower, older search answers last
    await settle();
    expect(rows.getState().count).toBe(7);
    expect(rows.getState().key).toBe('woolworths');
    expect(rows.row(0)?.description).toBe('ROW 0');
    expect(rows.row(7)).toBeUndefined();
    // The same key again changes nothing.
    rows.setQuery('woolworths', b2.fetch);
    expect(b2.calls).toHaveLength(1);
  });

  it('keeps a bounded cache but never evicts visible pages', async () => {
    const b = backend(100_000);
    const t = timers();
    const rows = new PagedRows({pageSize: 10, maxPages: 3, maxInFlight: 10, setTimer: t.setTimer, clearTimer: t.clearTimer});
    rows.setQuery('k', b.fetch);
    b.calls[0]?.resolve();
    await settle();
    for (const start of [1000, 2000, 3000, 4000]) {
      rows.request(start, start + 5);
      t.fire();
      b.calls.at(-1)?.resolve();
      await settle();
    }
    expect(rows.cachedPages()).toHaveLength(3);
    expect(rows.cachedPages()).toContain(400);
    expect(rows.row(4000)?.description).toBe('ROW 4000');
    expect(rows.row(0)).toBeUndefined();
  });

  it('reports failures and recovers on refresh, showing old rows meanwhile', async () => {
    const b = backend(50);
    const rows = new PagedRows({pageSize: 10});
    rows.setQuery('k', b.fetch);
    b.calls[0]?.reject(new Error('offline'));
    await settle();
    expect(rows.getState().error).toBeInstanceOf(Error);
    rows.refresh();
    b.calls[1]?.resolve();
    await settle();
    expect(rows.getState().error).toBeUndefined();
    expect(rows.row(3)?.description).toBe('ROW 3');
    rows.refresh();
    expect(rows.row(3)?.description).toBe('ROW 3'); // stale until replaced
    expect(rows.getState().loading).toBe(true);
  });

  it('patches an edited row in place and notifies', async () => {
    const b = backend(20);
    const rows = new PagedRows({pageSize: 10});
    let notified = 0;
    rows.subscribe(() => notified++);
    rows.setQuery('k', b.fetch);
    b.calls[0]?.resolve();
    await settle();
    const before = notified;
    rows.patch({...tx(4), category: 'Groceries'});
    expect(rows.row(4)?.category).toBe('Groceries');
    expect(notified).toBe(before + 1);
    rows.patch({...tx(99), category: 'X'});
    expect(notified).toBe(before + 1);
  });
});
