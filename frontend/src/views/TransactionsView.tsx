import {EmptyState} from '../components/EmptyState';
import {PageHeader} from '../components/PageHeader';
import {pathOf} from '../navigation';

/** TransactionsView finds and categorises cached transactions, offline. */
export function TransactionsView() {
  return (
    <div data-testid="view-transactions">
      <PageHeader
        title="Transactions"
        description="Search, filter and categorise every transaction, kept on this computer so it works offline."
      />
      <EmptyState
        icon="transactions"
        title="No transactions cached yet"
        actions={[
          {to: pathOf('dashboard'), label: 'Go to the Dashboard'},
          {to: pathOf('settings'), label: 'Set up a connection'},
        ]}
      >
        <p>Run a sync from the Dashboard to fetch your transaction history from Investec.</p>
      </EmptyState>
    </div>
  );
}
