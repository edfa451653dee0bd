import {useState} from 'react';
import {Outlet, useLocation} from 'react-router';

import {Banner} from './components/Banner';
import {LiveRegion} from './components/LiveRegion';
import {Sidebar} from './components/Sidebar';
import {SkipLink} from './components/SkipLink';
import {TopBar} from './components/TopBar';
import {useAppInfo} from './hooks/useAppInfo';
import {useAppStatus} from './hooks/useAppStatus';
import {useBackendAvailable} from './hooks/useBackendAvailable';
import {useColorScheme} from './hooks/useColorScheme';
import {useConnectionGeneration, useConnectionSwitcher} from './hooks/useConnections';
import {useNetStatus} from './hooks/useNetStatus';
import {useNow} from './hooks/useNow';
import {useShellReady} from './hooks/useShellReady';
import {formatRelative} from './lib/format';
import type {AppStatus} from './lib/types';
import {pathOf, viewAt, viewIds, views} from './navigation';
import {welcomePath} from './views/OnboardingView';

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
  const app = useAppStatus();
  const netEvent = useNetStatus();
  const about = useAppInfo();
  const now = useNow();
  const announcement = useViewAnnouncement();
  const switcher = useConnectionSwitcher();
  const generation = useConnectionGeneration();
  const {pathname} = useLocation();
  // The latest event wins over the status loaded before it.
  const net = netEvent ?? {net: app.status?.net ?? 'unknown', message: app.status?.netMessage ?? ''};
  // After a switch every view mounts afresh on the new connection's data;
  // Settings and the first-run page, where switches are made, keep their state.
  const outletKey = pathname === welcomePath || pathname === pathOf('settings') ? pathname : `connection-${String(generation)}`;

  return (
    <div className="shell" data-testid="app-shell" data-theme={theme}>
      <SkipLink targetId={mainId} />
      <Sidebar items={views} footer={about.status === 'ready' ? `Version ${about.data.version}` : undefined} />
      <TopBar
        switcher={{
          current: app.status?.connection.name ? app.status.connection : undefined,
          net: net.net,
          connections: switcher.connections,
          error: switcher.listError,
          switching: switcher.switching,
          onOpen: switcher.load,
          onSwitch: switcher.switchTo,
          manageHref: pathOf('settings'),
        }}
        syncStatus={syncLine(app.status, app.syncing, now)}
      />
      <div className="notices">
        {backend ? null : (
          <Banner tone="warning" title="Backend not connected." testId="backend-banner">
            This page is running without the Investec Desk backend, so no data can be loaded. Open it in the app or
            through wails dev.
          </Banner>
        )}
        {switcher.switchError ? (
          <Banner tone="danger" title="The connection was not switched." testId="switch-error-banner">
            {switcher.switchError.message}
          </Banner>
        ) : null}
        {net.net === 'offline' ? (
          <Banner tone="warning" icon="offline" title="You are offline." testId="offline-banner">
            {net.message || 'Investec cannot be reached.'} What is already on this computer stays available.
          </Banner>
        ) : null}
      </div>
      <main id={mainId} className="main" tabIndex={-1} data-testid="main">
        <div className="main__inner">
          <Outlet key={outletKey} />
        </div>
      </main>
      <LiveRegion message={announcement} />
    </div>
  );
}

/** syncLine says, in a few words, how fresh the data is. */
function syncLine(status: AppStatus | undefined, syncing: boolean, now: Date): string {
  if (syncing) {
    return 'Syncing…';
  }
  if (status?.lastSyncedAt) {
    return `Synced ${formatRelative(status.lastSyncedAt, now)}`;
  }
  return 'Not synced yet';
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
  return viewAt(pathname)?.label ?? (pathname === welcomePath ? 'Welcome' : 'Page not found');
}
