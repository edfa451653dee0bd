import {EmptyState} from '../components/EmptyState';
import {PageHeader} from '../components/PageHeader';
import {pathOf} from '../navigation';

/** CardsView manages the programmable code that runs on the person's cards. */
export function CardsView() {
  return (
    <div data-testid="view-cards">
      <PageHeader
        title="Cards"
        description="Write, test and publish the code that runs on your Investec card with every purchase."
      />
      <EmptyState icon="cards" title="No cards yet" actions={[{to: pathOf('settings'), label: 'Connect an account'}]}>
        <p>Connect an account in Settings whose API key has card permissions to see your cards and their code.</p>
      </EmptyState>
    </div>
  );
}
