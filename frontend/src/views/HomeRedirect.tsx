import {useEffect, useState} from 'react';
import {Navigate} from 'react-router';

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
  const [target, setTarget] = useState<string>();
  useEffect(() => {
    let live = true;
    status().then(
      (s) => {
        if (live) {
          setTarget(s.onboarded ? pathOf('dashboard') : welcomePath);
        }
      },
      () => {
        if (live) {
          setTarget(pathOf('dashboard'));
        }
      },
    );
    return () => {
      live = false;
    };
  }, []);
  if (target === undefined) {
    return (
      <p className="muted" data-testid="home-loading">
        Opening…
      </p>
    );
  }
  return <Navigate to={target} replace />;
}
