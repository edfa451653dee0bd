import {act, screen, waitFor, within} from '@testing-library/react';
import {describe, expect, it} from 'vitest';

import {appStatus, callsOf, connectionsBackend, demo, failing, mine, sandboxConn} from '../../test/connectionsFake';
import {renderApp} from '../../test/renderApp';

describe('the top bar’s connection switcher', () => {
  it('shows the connection in use with its kind, and lists the others in a menu', async () => {
    connectionsBackend();
    const {user} = renderApp('/dashboard');
    const chip = await screen.findByTestId('connection-chip');
    await waitFor(() => {
      expect(chip).toHaveTextContent('Demo');
    });
    expect(screen.getByTestId('connection-kind-chip')).toHaveTextContent('Demo · built in');
    expect(chip).toHaveAttribute('aria-expanded', 'false');

    await user.click(chip);
    expect(chip).toHaveAttribute('aria-expanded', 'true');
    const menu = await screen.findByRole('menu', {name: 'Connections'});
    const items = await within(menu).findAllByRole('menuitemradio');
    expect(items.map((i) => i.textContent)).toEqual([
      '✓DemoDemo · built in',
      'My InvestecInvestec · personal',
      'Investec sandboxInvestec sandbox · personal',
    ]);
    expect(items[0]).toHaveAttribute('aria-checked', 'true');
    expect(items[0]).toHaveFocus();
    expect(within(menu).getByRole('menuitem', {name: 'Manage connections…'})).toHaveAttribute('href', '/settings');
  });

  it('moves with the arrow keys and closes on Escape, back on the chip', async () => {
    connectionsBackend();
    const {user} = renderApp('/dashboard');
    const chip = await screen.findByTestId('connection-chip');
    chip.focus();
    await user.keyboard('{ArrowDown}');
    const menu = await screen.findByRole('menu');
    const items = await within(menu).findAllByRole('menuitemradio');
    expect(items[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(items[1]).toHaveFocus();
    await user.keyboard('{End}');
    expect(within(menu).getByRole('menuitem')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(items[0]).toHaveFocus(); // wraps
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(chip).toHaveFocus();
  });

  it('switches, then the status and the views reload on the new connection and it syncs', async () => {
    let current = demo;
    const fake = connectionsBackend({
      Status: () => Promise.resolve(appStatus({connection: current})),
      SwitchConnection: (id) => {
        current = {...mine, id, active: true};
        return Promise.resolve(current);
      },
    });
    const {user} = renderApp('/settings');
    await user.click(await screen.findByTestId('connection-chip'));
    const menu = await screen.findByRole('menu');
    await user.click(await within(menu).findByRole('menuitemradio', {name: /My Investec/}));
    await waitFor(() => {
      expect(screen.getByTestId('connection-name')).toHaveTextContent('My Investec');
    });
    expect(callsOf(fake, 'SwitchConnection')).toEqual([[mine.id]]);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    await waitFor(() => {
      expect(callsOf(fake, 'SyncNow')).toHaveLength(1);
    });
    // Settings reloads its list for the new connection.
    await waitFor(() => {
      expect(callsOf(fake, 'Connections').length).toBeGreaterThanOrEqual(3);
    });
  });

  it('remounts the view in use after a switch, so it loads the new connection’s data', async () => {
    const fake = connectionsBackend({Export: () => Promise.resolve({}), Accounts: () => Promise.resolve([])});
    const {user} = renderApp('/export');
    await screen.findByTestId('view-export');
    await waitFor(() => {
      expect(callsOf(fake, 'Accounts').length).toBeGreaterThan(0);
    });
    await user.click(await screen.findByTestId('connection-chip'));
    const before = callsOf(fake, 'Accounts').length; // StrictMode loads twice on mount
    await user.click(await within(await screen.findByRole('menu')).findByRole('menuitemradio', {name: /Investec sandbox/}));
    await waitFor(() => {
      expect(callsOf(fake, 'Accounts').length).toBeGreaterThan(before);
    });
    expect(callsOf(fake, 'SwitchConnection')).toEqual([[sandboxConn.id]]);
  });

  it('says why a switch failed, in a banner', async () => {
    connectionsBackend({
      SwitchConnection: () => failing('keyring', 'the system keyring is not available (the keyring is locked). Unlock it.'),
    });
    const {user} = renderApp('/dashboard');
    await user.click(await screen.findByTestId('connection-chip'));
    await user.click(await within(await screen.findByRole('menu')).findByRole('menuitemradio', {name: /My Investec/}));
    expect(await screen.findByTestId('switch-error-banner')).toHaveTextContent('the keyring is locked');
    expect(screen.getByTestId('connection-name')).toHaveTextContent('Demo');
  });

  it('closes when clicking elsewhere', async () => {
    connectionsBackend();
    const {user} = renderApp('/dashboard');
    await user.click(await screen.findByTestId('connection-chip'));
    await screen.findByRole('menu');
    await act(async () => {
      await user.click(screen.getByRole('main'));
    });
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });
});
