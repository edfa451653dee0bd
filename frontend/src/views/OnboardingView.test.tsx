import {screen, waitFor, within} from '@testing-library/react';
import {describe, expect, it} from 'vitest';

import {account, appStatus, callsOf, connection, connectionsBackend, failing, invalid} from '../test/connectionsFake';
import {renderApp} from '../test/renderApp';

const keyringMessage =
  'the system keyring is not available (the keyring is locked). Investec Desk keeps your credentials only in the system keyring. On Linux, install and unlock GNOME Keyring or KWallet (any Secret Service) and sign in to a desktop session; or explore with the demo data, which needs no credentials.';

async function openConnectForm(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByTestId('choose-connect'));
  return screen.getByTestId('connect-form');
}

async function typeCredentials(user: ReturnType<typeof renderApp>['user'], id: string, secret: string, key: string) {
  await user.type(screen.getByTestId('input-clientId'), id);
  await user.type(screen.getByTestId('input-clientSecret'), secret);
  await user.type(screen.getByTestId('input-apiKey'), key);
}

describe('first run', () => {
  it('opens on the welcome page until a choice is made, with the demo first and focused', async () => {
    connectionsBackend({Status: () => Promise.resolve(appStatus({onboarded: false}))});
    const {router} = renderApp('/');
    expect(await screen.findByRole('heading', {level: 1, name: 'Welcome to Investec Desk'})).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/welcome');
    // The shell stays around it.
    expect(screen.getByRole('navigation', {name: 'Main'})).toBeInTheDocument();
    expect(screen.getByTestId('topbar')).toBeInTheDocument();

    const choices = within(screen.getByRole('list', {name: 'Ways to start'})).getAllByRole('heading', {level: 2});
    expect(choices.map((h) => h.textContent)).toEqual(['Explore with demo data', 'Investec sandbox', 'Connect my Investec account']);
    const demo = screen.getByTestId('choose-demo');
    expect(demo).toHaveFocus();
    expect(demo).toHaveClass('button--primary');
    expect(screen.getByTestId('choose-sandbox')).not.toHaveClass('button--primary');
  });

  it('opens the Dashboard once onboarded', async () => {
    connectionsBackend();
    const {router} = renderApp('/');
    expect(await screen.findByRole('heading', {level: 1, name: 'Dashboard'})).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/dashboard');
  });

  it('explores the demo: ExploreDemo, then the Dashboard', async () => {
    const fake = connectionsBackend({Status: () => Promise.resolve(appStatus({onboarded: false}))});
    const {user, router} = renderApp('/');
    await user.click(await screen.findByTestId('choose-demo'));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/dashboard');
    });
    expect(callsOf(fake, 'ExploreDemo')).toEqual([[]]);
    // The demo is already syncing since the app started: no second sync.
    expect(callsOf(fake, 'SyncNow')).toEqual([]);
  });

  it('chooses Investec’s sandbox (or the business one): adds it, completes onboarding and syncs', async () => {
    const fake = connectionsBackend({
      Status: () => Promise.resolve(appStatus({onboarded: false})),
      AddInvestecSandbox: (business) =>
        Promise.resolve(connection({id: 'sb', name: business ? 'Investec business sandbox' : 'Investec sandbox', kind: 'investec_sandbox', business})),
    });
    const {user, router} = renderApp('/welcome');
    await user.click(await screen.findByTestId('choose-business-sandbox'));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/dashboard');
    });
    expect(callsOf(fake, 'AddInvestecSandbox')).toEqual([[true]]);
    expect(callsOf(fake, 'CompleteOnboarding')).toEqual([[]]);
    await waitFor(() => {
      expect(callsOf(fake, 'SyncNow')).toHaveLength(1);
    });
  });

  it('says why a choice failed, beside it, and stays', async () => {
    connectionsBackend({AddInvestecSandbox: () => failing('internal', 'Something went wrong. The details are in the log.')});
    const {user, router} = renderApp('/welcome');
    await user.click(await screen.findByTestId('choose-sandbox'));
    const problem = await within(screen.getByTestId('choice-sandbox')).findByTestId('sandbox-problem');
    expect(problem).toHaveTextContent('Something went wrong. The details are in the log.');
    expect(router.state.location.pathname).toBe('/welcome');
  });
});

describe('connect my Investec account', () => {
  it('shows a link-free guide, a default name and password fields that the browser must not remember', async () => {
    connectionsBackend();
    const {user} = renderApp('/welcome');
    const form = await openConnectForm(user);
    expect(within(form).getByTestId('connect-guide')).toHaveTextContent(
      'Go to Manage → Investec Developer → Individual Connections',
    );
    expect(within(form).queryAllByRole('link')).toEqual([]);
    expect(screen.getByTestId('input-name')).toHaveValue('My Investec');
    for (const f of ['clientId', 'clientSecret', 'apiKey']) {
      const input = screen.getByTestId(`input-${f}`);
      expect(input).toHaveAttribute('type', 'password');
      expect(input).toHaveAttribute('autocomplete', 'off');
      expect(input).toHaveAttribute('spellcheck', 'false');
    }
    expect(form).toHaveAttribute('autocomplete', 'off');
    await user.click(screen.getByTestId('kind-business'));
    expect(within(form).getByTestId('connect-guide')).toHaveTextContent('Business Connections');
  });

  it('shows and hides a secret on request', async () => {
    connectionsBackend();
    const {user} = renderApp('/welcome');
    await openConnectForm(user);
    await user.type(screen.getByTestId('input-clientSecret'), 'abc');
    await user.click(screen.getByRole('button', {name: 'Show Client secret'}));
    expect(screen.getByTestId('input-clientSecret')).toHaveAttribute('type', 'text');
    await user.click(screen.getByRole('button', {name: 'Hide Client secret'}));
    expect(screen.getByTestId('input-clientSecret')).toHaveAttribute('type', 'password');
  });

  it('puts each problem beside its field when the form is submitted empty', async () => {
    const fake = connectionsBackend({
      Connect: () =>
        invalid({
          clientId: 'Enter the client ID from Investec Online.',
          clientSecret: 'Enter the client secret from Investec Online.',
          apiKey: 'Enter the API key from Investec Online.',
        }),
    });
    const {user} = renderApp('/welcome');
    await openConnectForm(user);
    await user.clear(screen.getByTestId('input-name'));
    await user.click(screen.getByTestId('connect-save'));
    // A missing name is said at once; nothing is sent.
    expect(await screen.findByTestId('field-error-name')).toHaveTextContent('Give the connection a name.');
    expect(callsOf(fake, 'Connect')).toEqual([]);

    await user.type(screen.getByTestId('input-name'), 'Mine');
    await user.click(screen.getByTestId('connect-save'));
    expect(await screen.findByTestId('field-error-clientId')).toHaveTextContent('Enter the client ID from Investec Online.');
    expect(screen.getByTestId('field-error-clientSecret')).toHaveTextContent('Enter the client secret from Investec Online.');
    expect(screen.getByTestId('field-error-apiKey')).toHaveTextContent('Enter the API key from Investec Online.');
    expect(screen.queryByTestId('field-error-name')).not.toBeInTheDocument();
    // Each error is tied to its input.
    const secret = screen.getByTestId('input-clientSecret');
    expect(secret).toHaveAttribute('aria-invalid', 'true');
    expect(secret).toHaveAccessibleDescription('Enter the client secret from Investec Online.');
    // Field problems are not repeated as a form-level error.
    expect(screen.queryByTestId('connect-problem')).not.toBeInTheDocument();
    expect(callsOf(fake, 'Connect')[0]?.[0]).toEqual({
      name: 'Mine',
      kind: 'investec',
      baseUrl: '',
      business: false,
      credentials: {clientId: '', clientSecret: '', apiKey: ''},
    });
  });

  it('tests the credentials and shows the permissions, what is missing and what that means, and the accounts', async () => {
    const fake = connectionsBackend({
      TestCredentials: () =>
        Promise.resolve({
          ok: true,
          message: 'Connected. The key sees 2 accounts. Not granted: Beneficiary payments, Card code.',
          permissions: ['Account name and number', 'Account balance', 'Transactions'],
          missing: ['Beneficiary payments', 'Card code'],
          accounts: [account('a1', '10011425044', 'Private Bank Account'), account('a2', '10062569808', 'PrimeSaver')],
          errorCode: '',
        }),
    });
    const {user} = renderApp('/welcome');
    await openConnectForm(user);
    await typeCredentials(user, 'client-id-0001', 'secret-0001', 'api-key-000000000001');
    await user.click(screen.getByTestId('connect-test'));
    const result = await screen.findByTestId('test-result');
    expect(result).toHaveAttribute('data-ok', 'true');
    expect(result).toHaveAttribute('role', 'status');
    expect(within(result).getByTestId('granted').textContent).toBe('✓ Account name and number✓ Account balance✓ Transactions');
    const missing = within(result).getByTestId('missing');
    expect(missing).toHaveTextContent('Beneficiary payments: Without ‘Beneficiary payments’ you cannot pay beneficiaries.');
    expect(missing).toHaveTextContent('Card code: Without ‘Card code’ you cannot see your cards or program them.');
    expect(within(result).getByTestId('accounts')).toHaveTextContent('Private Bank Account 5044 · Mr J Doe');
    expect(within(result).getByTestId('accounts')).toHaveTextContent('PrimeSaver 9808');
    expect(callsOf(fake, 'TestCredentials')[0]?.[0]).toMatchObject({
      kind: 'investec',
      credentials: {clientId: 'client-id-0001', clientSecret: 'secret-0001', apiKey: 'api-key-000000000001'},
    });
    // Testing stores nothing and keeps the values for Save and connect.
    expect(callsOf(fake, 'Connect')).toEqual([]);
    expect(screen.getByTestId('input-clientSecret')).toHaveValue('secret-0001');
  });

  it('says plainly when Investec refuses the credentials, for the whole form', async () => {
    connectionsBackend({
      TestCredentials: () =>
        Promise.resolve({
          ok: false,
          message: 'Investec refused the credentials. Check the client ID, client secret and API key.',
          permissions: [],
          missing: [],
          accounts: [],
          errorCode: 'unauthorized',
        }),
    });
    const {user} = renderApp('/welcome');
    await openConnectForm(user);
    await typeCredentials(user, 'client-id-0001', 'bad-secret', 'api-key-000000000001');
    await user.click(screen.getByTestId('connect-test'));
    const result = await screen.findByTestId('test-result');
    expect(result).toHaveAttribute('role', 'alert');
    expect(result).toHaveTextContent('Investec refused the credentials');
    expect(result).toHaveTextContent('Check the client ID, client secret and API key.');
    expect(screen.queryByTestId('field-error-clientSecret')).not.toBeInTheDocument();
  });

  it('says plainly when Investec cannot be reached', async () => {
    connectionsBackend({
      Connect: () =>
        Promise.resolve({
          test: {ok: false, message: 'Investec cannot be reached. Check the internet connection.', permissions: [], missing: [], accounts: [], errorCode: 'offline'},
        }),
    });
    const {user, router} = renderApp('/welcome');
    await openConnectForm(user);
    await typeCredentials(user, 'client-id-0001', 'secret-0001', 'api-key-000000000001');
    await user.click(screen.getByTestId('connect-save'));
    const result = await screen.findByTestId('test-result');
    expect(result).toHaveTextContent('Investec cannot be reached');
    expect(result).toHaveTextContent('Nothing was saved.');
    expect(router.state.location.pathname).toBe('/welcome');
  });

  it('shows a missing or locked keyring with the way forward, and offers the demo instead', async () => {
    const fake = connectionsBackend({Connect: () => failing('keyring', keyringMessage)});
    const {user, router} = renderApp('/welcome');
    await openConnectForm(user);
    await typeCredentials(user, 'client-id-0001', 'secret-0001', 'api-key-000000000001');
    await user.click(screen.getByTestId('connect-save'));
    const problem = await screen.findByTestId('connect-problem');
    expect(problem).toHaveAttribute('role', 'alert');
    expect(problem).toHaveTextContent('The system keyring is not available');
    expect(problem).toHaveTextContent('install and unlock GNOME Keyring or KWallet');
    expect(within(problem).getByTestId('keyring-help')).toHaveTextContent('never falls back to a file, so nothing was saved');
    // The credentials are gone from the form after the attempt.
    expect(screen.getByTestId('input-clientSecret')).toHaveValue('');
    expect(screen.getByTestId('credentials-cleared')).toBeInTheDocument();

    await user.click(within(problem).getByTestId('keyring-use-demo'));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/dashboard');
    });
    expect(callsOf(fake, 'ExploreDemo')).toHaveLength(1);
  });

  it('saves and connects: the credentials go once, the form is cleared, onboarding completes, the new connection syncs', async () => {
    const created = connection({id: 'mine-1', name: 'My Investec', kind: 'investec', baseUrl: 'https://openapi.investec.com'});
    const fake = connectionsBackend({
      Connect: () =>
        Promise.resolve({
          test: {ok: true, message: 'Connected. The key sees 1 account.', permissions: ['Account name and number'], missing: [], accounts: [], errorCode: ''},
          connection: created,
        }),
    });
    const {user, router} = renderApp('/welcome');
    await openConnectForm(user);
    await typeCredentials(user, ' client-id-0001', 'secret-0001', 'api-key-000000000001');
    await user.click(screen.getByTestId('connect-save'));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/dashboard');
    });
    expect(callsOf(fake, 'Connect')).toEqual([
      [{name: 'My Investec', kind: 'investec', baseUrl: '', business: false, credentials: {clientId: ' client-id-0001', clientSecret: 'secret-0001', apiKey: 'api-key-000000000001'}}],
    ]);
    expect(callsOf(fake, 'CompleteOnboarding')).toEqual([[]]);
    await waitFor(() => {
      expect(callsOf(fake, 'SyncNow')).toHaveLength(1);
    });
  });

  it('connects to a custom base URL when asked, with its problem beside it', async () => {
    const fake = connectionsBackend({
      TestCredentials: () => invalid({baseUrl: 'Use https: credentials must not travel unencrypted.'}),
    });
    const {user} = renderApp('/welcome');
    await openConnectForm(user);
    await user.click(screen.getByText('Advanced: a custom base URL'));
    await user.click(screen.getByTestId('use-custom'));
    await user.type(screen.getByTestId('input-baseUrl'), 'http://bank.example.com');
    await user.click(screen.getByTestId('connect-test'));
    expect(await screen.findByTestId('field-error-baseUrl')).toHaveTextContent('Use https');
    expect(callsOf(fake, 'TestCredentials')[0]?.[0]).toMatchObject({kind: 'custom', baseUrl: 'http://bank.example.com'});
  });
});
