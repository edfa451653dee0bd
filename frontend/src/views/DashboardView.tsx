import {useId, useMemo, useState} from 'react';
import {Link} from 'react-router';

import {balanceChart, inOutChart, readChartTheme, spendingChart, type GroupKind} from '../components/charts/chartOptions';
import {ChartFigure} from '../components/charts/ChartFigure';
import {AccountCard} from '../components/dashboard/AccountCard';
import {SyncPanel} from '../components/dashboard/SyncPanel';
import '../components/dashboard/dashboard.css';
import {EmptyState} from '../components/EmptyState';
import {CompactSelect, type Choice} from '../components/Field';
import {PageHeader} from '../components/PageHeader';
import {useAppStatus} from '../hooks/useAppStatus';
import {useColorScheme} from '../hooks/useColorScheme';
import {useNetStatus} from '../hooks/useNetStatus';
import {useNow} from '../hooks/useNow';
import {useAccounts, useInsight} from '../hooks/useReviewData';
import {useSync} from '../hooks/useSync';
import {AppError, backendAvailable} from '../lib/api';
import type {Account} from '../lib/api/review';
import {formatRelative} from '../lib/format';
import {filtersToParams, defaultFilters} from '../lib/review/filters';
import {lastMonths, localToday} from '../lib/review/periods';
import {pathOf} from '../navigation';
import {accountLabel} from './TransactionsView';

/** BENEFICIARIES_PATH is the route of the beneficiaries list. */
export const BENEFICIARIES_PATH = `${pathOf('dashboard')}/beneficiaries`;

/** periodChoices are the chart periods, by their number of months. */
const periodChoices: readonly Choice[] = [3, 6, 12, 24].map((m) => ({value: String(m), label: `Last ${String(m)} months`}));

/** ProfileGroup is the accounts of one Investec profile. */
interface ProfileGroup {
  id: string;
  name: string;
  accounts: Account[];
}

/** groupByProfile groups accounts by profile, keeping the bank's order. */
export function groupByProfile(accounts: Account[]): ProfileGroup[] {
  const groups: ProfileGroup[] = [];
  for (const a of accounts) {
    const id = a.profileId || a.profileName;
    let g = groups.find((x) => x.id === id);
    if (!g) {
      g = {id, name: a.profileName || 'Profile', accounts: []};
      groups.push(g);
    }
    g.accounts.push(a);
  }
  return groups;
}

/** DashboardView shows the person's accounts and where their money is. */
export function DashboardView() {
  const id = useId();
  const app = useAppStatus();
  const netEvent = useNetStatus();
  const now = useNow();
  const theme = useColorScheme();
  const accounts = useAccounts();
  const sync = useSync(app.status?.syncing ?? false);

  const [months, setMonths] = useState<number>(12);
  const [chartAccount, setChartAccount] = useState('');
  const [groupKind, setGroupKind] = useState<GroupKind>('category');
  const today = useMemo(() => localToday(), []);
  const range = lastMonths(today, months);
  const insight = useInsight({accountIds: chartAccount ? [chartAccount] : [], from: range.from, to: range.to});

  const list = useMemo(() => accounts.data ?? [], [accounts.data]);
  const groups = groupByProfile(list);
  const net = netEvent?.net ?? app.status?.net ?? 'unknown';
  const netMessage = netEvent?.message ?? app.status?.netMessage ?? '';
  const lastRun = sync.lastRun ?? app.status?.lastRun;
  const lastCode: string = lastRun?.errorCode ?? '';
  // The shell's banner already says why when the app knows it is offline:
  // the Dashboard then only adds how old its data is, and a sync that failed
  // for the same reason says nothing more.
  const bannerShown = net === 'offline';
  const syncFailedOffline = sync.error?.code === 'offline' || (lastCode === 'offline' && !sync.running);
  const offline = bannerShown || syncFailedOffline;
  const lastSyncedAt = app.status?.lastSyncedAt ?? '';

  const chartTheme = useMemo(() => readChartTheme(theme), [theme]);
  const labels = useMemo(() => list.map((a) => ({id: a.id, label: accountLabel(a)})), [list]);
  const data = insight.data;
  const monthsList = useMemo(() => (data?.inOut ?? []).map((m) => m.month), [data]);
  const balance = useMemo(() => balanceChart(data?.balances ?? [], labels, chartTheme), [data, labels, chartTheme]);
  const inOut = useMemo(() => inOutChart(data?.inOut ?? [], chartTheme), [data, chartTheme]);
  const spending = useMemo(
    () => spendingChart((groupKind === 'category' ? data?.byCategory : data?.byType) ?? [], monthsList, groupKind, chartTheme),
    [data, monthsList, groupKind, chartTheme],
  );

  const failed = !backendAvailable() ? new AppError('bridge_unavailable', '') : accounts.data ? undefined : accounts.error;
  if (failed) {
    return (
      <div data-testid="view-dashboard" className="stack">
        <PageHeader title="Dashboard" description="Your accounts, balances and where your money goes, at a glance." />
        <EmptyState icon="dashboard" title="Your accounts could not be loaded" actions={[{to: pathOf('settings'), label: 'Check the connection'}]}>
          <p>
            The accounts on this computer could not be read just now.{' '}
            {failed.code === 'bridge_unavailable' ? 'This page is running without the Investec Desk backend.' : failed.message}
          </p>
        </EmptyState>
      </div>
    );
  }

  const transactionsOf = (id: string) => `${pathOf('transactions')}?${filtersToParams({...defaultFilters, accounts: [id]}).toString()}`;

  return (
    <div data-testid="view-dashboard" className="stack">
      <PageHeader title="Dashboard" description="Your accounts, balances and where your money goes, at a glance." />

      {offline ? (
        <p className="notice notice--warning" role="status" data-testid="dashboard-offline">
          <strong>Offline:</strong> showing data synced {lastSyncedAt ? formatRelative(lastSyncedAt, now) : 'earlier'}.
          {bannerShown
            ? null
            : ` ${netMessage || sync.error?.message || lastRun?.errorMessage || 'Investec cannot be reached.'} Everything on this computer stays available.`}
        </p>
      ) : null}

      <SyncPanel
        running={sync.running}
        cancelling={sync.cancelling}
        progress={sync.progress}
        lastRun={syncFailedOffline ? undefined : sync.lastRun}
        error={syncFailedOffline ? undefined : sync.error?.message}
        lastSyncedAt={lastSyncedAt}
        now={now}
        onSync={sync.start}
        onCancel={sync.cancel}
      />

      {accounts.error ? (
        <p className="notice notice--danger" role="alert">
          {accounts.error.message}
        </p>
      ) : null}

      {list.length === 0 && !accounts.loading ? (
        <EmptyState icon="dashboard" title="No accounts to show yet" actions={[{to: pathOf('settings'), label: 'Manage connections'}]}>
          <p>
            Your accounts and balances appear here once a sync has run: press Sync now. Connect your Investec account in
            Settings, or look around with the built-in demo bank, which needs no account and no internet.
          </p>
        </EmptyState>
      ) : (
        <section aria-labelledby="dash-accounts" data-testid="dashboard-accounts">
          <div className="dash-section__head">
            <h2 className="dash-section__title" id="dash-accounts">
              Accounts
            </h2>
            <nav className="dash-links" aria-label="More">
              <Link to={pathOf('transactions')}>All transactions</Link>
              <Link to={BENEFICIARIES_PATH} data-testid="link-beneficiaries">
                Beneficiaries
              </Link>
              <Link to={`${pathOf('transactions')}/categories`}>Categories &amp; rules</Link>
            </nav>
          </div>
          {groups.map((g) => (
            <div key={g.id} className="stack" style={{marginBottom: 'var(--space-4)'}}>
              {groups.length > 1 ? (
                <h3 className="muted" data-testid="profile-heading">
                  {g.name}
                </h3>
              ) : null}
              <div className="grid grid--fill account-grid">
                {g.accounts.map((a) => (
                  <AccountCard key={a.id} account={a} now={now} transactionsTo={transactionsOf(a.id)} />
                ))}
              </div>
            </div>
          ))}
        </section>
      )}

      {list.length > 0 ? (
        <section aria-labelledby="dash-charts" className="stack" data-testid="dashboard-charts">
          <div className="dash-section__head">
            <h2 className="dash-section__title" id="dash-charts">
              Where the money goes
            </h2>
            <div className="chart-controls">
              <CompactSelect
                id={`${id}-period`}
                label="Period"
                value={String(months)}
                choices={periodChoices}
                onChange={(m) => {
                  setMonths(Number(m));
                }}
                testId="chart-period"
              />
              <CompactSelect
                id={`${id}-account`}
                label="Accounts"
                value={chartAccount}
                choices={[{value: '', label: 'All accounts'}, ...list.map((a) => ({value: a.id, label: accountLabel(a)}))]}
                onChange={setChartAccount}
                testId="chart-account"
              />
            </div>
          </div>
          {insight.error ? (
            <p className="notice notice--danger" role="alert">
              {insight.error.message}
            </p>
          ) : null}
          <ChartFigure title="Balance over time" chart={balance} height={280} testId="chart-balance" />
          <div className="grid chart-grid">
            <ChartFigure title="Money in and out per month" chart={inOut} testId="chart-inout" />
            <ChartFigure
              title={groupKind === 'category' ? 'Spending by category' : 'Spending by transaction type'}
              chart={spending}
              testId="chart-spending"
              controls={
                <div className="button-group" role="group" aria-label="Split spending by">
                  <button
                    type="button"
                    aria-pressed={groupKind === 'category'}
                    onClick={() => {
                      setGroupKind('category');
                    }}
                  >
                    Category
                  </button>
                  <button
                    type="button"
                    aria-pressed={groupKind === 'type'}
                    onClick={() => {
                      setGroupKind('type');
                    }}
                    data-testid="spending-by-type"
                  >
                    Type
                  </button>
                </div>
              }
            />
          </div>
        </section>
      ) : null}
    </div>
  );
}
