import {screen, waitFor, within} from '@testing-library/react';
import {describe, expect, it} from 'vitest';

import {appStatus, callsOf, connection, connectionsBackend, demo, failing, invalid, mine, sandboxConn} from '../test/connectionsFake';
import {renderApp} from '../test/renderApp';

function item(id: unknown) {
  return screen.findByTestId(`connection-${String(id)}`);
}

describe('SettingsView connections', () => {
  it('lists each connection with its kind, base URL, credentials state and permissions, never a secret', async () => {
    connectionsBackend();
    renderApp('/settings');
    const d = within(await item(demo.id));
    expect(d.getByTestId('connection-active')).toHaveTextContent('In use');
    expect(d.getByTestId('connection-kind')).toHaveTextContent('Demo · built in');
    expect(d.getByTestId('connection-credentials')).toHaveTextContent('None needed');
    expect(d.queryByTestId('connection-remove')).not.toBeInTheDocument(); // the demo is reset, not removed
    expect(d.queryByTestId('connection-switch')).not.toBeInTheDocument();

    const m = within(await item(mine.id));
    expect(m.getByTestId('connection-kind')).toHaveTextContent('Investec · personal');
    expect(m.getByText('https://openapi.investec.com')).toBeInTheDocument();
    expect(m.getByTestId('connection-credentials')).toHaveTextContent('Stored in the system keyring');
    expect(m.getByTestId('connection-permissions')).toHaveTextContent('Account name and number, Account balance, Transactions');
    expect(m.queryByTestId('connection-active')).not.toBeInTheDocument();

    const s = within(await item(sandboxConn.id));
    expect(s.getByTestId('connection-credentials')).toHaveTextContent('Investec’s published test credentials');
    expect(s.getByTestId('connection-permissions')).toHaveTextContent('Not tested yet');
    expect(s.queryByTestId('connection-edit-credentials')).not.toBeInTheDocument();
  });

  it('says when a connection’s credentials are missing', async () => {
    connectionsBackend({Connections: () => Promise.resolve([demo, {...mine, hasCredentials: false}])});
    renderApp('/settings');
    expect(within(await item(mine.id)).getByTestId('connection-credentials')).toHaveTextContent('Not set');
  });

  it('says when the keyring cannot be read, with the way forward, rather than “Not set”', async () => {
    const problem =
      'the system keyring is not available (the keyring is locked). Unlock it, or explore with the demo data, which needs no credentials.';
    connectionsBackend({Connections: () => Promise.resolve([demo, {...mine, hasCredentials: false, keyringProblem: problem}])});
    renderApp('/settings');
    const m = within(await item(mine.id));
    expect(m.getByTestId('connection-keyring-problem')).toHaveTextContent(
      'The system keyring is not available (the keyring is locked). Unlock it, or explore with the demo data',
    );
    expect(m.getByTestId('connection-credentials')).not.toHaveTextContent('Not set');
  });

  it('switches to a connection', async () => {
    const fake = connectionsBackend();
    const {user} = renderApp('/settings');
    await user.click(within(await item(mine.id)).getByTestId('connection-switch'));
    await waitFor(() => {
      expect(callsOf(fake, 'SwitchConnection')).toEqual([[mine.id]]);
    });
    // Then the lists and the status reload, and the new connection syncs (its interval is not off).
    await waitFor(() => {
      expect(callsOf(fake, 'SyncNow')).toHaveLength(1);
    });
    expect(callsOf(fake, 'Connections').length).toBeGreaterThan(1);
  });

  it('renames a connection, with the name’s problem beside it', async () => {
    let fail = true;
    const fake = connectionsBackend({
      UpdateConnection: (id, name) =>
        fail ? invalid({name: 'A connection called "Demo" already exists.'}) : Promise.resolve({...mine, id, name}),
    });
    const {user} = renderApp('/settings');
    const m = within(await item(mine.id));
    await user.click(m.getByTestId('connection-rename'));
    await user.clear(m.getByTestId('rename-input'));
    await user.type(m.getByTestId('rename-input'), 'Demo');
    await user.click(m.getByTestId('rename-save'));
    expect(await m.findByTestId('field-error-newname')).toHaveTextContent('already exists');
    expect(m.getByTestId('rename-input')).toHaveAttribute('aria-invalid', 'true');

    fail = false;
    await user.clear(m.getByTestId('rename-input'));
    await user.type(m.getByTestId('rename-input'), 'Household');
    await user.click(m.getByTestId('rename-save'));
    expect(await m.findByTestId('connection-note')).toHaveTextContent('Renamed.');
    expect(callsOf(fake, 'UpdateConnection')).toEqual([
      [mine.id, 'Demo', ''],
      [mine.id, 'Household', ''],
    ]);
  });

  it('edits credentials: empty fields with “set ••••” placeholders, only what is typed is sent, then a re-test', async () => {
    const fake = connectionsBackend({
      ReplaceCredentials: () => Promise.resolve(),
      TestConnection: () =>
        Promise.resolve({ok: true, message: 'Connected. The key sees 1 account.', permissions: ['Transactions'], missing: ['Account balance'], accounts: [], errorCode: ''}),
    });
    const {user} = renderApp('/settings');
    const m = within(await item(mine.id));
    await user.click(m.getByTestId('connection-edit-credentials'));
    for (const f of ['clientId', 'clientSecret', 'apiKey']) {
      expect(m.getByTestId(`input-${f}`)).toHaveValue('');
      expect(m.getByTestId(`input-${f}`)).toHaveAttribute('placeholder', 'set ••••');
      expect(m.getByTestId(`input-${f}`)).toHaveAttribute('type', 'password');
    }
    await user.click(m.getByTestId('input-clientSecret'));
    await user.paste('a-new-secret-0001');
    await user.click(m.getByTestId('credentials-save'));
    const result = await m.findByTestId('connection-test-result');
    expect(result).toHaveTextContent('Without ‘Account balance’ the app cannot show your balances.');
    expect(callsOf(fake, 'ReplaceCredentials')).toEqual([[mine.id, {clientId: '', clientSecret: 'a-new-secret-0001', apiKey: ''}]]);
    expect(callsOf(fake, 'TestConnection')).toEqual([[mine.id]]);
    expect(m.getByTestId('connection-note')).toHaveTextContent('Credentials replaced in the system keyring.');
  });

  it('shows a locked keyring where it happened, with the way forward', async () => {
    connectionsBackend({
      ReplaceCredentials: () =>
        failing('keyring', 'the system keyring is not available (the keyring is locked). On Linux, install and unlock GNOME Keyring or KWallet.'),
    });
    const {user} = renderApp('/settings');
    const m = within(await item(mine.id));
    await user.click(m.getByTestId('connection-edit-credentials'));
    await user.click(m.getByTestId('input-apiKey'));
    await user.paste('a-new-api-key-000000001');
    await user.click(m.getByTestId('credentials-save'));
    const problem = await m.findByTestId('connection-problem');
    expect(problem).toHaveTextContent('The system keyring is not available');
    expect(problem).toHaveTextContent('install and unlock GNOME Keyring or KWallet');
    expect(problem).toHaveTextContent('nothing was saved');
    expect(m.getByTestId('input-apiKey')).toHaveValue('');
  });

  it('re-tests a connection and reports a refusal', async () => {
    const fake = connectionsBackend({
      TestConnection: () =>
        Promise.resolve({ok: false, message: 'Investec refused the credentials. Check the client ID, client secret and API key.', permissions: [], missing: [], accounts: [], errorCode: 'unauthorized'}),
    });
    const {user} = renderApp('/settings');
    const m = within(await item(mine.id));
    await user.click(m.getByTestId('connection-retest'));
    expect(await m.findByTestId('connection-test-result')).toHaveTextContent('Investec refused the credentials');
    expect(callsOf(fake, 'TestConnection')).toEqual([[mine.id]]);
  });

  it('removes a connection after confirming; its cache stays unless ticked', async () => {
    const fake = connectionsBackend({
      ConnectionCache: (id) => Promise.resolve({connectionId: id, exists: true, accounts: 4, transactions: 2612, bytes: 3_500_000}),
      RemoveConnection: () => Promise.resolve(),
    });
    const {user} = renderApp('/settings');
    await user.click(within(await item(mine.id)).getByTestId('connection-remove'));
    const dialog = await screen.findByRole('dialog', {name: 'Remove ‘My Investec’?'});
    expect(dialog).toHaveTextContent('Its secrets are deleted from the system keyring.');
    const box = within(dialog).getByRole('checkbox', {name: /Also delete its cached data \(2\s612 transactions, 3,3 MB\)/});
    expect(box).not.toBeChecked();
    expect(within(dialog).getByTestId('dialog-cancel')).toHaveFocus();
    await user.click(within(dialog).getByTestId('dialog-confirm'));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    expect(callsOf(fake, 'ConnectionCache')).toEqual([[mine.id]]);
    expect(callsOf(fake, 'RemoveConnection')).toEqual([[mine.id, false]]);

    await user.click(within(await item(sandboxConn.id)).getByTestId('connection-remove'));
    const second = await screen.findByRole('dialog', {name: 'Remove ‘Investec sandbox’?'});
    expect(second).toHaveTextContent('nothing to delete from the keyring');
    await user.click(within(second).getByRole('checkbox'));
    await user.click(within(second).getByTestId('dialog-confirm'));
    await waitFor(() => {
      expect(callsOf(fake, 'RemoveConnection')).toEqual([
        [mine.id, false],
        [sandboxConn.id, true],
      ]);
    });
  });

  it('Escape cancels the remove dialog without removing', async () => {
    const fake = connectionsBackend({
      ConnectionCache: (id) => Promise.resolve({connectionId: id, exists: false, accounts: 0, transactions: 0, bytes: 0}),
      RemoveConnection: () => Promise.resolve(),
    });
    const {user} = renderApp('/settings');
    await user.click(within(await item(mine.id)).getByTestId('connection-remove'));
    await screen.findByRole('dialog');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(callsOf(fake, 'RemoveConnection')).toEqual([]);
  });

  it('adds a connection with the same form as the first run, including a custom base URL', async () => {
    const fake = connectionsBackend({
      Connect: () =>
        Promise.resolve({
          test: {ok: true, message: 'Connected.', permissions: [], missing: [], accounts: [], errorCode: ''},
          connection: connection({id: 'local-1', name: 'Simulator', kind: 'custom', baseUrl: 'http://127.0.0.1:8080'}),
        }),
    });
    const {user} = renderApp('/settings');
    await user.click(await screen.findByTestId('add-connection'));
    await user.clear(screen.getByTestId('input-name'));
    await user.type(screen.getByTestId('input-name'), 'Simulator');
    await user.click(screen.getByText('Advanced: a custom base URL'));
    await user.click(screen.getByTestId('use-custom'));
    await user.type(screen.getByTestId('input-baseUrl'), 'http://127.0.0.1:8080');
    for (const f of ['clientId', 'clientSecret', 'apiKey']) {
      await user.click(screen.getByTestId(`input-${f}`));
      await user.paste(`${f}-value-0000000001`);
    }
    await user.click(screen.getByTestId('kind-business'));
    await user.click(screen.getByTestId('connect-save'));
    expect(await screen.findByTestId('connections-note')).toHaveTextContent('Connected to ‘Simulator’');
    expect(callsOf(fake, 'Connect')).toEqual([
      [
        {
          name: 'Simulator',
          kind: 'custom',
          baseUrl: 'http://127.0.0.1:8080',
          business: true,
          credentials: {clientId: 'clientId-value-0000000001', clientSecret: 'clientSecret-value-0000000001', apiKey: 'apiKey-value-0000000001'},
        },
      ],
    ]);
    expect(screen.queryByTestId('add-panel')).not.toBeInTheDocument();
  });

  it('shows the welcome page again on request', async () => {
    const fake = connectionsBackend();
    const {user, router} = renderApp('/settings');
    await user.click(await screen.findByTestId('restart-onboarding'));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/welcome');
    });
    expect(callsOf(fake, 'RestartOnboarding')).toEqual([[]]);
  });
});

describe('SettingsView sync and demo', () => {
  it('sets the background sync interval', async () => {
    const fake = connectionsBackend({SetSyncInterval: () => Promise.resolve()});
    const {user} = renderApp('/settings');
    const group = await screen.findByTestId('sync-interval');
    await waitFor(() => {
      expect(within(group).getByTestId('interval-1h')).toBeChecked();
    });
    await user.click(within(group).getByTestId('interval-15m'));
    expect(await screen.findByTestId('sync-interval-note')).toHaveTextContent('Saved: every 15 minutes.');
    expect(callsOf(fake, 'SetSyncInterval')).toEqual([['15m']]);
    await user.click(within(group).getByTestId('interval-off'));
    await waitFor(() => {
      expect(callsOf(fake, 'SetSyncInterval')).toEqual([['15m'], ['off']]);
    });
  });

  it('simulates being offline on the demo, then syncs so the app finds out', async () => {
    let offline = false;
    const fake = connectionsBackend({
      Status: () => Promise.resolve(appStatus({demoOffline: offline})),
      SetDemoOffline: (v) => {
        offline = v as boolean;
        return Promise.resolve();
      },
      SyncNow: () => (offline ? failing('offline', 'Investec cannot be reached.') : Promise.resolve({id: 2})),
    });
    const {user} = renderApp('/settings');
    const toggle = await screen.findByRole('switch', {name: 'Simulate being offline'});
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    await waitFor(() => {
      expect(toggle).toBeChecked();
    });
    expect(screen.getByTestId('demo-offline-note')).toHaveTextContent('The demo bank is off');
    expect(callsOf(fake, 'SetDemoOffline')).toEqual([[true]]);
    await waitFor(() => {
      expect(callsOf(fake, 'SyncNow')).toHaveLength(1);
    });
    await user.click(toggle);
    await waitFor(() => {
      expect(toggle).not.toBeChecked();
    });
    expect(callsOf(fake, 'SetDemoOffline')).toEqual([[true], [false]]);
  });

  it('resets the demo data after confirming, then syncs', async () => {
    const fake = connectionsBackend({ResetDemo: () => Promise.resolve()});
    const {user} = renderApp('/settings');
    await user.click(await screen.findByTestId('demo-reset'));
    const dialog = await screen.findByRole('dialog', {name: 'Reset the demo data?'});
    expect(callsOf(fake, 'ResetDemo')).toEqual([]);
    await user.click(within(dialog).getByTestId('dialog-confirm'));
    await waitFor(() => {
      expect(screen.getByTestId('demo-reset-note')).toHaveTextContent('The demo is back at its start, and synced.');
    });
    expect(callsOf(fake, 'ResetDemo')).toEqual([[]]);
    expect(callsOf(fake, 'SyncNow')).toEqual([[]]);
  });

  it('shows the demo bank’s address on the demo, and no demo section elsewhere', async () => {
    connectionsBackend();
    const {unmount} = renderApp('/settings');
    expect(await screen.findByTestId('demo-url')).toHaveTextContent('http://127.0.0.1:40123');
    unmount();
    connectionsBackend({
      Status: () => Promise.resolve(appStatus({connection: {...mine, active: true}})),
    });
    renderApp('/settings');
    await screen.findByTestId('sync-settings');
    await waitFor(() => {
      expect(screen.getByTestId('sync-settings')).toHaveTextContent('‘My Investec’');
    });
    expect(screen.queryByTestId('demo-settings')).not.toBeInTheDocument();
  });

  it('About shows the version, the data folder and the security model', async () => {
    connectionsBackend();
    renderApp('/settings');
    expect(await screen.findByTestId('data-dir')).toHaveTextContent('/home/me/.local/share/investec-desk');
    // The version comes from its own call (AppInfo), which may answer after the data folder.
    await waitFor(() => {
      expect(screen.getByTestId('about-version')).toHaveTextContent('0.1.0');
    });
    expect(screen.getByTestId('security-model').querySelectorAll('li')).toHaveLength(3);
  });
});
