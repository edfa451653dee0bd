import {Navigate} from 'react-router';

import {useLoadOnce} from '../hooks/useLoad';
import {status} from '../lib/api';
import {pathOf} from '../navigation';
import {welcomePath} from './OnboardingView';

/**
 * HomeRedirect is what the app opens on (the root route): the first-run
 * page until one of its choices has been made, the Dashboard after that.
 * When the status cannot be read (no backend) it opens the Dashboard, whose
 * empty state explains what to do.
 */
export function HomeRedirect() {
  const app = useLoadOnce(status);
  if (app.status === 'loading') {
    return (
      <p className="muted" data-testid="home-loading">
        Opening…
      </p>
    );
  }
  return <Navigate to={app.status === 'ready' && !app.data.onboarded ? welcomePath : pathOf('dashboard')} replace />;
}
