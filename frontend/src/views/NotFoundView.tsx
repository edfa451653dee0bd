import {EmptyState} from '../components/EmptyState';
import {PageHeader} from '../components/PageHeader';
import {pathOf} from '../navigation';

/** NotFoundView is shown for a route the app does not have. */
export function NotFoundView() {
  return (
    <div data-testid="view-not-found">
      <PageHeader title="Page not found" />
      <EmptyState icon="info" title="There is nothing here" actions={[{to: pathOf('dashboard'), label: 'Go to the Dashboard'}]}>
        <p>The link you followed does not lead to a part of Investec Desk.</p>
      </EmptyState>
    </div>
  );
}
