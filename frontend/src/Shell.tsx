import {useState} from 'react';
import {Outlet, useLocation} from 'react-router';

import {Banner} from './components/Banner';
import {LiveRegion} from './components/LiveRegion';
import {Sidebar} from './components/Sidebar';
import {SkipLink} from './components/SkipLink';
import {TopBar} from './components/TopBar';
import {useAppInfo} from './hooks/useAppInfo';
import {useBackendAvailable} from './hooks/useBackendAvailable';
import {useColorScheme} from './hooks/useColorScheme';
import {useNetStatus} from './hooks/useNetStatus';
import {useShellReady} from './hooks/useShellReady';
import {pathOf, viewAt, viewIds, views} from './navigation';

const mainId = 'main';

/**
 * Shell is the app's frame: a skip link, the sidebar (nav), the top bar
 * (header), notices, and the current view in main. It reports itself to the
 * backend once it has rendered and announces view changes to screen readers.
 */
export function Shell() {
  const theme = useColorScheme();
  useShellReady(viewIds, theme);
  const backend = useBackendAvailable();
  const net = useNetStatus();
  const about = useAppInfo();
  const announcement = useViewAnnouncement();

  return (
    <div className="shell" data-testid="app-shell" data-theme={theme}>
      <SkipLink targetId={mainId} />
      <Sidebar items={views} footer={about.status === 'ready' ? `Version ${about.info.version}` : undefined} />
      <TopBar syncStatus="Not synced yet" settingsPath={pathOf('settings')} />
      <div className="notices">
        {backend ? null : (
          <Banner tone="warning" title="Backend not connected." testId="backend-banner">
            This page is running without the Investec Desk backend, so no data can be loaded. Open it in the app or
            through wails dev.
          </Banner>
        )}
        {net && !net.online ? (
          <Banner tone="warning" icon="offline" title="You are offline." testId="offline-banner">
            {net.message ?? 'Investec cannot be reached. Cached data is still available.'}
          </Banner>
        ) : null}
      </div>
      <main id={mainId} className="main" tabIndex={-1} data-testid="main">
        <div className="main__inner">
          <Outlet />
        </div>
      </main>
      <LiveRegion message={announcement} />
    </div>
  );
}

/**
 * useViewAnnouncement returns the name of the view to announce after the
 * person moves to another view, and "" on the first view (the page load
 * itself is announced by the screen reader).
 */
function useViewAnnouncement(): string {
  const {pathname} = useLocation();
  const [initial] = useState(pathname);
  const [moved, setMoved] = useState(false);
  if (!moved && pathname !== initial) {
    setMoved(true);
  }
  if (!moved && pathname === initial) {
    return '';
  }
  return viewAt(pathname)?.label ?? 'Page not found';
}
