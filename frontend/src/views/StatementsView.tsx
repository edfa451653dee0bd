import {EmptyState} from '../components/EmptyState';
import {PageHeader} from '../components/PageHeader';
import {pathOf} from '../navigation';

/** StatementsView lists statements and tax certificates to download. */
export function StatementsView() {
  return (
    <div data-testid="view-statements">
      <PageHeader title="Statements" description="Download your statements and tax certificates and keep them on this computer." />
      <EmptyState
        icon="statements"
        title="No documents listed yet"
        actions={[{to: pathOf('dashboard'), label: 'Go to the Dashboard'}]}
      >
        <p>A sync lists the statements and tax certificates Investec holds for each account. Run one from the Dashboard.</p>
      </EmptyState>
    </div>
  );
}
