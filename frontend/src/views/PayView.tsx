import {EmptyState} from '../components/EmptyState';
import {PageHeader} from '../components/PageHeader';
import {pathOf} from '../navigation';

/** PayView pays beneficiaries and moves money between the person's own accounts. */
export function PayView() {
  return (
    <div data-testid="view-pay">
      <PageHeader
        title="Pay & Transfer"
        description="Pay a beneficiary or move money between your own accounts. You review every payment before it is sent, and it is never sent twice."
      />
      <EmptyState icon="pay" title="No accounts to pay from" actions={[{to: pathOf('settings'), label: 'Connect an account'}]}>
        <p>
          Connect an account in Settings whose API key may make transfers and payments. Your beneficiaries from
          Investec Online will then be listed here.
        </p>
      </EmptyState>
    </div>
  );
}
