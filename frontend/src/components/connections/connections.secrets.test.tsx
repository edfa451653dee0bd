import {screen, waitFor} from '@testing-library/react';
import {afterEach, beforeEach, describe, expect, it, vi, type MockInstance} from 'vitest';

import {callsOf, connection, connectionsBackend, mine} from '../../test/connectionsFake';
import {renderApp} from '../../test/renderApp';

/**
 * The frontend never stores or logs a credential: typed values go to the
 * backend once, in the call that tests or stores them, and then leave the
 * form. These tests type distinctive values through every form that takes
 * them and watch localStorage, sessionStorage, cookies, the URL, IndexedDB
 * and the console.
 */

const secrets = {
  clientId: 'CLIENTID-6b1f0c2e9d7a4c35',
  clientSecret: 'SECRET-f3a9e1d07c5b4826',
  apiKey: 'APIKEY-9c4e2b7d1a0f4e83b6d5',
};
const values = Object.values(secrets);

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace';
const consoleMethods: ConsoleMethod[] = ['log', 'info', 'warn', 'error', 'debug', 'trace'];

let setItem: MockInstance<Storage['setItem']>;
let consoleSpies: MockInstance[] = [];
let cookieWrites: string[] = [];
let idbOpens = 0;

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  setItem = vi.spyOn(Storage.prototype, 'setItem');
  consoleSpies = consoleMethods.map((m) => vi.spyOn(console, m).mockImplementation(() => undefined));
  cookieWrites = [];
  const proto = Document.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'cookie');
  vi.spyOn(document, 'cookie', 'set').mockImplementation((v: string) => {
    cookieWrites.push(v);
    original?.set?.call(document, v);
  });
  idbOpens = 0;
  vi.stubGlobal('indexedDB', {
    open: () => {
      idbOpens++;
      throw new Error('IndexedDB is not used');
    },
  });
});

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

/** leaks lists every place a credential value turned up. */
function leaks(router: {state: {location: {pathname: string; search: string; hash: string}}}): string[] {
  const found: string[] = [];
  const has = (where: string, text: string) => {
    for (const v of values) {
      if (text.includes(v)) {
        found.push(`${where} holds ${v}`);
      }
    }
  };
  for (const call of setItem.mock.calls) {
    has('Storage.setItem', call.join(' '));
  }
  for (const store of [localStorage, sessionStorage]) {
    for (let i = 0; i < store.length; i++) {
      const k = store.key(i) ?? '';
      has('web storage', `${k} ${store.getItem(k) ?? ''}`);
    }
  }
  for (const spy of consoleSpies) {
    for (const call of spy.mock.calls) {
      has('the console', call.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    }
  }
  has('a cookie', cookieWrites.join(';') + document.cookie);
  const loc = router.state.location;
  has('the URL', loc.pathname + loc.search + loc.hash + window.location.href);
  if (idbOpens > 0) {
    found.push('IndexedDB was opened');
  }
  return found;
}

/** typeAll pastes the credentials, as a person copying them from Investec Online does. */
async function typeAll(user: ReturnType<typeof renderApp>['user'], within: HTMLElement = document.body) {
  for (const [field, value] of Object.entries(secrets)) {
    await user.click(within.querySelector(`[data-testid="input-${field}"]`) as HTMLElement);
    await user.paste(value);
  }
}

function noneInTheDom() {
  for (const v of values) {
    expect(document.body.innerHTML).not.toContain(v);
    for (const input of document.querySelectorAll('input')) {
      expect(input.value).not.toBe(v);
    }
  }
}

describe('credentials are never kept by the frontend', () => {
  it('first run: test, a refused save and a successful save', async () => {
    let refuse = true;
    const fake = connectionsBackend({
      TestCredentials: () =>
        Promise.resolve({ok: true, message: 'Connected.', permissions: ['Transactions'], missing: [], accounts: [], errorCode: ''}),
      Connect: () =>
        Promise.resolve(
          refuse
            ? {test: {ok: false, message: 'Investec refused the credentials.', permissions: [], missing: [], accounts: [], errorCode: 'unauthorized'}}
            : {
                test: {ok: true, message: 'Connected.', permissions: [], missing: [], accounts: [], errorCode: ''},
                connection: connection({id: 'x', name: 'My Investec', kind: 'investec'}),
              },
        ),
    });
    const {user, router} = renderApp('/welcome');
    await user.click(await screen.findByTestId('choose-connect'));
    await typeAll(user);
    await user.click(screen.getByTestId('connect-test'));
    await screen.findByTestId('test-result');
    await user.click(screen.getByTestId('connect-save'));
    await screen.findByTestId('credentials-cleared');
    noneInTheDom();

    refuse = false;
    await typeAll(user);
    await user.click(screen.getByTestId('connect-save'));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/dashboard');
    });

    // The test is not vacuous: the values did reach the backend, three times.
    const sent = [...callsOf(fake, 'TestCredentials'), ...callsOf(fake, 'Connect')].map((args) => JSON.stringify(args));
    expect(sent).toHaveLength(3);
    for (const s of sent) {
      for (const v of values) {
        expect(s).toContain(v);
      }
    }
    expect(leaks(router)).toEqual([]);
    noneInTheDom();
  });

  it('Settings: adding a connection and replacing credentials', async () => {
    const fake = connectionsBackend({
      ReplaceCredentials: () => Promise.resolve(),
      TestConnection: () => Promise.resolve({ok: true, message: 'Connected.', permissions: [], missing: [], accounts: [], errorCode: ''}),
      Connect: () => Promise.resolve({test: {ok: false, message: 'Investec cannot be reached.', permissions: [], missing: [], accounts: [], errorCode: 'offline'}}),
    });
    const {user, router} = renderApp('/settings');
    await user.click(await screen.findByTestId('add-connection'));
    await typeAll(user);
    await user.click(screen.getByTestId('connect-save'));
    await screen.findByTestId('credentials-cleared');
    noneInTheDom();

    const item = await screen.findByTestId(`connection-${String(mine.id)}`);
    await user.click(item.querySelector('[data-testid="connection-edit-credentials"]') as HTMLElement);
    await typeAll(user, item);
    await user.click(screen.getByTestId('credentials-save'));
    await waitFor(() => {
      expect(callsOf(fake, 'TestConnection')).toHaveLength(1);
    });
    expect(callsOf(fake, 'ReplaceCredentials')).toEqual([[mine.id, secrets]]);
    expect(leaks(router)).toEqual([]);
    noneInTheDom();
  });
});
