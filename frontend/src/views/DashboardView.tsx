import {EmptyState} from '../components/EmptyState';
import {PageHeader} from '../components/PageHeader';
import {pathOf} from '../navigation';

/** DashboardView shows the person's accounts and where their money is. */
export function DashboardView() {
  return (
    <div data-testid="view-dashboard">
      <PageHeader title="Dashboard" description="Your accounts, balances and where your money goes, at a glance." />
      <EmptyState icon="dashboard" title="No accounts to show yet" actions={[{to: pathOf('settings'), label: 'Manage connections'}]}>
        <p>
          Your accounts and balances appear here once a sync has run. Connect your Investec account in Settings, or
          look around with the built-in demo bank, which needs no account and no internet.
        </p>
      </EmptyState>
    </div>
  );
}
