import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';

import {installFakeWails, rejectLikeWails, type FakeWails} from '../test/fakeWails';
import {renderApp} from '../test/renderApp';

interface Filter {
  search: string;
  direction: string;
  offset: number;
  limit: number;
  sort: string;
  descending: boolean;
  categories: string[];
}

/** merchant text the bank might send; '' for the plain MERCHANT n rows */
let hostile = '';

function tx(i: number, desc = hostile ? `${hostile} ${String(i)}` : `MERCHANT ${String(i)}`) {
  return {
    id: 1000 + i,
    accountId: i % 2 === 0 ? 'acc-1' : 'acc-2',
    type: i % 3 === 0 ? 'CREDIT' : 'DEBIT',
    transactionType: 'CardPurchases',
    status: i === 1 ? 'PENDING' : 'POSTED',
    description: desc,
    cardNumber: '402167xxxxxx1234',
    postedOrder: i === 1 ? 0 : i,
    postingDate: i === 1 ? '' : '2026-11-20',
    valueDate: '',
    actionDate: '',
    transactionDate: '2026-11-19',
    amount: 1000 + i,
    signedAmount: i % 3 === 0 ? 1000 + i : -(1000 + i),
    runningBalance: i === 1 ? undefined : 500000 - i,
    uuid: `uuid-${String(i)}`,
    category: '',
    note: '',
  };
}

/** sizes of the fake result sets, by search text */
const resultSize: Record<string, number> = {'': 100_000, wool: 37, woolworths: 5};

const accounts = [
  {id: 'acc-1', number: '10012345678', name: 'Ms T Mokoena', referenceName: 'Everyday', productName: 'Private Bank Account', profileId: 'p', profileName: 'Thandi', kind: 'private', lastSyncedAt: ''},
  {id: 'acc-2', number: '10087654321', name: 'Ms T Mokoena', referenceName: 'Saver', productName: 'PrimeSaver', profileId: 'p', profileName: 'Thandi', kind: 'private', lastSyncedAt: ''},
];

let delays: Record<string, number> = {};
let annotations: Record<number, {category: string; note: string}> = {};

function install(): FakeWails {
  return installFakeWails({
    ShellReady: () => Promise.resolve(),
    AppInfo: () => Promise.resolve({name: 'Investec Desk', version: '0', revision: '', modified: false, goVersion: '', platform: ''}),
    Status: () => Promise.resolve({connection: {id: 'demo', name: 'Demo'}, net: 'online', netMessage: '', lastSyncedAt: '', syncing: false}),
    Accounts: () => Promise.resolve(accounts),
    Categories: () => Promise.resolve([{id: 1, name: 'Groceries', position: 1, uses: 0, rules: 0, listed: true}]),
    TransactionTypes: () => Promise.resolve(['CardPurchases']),
    Transactions: (arg: unknown) => {
      const f = arg as Filter;
      const search = f.search.toLowerCase();
      let count = resultSize[search] ?? 0;
      if (f.direction === 'DEBIT') {
        count = Math.floor(count / 2);
      }
      const rows = [];
      for (let i = f.offset; i < Math.min(count, f.offset + f.limit); i++) {
        const t = tx(i, search ? `${search.toUpperCase()} ${String(i)}` : undefined);
        rows.push({...t, ...annotations[t.id]});
      }
      const page = {rows, offset: f.offset, totals: {count, in: 100 * count, out: 50 * count, net: 50 * count}};
      const ms = delays[search] ?? 0;
      return new Promise((resolve) => setTimeout(() => { resolve(page); }, ms));
    },
    TransactionDetail: (id: unknown) => {
      const i = (id as number) - 1000;
      return Promise.resolve({transaction: {...tx(i), ...annotations[id as number]}, categorySource: annotations[id as number] ? 'hand' : ''});
    },
    Annotate: (id: unknown, a: unknown) => {
      const an = a as {category: string; note: string};
      if (an.note.length > 5) {
        return rejectLikeWails(JSON.stringify({code: 'invalid', message: 'note: too long', fields: [{field: 'note', message: 'Too long.'}]}));
      }
      annotations[id as number] = an;
      return Promise.resolve({...tx((id as number) - 1000), ...an});
    },
  });
}

function transactionCalls(fake: FakeWails): Filter[] {
  return fake.calls.filter((c) => c.method === 'Transactions').map((c) => c.args[0] as Filter);
}

// These drive the whole app in jsdom; on a busy machine that takes a while.
vi.setConfig({testTimeout: 30_000});

beforeEach(() => {
  delays = {};
  annotations = {};
  hostile = '';
  // jsdom lays nothing out: give the scrolling grid a viewport.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(640);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
  // ...and let it scroll.
  const tops = new WeakMap<Element, number>();
  vi.spyOn(Element.prototype, 'scrollTop', 'get').mockImplementation(function get(this: Element) {
    return tops.get(this) ?? 0;
  });
  vi.spyOn(Element.prototype, 'scrollTop', 'set').mockImplementation(function set(this: Element, v: number) {
    tops.set(this, v);
  });
  HTMLElement.prototype.scrollTo = function scrollTo(this: HTMLElement, options?: ScrollToOptions | number) {
    tops.set(this, typeof options === 'object' ? (options.top ?? 0) : 0);
    // As in a browser, the scroll event comes after the call.
    setTimeout(() => this.dispatchEvent(new Event('scroll')), 0);
  };
});

afterEach(() => {
  vi.useRealTimers();
});

describe('TransactionsView', () => {
  it('shows the first rows and the totals of the whole filtered set, fetching only visible pages', async () => {
    const fake = install();
    renderApp('/transactions');
    expect(await screen.findByTestId('tx-count')).toHaveTextContent('100 000 transactions');
    expect(screen.getByTestId('tx-in')).toHaveTextContent('R 100 000,00');
    const rows = await screen.findAllByTestId('tx-row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(80); // virtualized: a screenful plus overscan
    expect(within(rows[0] as HTMLElement).getByText('MERCHANT 0')).toBeInTheDocument();
    // Money in and out differ without colour: a sign and words for screen readers.
    expect(rows[0]).toHaveTextContent(/Money in.*\+R/);
    expect(rows[2]).toHaveTextContent(/Money out.*-R/);
    expect(within(rows[1] as HTMLElement).getByTestId('status-pending')).toHaveTextContent('Pending');
    expect(screen.getByTestId('tx-grid')).toHaveAttribute('aria-rowcount', '100001');
    const offsets = transactionCalls(fake).map((f) => f.offset);
    expect(Math.max(...offsets)).toBeLessThan(200);
  });

  it('searches as you type, once the typing pauses, and ignores late answers to an older search', async () => {
    const fake = install();
    const {router} = renderApp('/transactions');
    await screen.findByTestId('tx-count');
    delays = {wool: 400, woolworths: 0};
    const search = screen.getByTestId('tx-search');
    fireEvent.change(search, {target: {value: 'w'}});
    fireEvent.change(search, {target: {value: 'wo'}});
    fireEvent.change(search, {target: {value: 'woo'}});
    fireEvent.change(search, {target: {value: 'wool'}});
    await waitFor(() => {
      expect(transactionCalls(fake).some((f) => f.search === 'wool')).toBe(true);
    });
    // Only the paused text was searched, not every keystroke.
    expect(transactionCalls(fake).filter((f) => ['w', 'wo', 'woo'].includes(f.search))).toEqual([]);
    fireEvent.change(search, {target: {value: 'woolworths'}});
    await waitFor(() => {
      expect(screen.getByTestId('tx-count')).toHaveTextContent('5 transactions');
    });
    expect(router.state.location.search).toBe('?q=woolworths');
    // The slow answer for "wool" arrives later and changes nothing.
    await act(() => new Promise((r) => setTimeout(r, 450)));
    expect(screen.getByTestId('tx-count')).toHaveTextContent('5 transactions');
    expect(screen.getAllByTestId('tx-row')).toHaveLength(5);
  });

  it('keeps the filters in the URL, so Back undoes a filter', async () => {
    const fake = install();
    const {router} = renderApp('/transactions?q=wool');
    expect(await screen.findByTestId('tx-count')).toHaveTextContent('37 transactions');
    expect(screen.getByTestId('tx-search')).toHaveValue('wool');
    fireEvent.change(screen.getByTestId('filter-direction'), {target: {value: 'DEBIT'}});
    await waitFor(() => {
      expect(screen.getByTestId('tx-count')).toHaveTextContent('18 transactions');
    });
    expect(new URLSearchParams(router.state.location.search).get('dir')).toBe('out');
    expect(transactionCalls(fake).at(-1)).toMatchObject({direction: 'DEBIT', search: 'wool'});

    await act(async () => {
      await router.navigate(-1);
    });
    await waitFor(() => {
      expect(screen.getByTestId('tx-count')).toHaveTextContent('37 transactions');
    });
    expect(screen.getByTestId('filter-direction')).toHaveValue('');
    expect(screen.getByTestId('tx-search')).toHaveValue('wool');
  });

  it('keeps every one of several quick filter changes', async () => {
    install();
    const {router} = renderApp('/transactions');
    await screen.findByTestId('tx-count');
    fireEvent.change(screen.getByTestId('filter-status'), {target: {value: 'posted'}});
    fireEvent.change(screen.getByTestId('filter-direction'), {target: {value: 'DEBIT'}});
    fireEvent.change(screen.getByTestId('filter-period'), {target: {value: 'custom'}});
    fireEvent.change(screen.getByTestId('filter-from'), {target: {value: '2026-01-01'}});
    fireEvent.change(screen.getByTestId('filter-to'), {target: {value: '2026-03-31'}});
    const p = new URLSearchParams(router.state.location.search);
    expect(Object.fromEntries(p)).toEqual({status: 'posted', dir: 'out', period: 'custom', from: '2026-01-01', to: '2026-03-31'});
    expect(screen.getByTestId('filter-from')).toHaveValue('2026-01-01');
  });

  it('sorts by a column from its header', async () => {
    const fake = install();
    const {router} = renderApp('/transactions');
    await screen.findByTestId('tx-count');
    fireEvent.click(screen.getByTestId('sort-amount'));
    await waitFor(() => {
      expect(transactionCalls(fake).at(-1)).toMatchObject({sort: 'amount', descending: true});
    });
    expect(router.state.location.search).toBe('?sort=amount&order=desc');
    expect(screen.getByRole('columnheader', {name: /amount/i})).toHaveAttribute('aria-sort', 'descending');
  });

  it('is driven by the keyboard: / searches, arrows select, Enter opens, Esc closes', async () => {
    install();
    renderApp('/transactions');
    await screen.findAllByTestId('tx-row');
    const grid = screen.getByTestId('tx-grid');

    fireEvent.keyDown(document.body, {key: '/'});
    expect(screen.getByTestId('tx-search')).toHaveFocus();

    grid.focus();
    fireEvent.keyDown(grid, {key: 'ArrowDown'});
    fireEvent.keyDown(grid, {key: 'ArrowDown'});
    fireEvent.keyDown(grid, {key: 'ArrowDown'});
    fireEvent.keyDown(grid, {key: 'ArrowUp'});
    const selected = screen.getAllByTestId('tx-row').filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected.map((r) => r.dataset.index)).toEqual(['1']);
    expect(grid).toHaveAttribute('aria-activedescendant', 'tx-row-1');

    fireEvent.keyDown(grid, {key: 'Enter'});
    const panel = await screen.findByTestId('tx-panel');
    expect(await within(panel).findByTestId('tx-panel-title')).toHaveTextContent('MERCHANT 1');
    expect(within(panel).getByTestId('tx-fields')).toHaveTextContent('uuid-1');

    fireEvent.keyDown(document.activeElement ?? document.body, {key: 'Escape'});
    await waitFor(() => {
      expect(screen.queryByTestId('tx-panel')).not.toBeInTheDocument();
    });
    expect(grid).toHaveFocus();

    fireEvent.keyDown(grid, {key: 'End'});
    await waitFor(() => {
      expect(screen.getAllByTestId('tx-row').some((r) => r.dataset.index === '99999' && r.getAttribute('aria-selected') === 'true')).toBe(true);
    });
  });

  it('saves a category and note from the detail panel, and shows a field problem beside its field', async () => {
    const fake = install();
    renderApp('/transactions');
    const rows = await screen.findAllByTestId('tx-row');
    fireEvent.click(rows[4] as HTMLElement);
    const panel = await screen.findByTestId('tx-panel');
    await within(panel).findByTestId('annotation-form');
    fireEvent.change(within(panel).getByTestId('annotation-category'), {target: {value: 'Groceries'}});
    fireEvent.change(within(panel).getByTestId('annotation-note'), {target: {value: 'far too long'}});
    fireEvent.click(within(panel).getByTestId('annotation-save'));
    expect(await within(panel).findByText('Too long.')).toBeInTheDocument();

    fireEvent.change(within(panel).getByTestId('annotation-note'), {target: {value: 'milk'}});
    fireEvent.click(within(panel).getByTestId('annotation-save'));
    await waitFor(() => {
      expect(within(panel).getByTestId('category-origin')).toHaveTextContent('Set by you');
    });
    expect(fake.calls.filter((c) => c.method === 'Annotate').at(-1)?.args).toEqual([1004, {category: 'Groceries', note: 'milk'}]);
    // The row in the table shows the new category without a refetch.
    const row = screen.getAllByTestId('tx-row').find((r) => r.dataset.index === '4');
    expect(row).toHaveTextContent('Groceries');
  });

  it('shows merchant text as text, never as HTML, in the table and the detail panel', async () => {
    hostile = '<img src="x" onerror="window.pwned=1"><b>BOLD</b>';
    install();
    renderApp('/transactions');
    const rows = await screen.findAllByTestId('tx-row');
    expect(within(rows[3] as HTMLElement).getByText(`${hostile} 3`)).toBeInTheDocument();
    fireEvent.click(rows[3] as HTMLElement);
    const panel = await screen.findByTestId('tx-panel');
    expect(await within(panel).findByTestId('tx-panel-title')).toHaveTextContent(`${hostile} 3`);
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect([...document.querySelectorAll('b')].filter((b) => b.textContent === 'BOLD')).toEqual([]);
  });

  it('opens the transaction a link names (?id=), and forgets the link when closed', async () => {
    install();
    const {router} = renderApp('/transactions?account=acc-1&id=1007');
    const panel = await screen.findByTestId('tx-panel');
    expect(await within(panel).findByTestId('tx-panel-title')).toHaveTextContent('MERCHANT 7');
    fireEvent.click(within(panel).getByTestId('tx-panel-close'));
    await waitFor(() => {
      expect(screen.queryByTestId('tx-panel')).not.toBeInTheDocument();
    });
    expect(router.state.location.search).toBe('?account=acc-1');
  });
});
