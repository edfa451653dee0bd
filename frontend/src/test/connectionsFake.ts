import {installFakeWails, rejectLikeWails, type FakeWails} from './fakeWails';

/**
 * Fakes of the bound Go methods the first-run page, Settings and the top
 * bar's switcher call, for unit tests in jsdom (the e2e suite drives the
 * real backend). Each can be overridden per test.
 */

type Method = (...args: unknown[]) => Promise<unknown>;

/** connection builds a domain.Connection as the backend sends it (never a secret). */
export function connection(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'demo',
    name: 'Demo',
    kind: 'demo',
    baseUrl: 'built-in',
    business: false,
    active: true,
    hasCredentials: true,
    createdAt: '2026-05-01T08:00:00Z',
    permissions: [],
    lastTestedAt: '',
    ...over,
  };
}

/** The connections of a typical Settings test: the demo in use, a real account, Investec's sandbox. */
export const demo = connection();
export const mine = connection({
  id: 'my-investec-a1b2c3',
  name: 'My Investec',
  kind: 'investec',
  baseUrl: 'https://openapi.investec.com',
  active: false,
  permissions: ['Account name and number', 'Account balance', 'Transactions'],
  lastTestedAt: '2026-05-10T08:00:00Z',
});
export const sandboxConn = connection({
  id: 'investec-sandbox-d4e5f6',
  name: 'Investec sandbox',
  kind: 'investec_sandbox',
  baseUrl: 'https://openapisandbox.investec.com',
  active: false,
});

/** appStatus builds a domain.AppStatus. */
export function appStatus(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    connection: demo,
    net: 'online',
    netMessage: '',
    lastSyncedAt: '',
    syncing: false,
    interval: '1h',
    onboarded: true,
    demoOffline: false,
    ...over,
  };
}

/** account builds a domain.Account as a connection test lists it. */
export function account(id: string, number: string, productName: string, name = 'Mr J Doe'): Record<string, unknown> {
  return {id, number, name, referenceName: '', productName, profileId: '', profileName: '', kycCompliant: true, kind: 'private', lastSyncedAt: ''};
}

/** invalid rejects like a bound method returning domain.ValidationErrors. */
export function invalid(fields: Record<string, string>): Promise<never> {
  const list = Object.entries(fields).map(([field, message]) => ({field, message}));
  return rejectLikeWails(JSON.stringify({code: 'invalid', message: list[0]?.message ?? 'invalid', fields: list}));
}

/** failing rejects like a bound method returning a domain.Error with code. */
export function failing(code: string, message: string): Promise<never> {
  return rejectLikeWails(JSON.stringify({code, message}));
}

/** connectionsBackend installs the fake bridge with sensible answers for every method these screens call. */
export function connectionsBackend(over: Record<string, Method> = {}): FakeWails {
  return installFakeWails({
    ShellReady: () => Promise.resolve(),
    AppInfo: () => Promise.resolve({name: 'Investec Desk', version: '0.1.0', revision: 'abc', modified: false, goVersion: 'go1.26', platform: 'linux/amd64'}),
    Status: () => Promise.resolve(appStatus()),
    Connections: () => Promise.resolve([demo, mine, sandboxConn]),
    DataDir: () => Promise.resolve('/home/me/.local/share/investec-desk'),
    DemoBankURL: () => Promise.resolve('http://127.0.0.1:40123'),
    SyncNow: () => Promise.resolve({id: 1}),
    SwitchConnection: (id) => Promise.resolve(connection({id, active: true})),
    CompleteOnboarding: () => Promise.resolve(),
    RestartOnboarding: () => Promise.resolve(),
    ExploreDemo: () => Promise.resolve({connection: demo, switched: false}),
    ...over,
  });
}

/** callsOf returns the arguments of every call to method, in order. */
export function callsOf(fake: FakeWails, method: string): unknown[][] {
  return fake.calls.filter((c) => c.method === method).map((c) => c.args);
}
