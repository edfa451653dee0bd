import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';
import {describe, expect, it, vi} from 'vitest';

import {installFakeWails, rejectLikeWails, stubColorScheme} from '../test/fakeWails';
import {renderApp} from '../test/renderApp';

// These drive the whole app in jsdom; on a busy machine that takes a while.
vi.setConfig({testTimeout: 30_000});

const twoHoursAgo = () => new Date(Date.now() - 2 * 3600_000 - 60_000).toISOString();

function account(id: string, ref: string, profile: string, current: number) {
  return {
    id,
    number: `1001234${id}`,
    name: 'Ms T Mokoena',
    referenceName: ref,
    productName: 'Private Bank Account',
    profileId: profile,
    profileName: profile === 'p1' ? 'Thandi Mokoena' : 'Mokoena Design (Pty) Ltd',
    kind: 'private',
    kycCompliant: true,
    balance: {accountId: id, current, available: current - 100, budget: id === 'a1' ? 250000 : undefined, currency: 'ZAR', fetchedAt: ''},
    lastSyncedAt: twoHoursAgo(),
  };
}

const insight = {
  from: '2025-12-01',
  to: '2026-11-26',
  balances: [
    {accountId: 'a1', points: [{date: '2026-10-01', balance: 100000}, {date: '2026-11-01', balance: 123456}]},
    {accountId: 'a2', points: []},
  ],
  inOut: [
    {accountId: '', month: '2026-10', in: 500000, out: 200000, net: 300000, count: 4},
    {accountId: '', month: '2026-11', in: 0, out: 150000, net: -150000, count: 2},
  ],
  byType: [{month: '2026-10', group: 'CardPurchases', in: 0, out: 200000, net: -200000, count: 3}],
  byCategory: [
    {month: '2026-10', group: 'Groceries', in: 0, out: 120000, net: -120000, count: 2},
    {month: '2026-11', group: '', in: 0, out: 150000, net: -150000, count: 2},
  ],
};

function install(over: Record<string, (...args: unknown[]) => Promise<unknown>> = {}) {
  stubColorScheme(false);
  return installFakeWails({
    ShellReady: () => Promise.resolve(),
    AppInfo: () => Promise.resolve({name: 'Investec Desk', version: '0', revision: '', modified: false, goVersion: '', platform: ''}),
    Status: () => Promise.resolve({connection: {id: 'demo', name: 'Demo'}, net: 'online', netMessage: '', lastSyncedAt: twoHoursAgo(), syncing: false}),
    Accounts: () => Promise.resolve([account('a1', 'Everyday', 'p1', 1234567), account('a2', 'Studio', 'p2', -5000)]),
    Insight: () => Promise.resolve(insight),
    SyncNow: () => new Promise(() => undefined),
    CancelSync: () => Promise.resolve(),
    ...over,
  });
}

describe('DashboardView', () => {
  it('shows every account, grouped by profile, with its balances', async () => {
    install();
    renderApp('/dashboard');
    const cards = await screen.findAllByTestId('account-card');
    expect(cards).toHaveLength(2);
    expect(screen.getAllByTestId('profile-heading').map((h) => h.textContent)).toEqual(['Thandi Mokoena', 'Mokoena Design (Pty) Ltd']);
    const first = within(cards[0] as HTMLElement);
    expect(first.getByTestId('account-reference')).toHaveTextContent('Everyday');
    expect(first.getByTestId('account-current')).toHaveTextContent('R 12 345,67');
    expect(first.getByTestId('account-available')).toHaveTextContent('R 12 344,67');
    expect(first.getByText('Budget')).toBeInTheDocument();
    expect(first.getByTestId('account-synced')).toHaveTextContent('Synced 2 h ago');
    expect(within(cards[1] as HTMLElement).getByTestId('account-current')).toHaveTextContent('-R 50,00');
    expect(within(cards[1] as HTMLElement).queryByText('Budget')).not.toBeInTheDocument();
    // Each account links to its transactions, filtered.
    expect(first.getByRole('link', {name: /Transactions of Everyday/})).toHaveAttribute('href', '/transactions?account=a1');
  });

  it('draws the charts from the insight data, with their figures as tables', async () => {
    const fake = install();
    renderApp('/dashboard');
    await screen.findAllByTestId('account-card');
    await waitFor(() => {
      expect(screen.getByTestId('chart-inout-table')).toBeInTheDocument();
    });
    expect(screen.getByTestId('chart-inout-drawing').getAttribute('aria-label')).toMatch(/R\s5\s000,00 in and R\s3\s500,00 out in total/);
    const rows = within(screen.getByTestId('chart-spending-table')).getAllByRole('row');
    expect(rows.map((r) => r.textContent.replace(/\s/g, ' '))).toEqual(['CategoryMoney out', 'UncategorisedR 1 500,00', 'GroceriesR 1 200,00']);
    fireEvent.click(screen.getByTestId('spending-by-type'));
    expect(within(screen.getByTestId('chart-spending-table')).getAllByRole('row')[1]).toHaveTextContent('Card purchases');
    // One account and another period ask again.
    fireEvent.change(screen.getByTestId('chart-account'), {target: {value: 'a2'}});
    fireEvent.change(screen.getByTestId('chart-period'), {target: {value: '3'}});
    await waitFor(() => {
      const req = fake.calls.filter((c) => c.method === 'Insight').at(-1)?.args[0] as {accountIds: string[]; from: string; to: string};
      expect(req.accountIds).toEqual(['a2']);
      const from = new Date(`${req.from}T00:00:00`);
      const to = new Date(`${req.to}T00:00:00`);
      expect(from.getDate()).toBe(1);
      expect((to.getFullYear() - from.getFullYear()) * 12 + to.getMonth() - from.getMonth()).toBe(2);
    });
  });

  it('syncs with live progress and can cancel', async () => {
    const fake = install();
    renderApp('/dashboard');
    await screen.findAllByTestId('account-card');
    expect(screen.getByTestId('sync-fresh')).toHaveTextContent('Data last synced 2 h ago');
    fireEvent.click(screen.getByTestId('sync-now'));
    expect(fake.calls.some((c) => c.method === 'SyncNow')).toBe(true);
    act(() => {
      fake.emit('sync:progress', {runId: 1, phase: 'transactions', accountId: 'a1', accountName: 'Everyday', accountIndex: 2, accountCount: 4, windowFrom: '2026-09-01', windowTo: '2026-11-26', fetched: 120, inserted: 3, message: ''});
    });
    expect(screen.getByTestId('sync-progress')).toHaveTextContent('Account 2 of 4 (Everyday) · Fetching transactions 2026-09-01 to 2026-11-26 · 120 fetched');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25');
    fireEvent.click(screen.getByTestId('sync-cancel'));
    expect(fake.calls.some((c) => c.method === 'CancelSync')).toBe(true);
    act(() => {
      fake.emit('sync:done', {id: 1, startedAt: '', finishedAt: '', trigger: 'manual', accounts: 4, fetched: 120, added: 0, removed: 0, failed: 0, errorCode: 'cancelled', errorMessage: 'Cancelled.'});
    });
    expect(await screen.findByTestId('sync-result')).toHaveTextContent('Sync cancelled; what was fetched is kept.');
    expect(screen.getByTestId('sync-now')).toBeInTheDocument();
  });

  it('says plainly when the bank cannot be reached, and still shows the cached data', async () => {
    const fake = install();
    renderApp('/dashboard');
    await screen.findAllByTestId('account-card');
    expect(screen.queryByTestId('dashboard-offline')).not.toBeInTheDocument();
    act(() => {
      fake.emit('net:status', {net: 'offline', message: 'Investec cannot be reached.'});
    });
    // The shell's banner says why; the Dashboard adds only how old its data is.
    expect(await screen.findByTestId('dashboard-offline')).toHaveTextContent(/^Offline: showing data synced 2 h ago\.$/);
    expect(screen.getByTestId('offline-banner')).toHaveTextContent('Investec cannot be reached.');
    expect(screen.getAllByText(/cannot be reached/)).toHaveLength(1);
    expect(screen.getAllByTestId('account-card')).toHaveLength(2);
  });

  it('says once why a sync found the bank unreachable, before the app-wide status knows', async () => {
    install({SyncNow: () => rejectLikeWails(JSON.stringify({code: 'offline', message: 'Investec cannot be reached. Check the internet connection.'}))});
    renderApp('/dashboard');
    await screen.findAllByTestId('account-card');
    fireEvent.click(screen.getByTestId('sync-now'));
    expect(await screen.findByTestId('dashboard-offline')).toHaveTextContent(
      'Offline: showing data synced 2 h ago. Investec cannot be reached. Check the internet connection. Everything on this computer stays available.',
    );
    expect(screen.queryByTestId('offline-banner')).not.toBeInTheDocument();
    expect(screen.queryByTestId('sync-error')).not.toBeInTheDocument();
    expect(screen.getAllByText(/cannot be reached/)).toHaveLength(1);
  });

  it('shows a sync failure that is not about the connection in the sync panel', async () => {
    install({SyncNow: () => rejectLikeWails(JSON.stringify({code: 'unauthorized', message: 'Investec refused the API key.'}))});
    renderApp('/dashboard');
    await screen.findAllByTestId('account-card');
    fireEvent.click(screen.getByTestId('sync-now'));
    expect(await screen.findByTestId('sync-error')).toHaveTextContent('Investec refused the API key.');
    expect(screen.queryByTestId('dashboard-offline')).not.toBeInTheDocument();
  });
});
