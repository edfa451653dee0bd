import {act, screen, waitFor, within} from '@testing-library/react';
import {describe, expect, it} from 'vitest';

import {viewIds, views} from './navigation';
import {installFakeWails, stubColorScheme} from './test/fakeWails';
import {renderApp} from './test/renderApp';

const info = {name: 'Investec Desk', version: '0.1.0', revision: 'abc123', modified: false, goVersion: 'go1.26', platform: 'linux/amd64'};

function appStatus(over: Record<string, unknown> = {}) {
  return {
    connection: {id: 'demo', name: 'Demo', kind: 'demo', active: true},
    net: 'online',
    netMessage: '',
    lastSyncedAt: '',
    syncing: false,
    interval: 'off',
    onboarded: true,
    demoOffline: false,
    ...over,
  };
}

// backend stands in for the bound Go methods the shell calls.
function backend(status: () => Record<string, unknown> = () => appStatus()) {
  return installFakeWails({
    ShellReady: () => Promise.resolve(),
    AppInfo: () => Promise.resolve(info),
    Status: () => Promise.resolve(status()),
  });
}

function sidebar() {
  return within(screen.getByRole('navigation', {name: 'Main'}));
}

function navLinks() {
  return sidebar().getAllByRole('link');
}

describe('the shell', () => {
  it('has the landmarks, the skip link and the sidebar items in order', () => {
    renderApp('/dashboard');
    expect(screen.getByRole('navigation', {name: 'Main'})).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    expect(screen.getByRole('banner')).toHaveAttribute('data-testid', 'topbar');
    expect(screen.getByTestId('skip-link')).toHaveTextContent('Skip to main content');
    expect(navLinks().map((a) => a.textContent)).toEqual([
      'Dashboard',
      'Transactions',
      'Pay & Transfer',
      'Statements',
      'Cards',
      'Export',
      'Settings',
    ]);
  });

  it('opens the Dashboard at the root', async () => {
    const {router} = renderApp('/');
    expect(await screen.findByRole('heading', {level: 1, name: 'Dashboard'})).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/dashboard');
  });

  it('marks only the active item with aria-current', () => {
    renderApp('/statements');
    for (const link of navLinks()) {
      if (link.textContent === 'Statements') {
        expect(link).toHaveAttribute('aria-current', 'page');
      } else {
        expect(link).not.toHaveAttribute('aria-current');
      }
    }
  });

  it.each(views.map((v) => [v.label, v.id, v.path]))('%s has a heading and a useful empty state', async (label, id, path) => {
    const {router, user} = renderApp('/dashboard');
    await user.click(sidebar().getByRole('link', {name: label}));
    // Cards is loaded on first use, so its navigation completes a moment later.
    const view = await screen.findByTestId(`view-${id}`);
    expect(router.state.location.pathname).toBe(path);
    expect(within(view).getByRole('heading', {level: 1})).toHaveTextContent(label);
    const empty = (await within(view).findAllByTestId('empty-state'))[0];
    expect(empty).toBeDefined();
    // Says what to do: a sentence, not just a title.
    expect(empty?.textContent.length).toBeGreaterThan(60);
  });

  it('has no dead buttons: every control in every view leads somewhere real', async () => {
    const known = new Set(views.map((v) => `#${v.path}`).concat(views.map((v) => v.path)));
    for (const v of views) {
      const {unmount} = renderApp(v.path);
      const view = await screen.findByTestId(`view-${v.id}`);
      expect(within(view).queryAllByRole('button')).toEqual([]);
      for (const link of within(view).queryAllByRole('link')) {
        expect(known, `${v.id}: ${link.textContent}`).toContain(link.getAttribute('href'));
      }
      unmount();
    }
  });

  it('follows an empty state action to its view', async () => {
    const {user, router} = renderApp('/transactions');
    await user.click(screen.getByRole('link', {name: /go to the dashboard/i}));
    expect(router.state.location.pathname).toBe('/dashboard');
    expect(screen.getByRole('heading', {level: 1})).toHaveTextContent('Dashboard');
  });

  it('shows a not-found view for unknown routes, inside the shell', () => {
    renderApp('/nowhere');
    expect(screen.getByRole('heading', {level: 1})).toHaveTextContent('Page not found');
    expect(screen.getByRole('navigation', {name: 'Main'})).toBeInTheDocument();
  });
});

describe('keyboard', () => {
  it('Tab reaches the skip link first, and it moves focus to main', async () => {
    const {user} = renderApp('/dashboard');
    await user.tab();
    expect(screen.getByTestId('skip-link')).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
  });

  it('Tab then arrows move through the sidebar, and Enter opens a view', async () => {
    const {user, router} = renderApp('/dashboard');
    await user.tab(); // skip link
    await user.tab(); // first sidebar item
    const links = navLinks();
    expect(links[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(links[1]).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(links[3]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(links[2]).toHaveFocus();
    await user.keyboard('{End}');
    expect(links[6]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(links[0]).toHaveFocus(); // wraps
    await user.keyboard('{ArrowUp}');
    expect(links[6]).toHaveFocus(); // wraps back
    await user.keyboard('{Home}');
    expect(links[0]).toHaveFocus();

    await user.keyboard('{ArrowDown}{Enter}');
    expect(router.state.location.pathname).toBe('/transactions');
    expect(screen.getByRole('heading', {level: 1})).toHaveTextContent('Transactions');
    expect(navLinks()[1]).toHaveAttribute('aria-current', 'page');
    // Focus stays in the sidebar so the next view is one arrow away.
    expect(navLinks()[1]).toHaveFocus();
  });

  it('visits every view by keyboard alone', async () => {
    const {user, router} = renderApp('/dashboard');
    await user.tab();
    await user.tab();
    for (const [i, v] of views.entries()) {
      if (i > 0) {
        await user.keyboard('{ArrowDown}');
      }
      await user.keyboard('{Enter}');
      expect(router.state.location.pathname).toBe(v.path);
      expect(screen.getByTestId(`view-${v.id}`)).toBeInTheDocument();
    }
  });

  it('announces the view after moving, not on load', async () => {
    const {user} = renderApp('/dashboard');
    expect(screen.getByTestId('live-region')).toHaveTextContent('');
    await user.click(sidebar().getByRole('link', {name: 'Cards'}));
    // Once Cards, loaded on first use, is on screen.
    await waitFor(() => {
      expect(screen.getByTestId('live-region')).toHaveTextContent('Cards');
    });
  });

  it('Back returns to the previous view', async () => {
    const {user, router} = renderApp('/dashboard');
    await user.click(sidebar().getByRole('link', {name: 'Export'}));
    expect(router.state.location.pathname).toBe('/export');
    await act(() => router.navigate(-1));
    expect(router.state.location.pathname).toBe('/dashboard');
    expect(screen.getByRole('heading', {level: 1})).toHaveTextContent('Dashboard');
  });
});

describe('with the backend', () => {
  it('reports ShellReady once, with the title, the views and the theme', async () => {
    document.title = 'Investec Desk';
    stubColorScheme(true);
    const wails = backend();
    renderApp('/dashboard');
    await waitFor(() => {
      expect(wails.calls.filter((c) => c.method === 'ShellReady')).toHaveLength(1);
    });
    const report = wails.calls.find((c) => c.method === 'ShellReady')?.args[0];
    expect(report).toEqual({title: 'Investec Desk', views: [...viewIds], theme: 'dark'});
    expect(screen.getByTestId('app-shell')).toHaveAttribute('data-theme', 'dark');
  });

  it('reports the light theme when the OS asks for it', async () => {
    stubColorScheme(false);
    const wails = backend();
    renderApp('/dashboard');
    await waitFor(() => {
      expect(wails.calls.some((c) => c.method === 'ShellReady')).toBe(true);
    });
    expect(wails.calls.find((c) => c.method === 'ShellReady')?.args[0]).toMatchObject({theme: 'light'});
  });

  it('shows no backend banner, and the version in Settings and the sidebar', async () => {
    backend();
    renderApp('/settings');
    expect(await screen.findByTestId('about-version')).toHaveTextContent('0.1.0');
    expect(screen.getByTestId('about-name')).toHaveTextContent('Investec Desk');
    expect(screen.getByTestId('sidebar-footer')).toHaveTextContent('Version 0.1.0');
    expect(screen.queryByTestId('backend-banner')).not.toBeInTheDocument();
  });

  it('shows the connection and how fresh the data is in the top bar', async () => {
    const fiveMinAgo = new Date(Date.now() - 5 * 60_000 - 5_000).toISOString();
    backend(() => appStatus({lastSyncedAt: fiveMinAgo}));
    renderApp('/dashboard');
    expect(await screen.findByTestId('connection-name')).toHaveTextContent('Demo');
    await waitFor(() => {
      expect(screen.getByTestId('sync-status')).toHaveTextContent('Synced 5 min ago');
    });
    // The chip opens the connection menu (ConnectionSwitcher.test.tsx), which leads to Settings.
    expect(screen.getByTestId('connection-chip')).toHaveAttribute('aria-haspopup', 'menu');
  });

  it('says when a sync runs, and reloads the status when it is done', async () => {
    let synced = '';
    const wails = backend(() => appStatus({lastSyncedAt: synced}));
    renderApp('/dashboard');
    await waitFor(() => {
      expect(screen.getByTestId('sync-status')).toHaveTextContent('Not synced yet');
    });
    act(() => {
      wails.emit('sync:progress', {runId: 1, phase: 'transactions', fetched: 10});
    });
    expect(screen.getByTestId('sync-status')).toHaveTextContent('Syncing…');
    synced = new Date().toISOString();
    act(() => {
      wails.emit('sync:done', {id: 1, fetched: 10});
    });
    await waitFor(() => {
      expect(screen.getByTestId('sync-status')).toHaveTextContent('Synced just now');
    });
  });

  it('shows the offline banner from the status, and follows net:status events', async () => {
    let net = 'offline';
    const wails = backend(() => appStatus({net, netMessage: net === 'offline' ? 'The demo bank is switched off.' : ''}));
    renderApp('/dashboard');
    expect(await screen.findByTestId('offline-banner')).toHaveTextContent('The demo bank is switched off.');
    net = 'online';
    act(() => {
      wails.emit('net:status', {net: 'online', message: ''});
    });
    await waitFor(() => {
      expect(screen.queryByTestId('offline-banner')).not.toBeInTheDocument();
    });
    net = 'offline';
    act(() => {
      wails.emit('net:status', {net: 'offline', message: 'Investec cannot be reached.'});
    });
    expect(screen.getByTestId('offline-banner')).toHaveTextContent('Investec cannot be reached.');
  });

  it('keeps working when the status cannot be loaded', async () => {
    installFakeWails({
      ShellReady: () => Promise.resolve(),
      AppInfo: () => Promise.resolve(info),
      Status: () => Promise.reject(new Error(JSON.stringify({code: 'keyring', message: 'The keyring is locked.'}))),
    });
    renderApp('/dashboard');
    expect(await screen.findByTestId('sidebar-footer')).toHaveTextContent('Version 0.1.0');
    expect(screen.getByTestId('connection-name')).toHaveTextContent('No connection');
    expect(screen.getByTestId('sync-status')).toHaveTextContent('Not synced yet');
  });
});

describe('without the backend', () => {
  it('says so, and Settings explains why there is no version', async () => {
    renderApp('/settings');
    expect(screen.getByTestId('connection-name')).toHaveTextContent('No connection');
    expect(screen.getByTestId('backend-banner')).toHaveTextContent(/backend not connected/i);
    expect(await screen.findByTestId('about-error')).toHaveTextContent(/not available/i);
  });
});
