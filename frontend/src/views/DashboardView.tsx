import {EmptyState} from '../components/EmptyState';
import {PageHeader} from '../components/PageHeader';
import {pathOf} from '../navigation';

/** DashboardView shows the person's accounts and where their money is. */
export function DashboardView() {
  return (
    <div data-testid="view-dashboard">
      <PageHeader title="Dashboard" description="Your accounts, balances and where your money goes, at a glance." />
      <EmptyState icon="dashboard" title="No accounts yet" actions={[{to: pathOf('settings'), label: 'Set up a connection'}]}>
        <p>
          Connect Investec Desk to your Investec account in Settings, or start with the built-in demo bank, which
          needs no account and no internet. Once a sync has run, your accounts and balances appear here.
        </p>
      </EmptyState>
    </div>
  );
}
