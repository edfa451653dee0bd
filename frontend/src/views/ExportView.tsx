import {EmptyState} from '../components/EmptyState';
import {PageHeader} from '../components/PageHeader';
import {pathOf} from '../navigation';

/** ExportView exports transactions for an accountant, to Excel. */
export function ExportView() {
  return (
    <div data-testid="view-export">
      <PageHeader
        title="Export"
        description="Export transactions, balances and categories to an Excel workbook for your accountant."
      />
      <EmptyState icon="export" title="Nothing to export yet" actions={[{to: pathOf('dashboard'), label: 'Go to the Dashboard'}]}>
        <p>Exports are made from the transactions kept on this computer. Run a sync from the Dashboard first.</p>
      </EmptyState>
    </div>
  );
}
