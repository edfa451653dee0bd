/**
 * The Connections & settings part of the API gateway: the connections list
 * (never a secret: only whether the credentials are set), connecting a new
 * one (test, then save to the OS keyring, then switch), testing, renaming,
 * replacing credentials, removing, switching, the first-run choices, the
 * demo's switches and the background sync interval.
 *
 * Credentials pass through here exactly once, as the argument of the call
 * that tests or stores them. This module never keeps, logs or stores them
 * (connections.secrets.test.tsx checks it), and the backend never sends a
 * stored secret back.
 */
import {domain} from '../../../wailsjs/go/models';
import {
  AddInvestecSandbox,
  CompleteOnboarding,
  Connect,
  ConnectionCache as ConnectionCacheCall,
  Connections,
  DataDir,
  DemoBankURL,
  ExploreDemo,
  RemoveConnection,
  ReplaceCredentials,
  ResetDemo,
  RestartOnboarding,
  SetCredentials,
  SetDemoOffline,
  SetSyncInterval,
  SwitchConnection,
  SyncNow,
  TestConnection,
  TestCredentials,
  UpdateConnection,
} from '../../../wailsjs/go/main/App';
import {call} from './call';
import type {Connection, Data, SyncRun} from './models';

/** ConnectionKind says what a connection talks to (domain.ConnectionKind). */
export type ConnectionKind = 'demo' | 'investec_sandbox' | 'investec' | 'custom';

/** SyncInterval is how often the app syncs in the background (domain.SyncInterval). */
export type SyncInterval = 'off' | '15m' | '1h' | '24h';

/** Credentials are what Investec Online issues; they go to the backend once and never come back. */
export interface Credentials {
  clientId: string;
  clientSecret: string;
  apiKey: string;
}

/** NewConnection is what a person fills in to connect (domain.NewConnection). */
export interface NewConnection {
  name: string;
  kind: ConnectionKind;
  /** Custom connections only. */
  baseUrl: string;
  business: boolean;
  credentials: Credentials;
}

/** TestedAccount is an account a tested key can see. */
export type TestedAccount = Data<domain.Account>;

/** ConnectionTest is the result of trying credentials (domain.ConnectionTest). */
export interface ConnectionTest {
  ok: boolean;
  message: string;
  /** Labels of what the key allows, e.g. "Account balance". */
  permissions: string[];
  /** Labels of what the app could use but the key lacks. */
  missing: string[];
  accounts: TestedAccount[];
  /** Why it failed ('' when ok), e.g. 'unauthorized', 'offline', 'keyring'. */
  errorCode: string;
}

/** ConnectResult is what connecting did: the test and, when it passed, the saved connection. */
export interface ConnectResult {
  test: ConnectionTest;
  connection?: Connection;
}

/** ConnectionCache says what a connection keeps on this computer (domain.ConnectionCache). */
export type ConnectionCache = Data<domain.ConnectionCache>;

/** DemoChoice is what choosing the demo on the first-run page did (domain.DemoChoice). */
export interface DemoChoice {
  connection: Connection;
  switched: boolean;
}

/**
 * ConnectionChange says what changed: 'connection' when another connection
 * (or a reset cache) is now in use, so every view reloads its data;
 * 'status' when only what the status reports changed (first run, demo
 * offline, the sync interval).
 */
export type ConnectionChange = 'connection' | 'status';

const listeners = new Set<(change: ConnectionChange) => void>();

/**
 * onConnectionChange subscribes to changes made through this module and
 * returns the function that unsubscribes (call it from a useEffect cleanup).
 */
export function onConnectionChange(cb: (change: ConnectionChange) => void): () => void {
  listeners.add(cb);
  return () => {
    listeners.delete(cb);
  };
}

function changed(change: ConnectionChange): void {
  for (const cb of [...listeners]) {
    cb(change);
  }
}

function toTest(t: domain.ConnectionTest | undefined): ConnectionTest {
  return {
    ok: t?.ok ?? false,
    message: t?.message ?? '',
    permissions: t?.permissions ?? [],
    missing: t?.missing ?? [],
    accounts: t?.accounts ?? [],
    errorCode: t?.errorCode ?? '',
  };
}

function newConnection(n: NewConnection): domain.NewConnection {
  return domain.NewConnection.createFrom({
    name: n.name,
    kind: n.kind,
    baseUrl: n.baseUrl,
    business: n.business,
    credentials: {clientId: n.credentials.clientId, clientSecret: n.credentials.clientSecret, apiKey: n.credentials.apiKey},
  });
}

/** listConnections lists every connection, the one in use marked active. */
export async function listConnections(): Promise<Connection[]> {
  // Go encodes an empty slice as null.
  const list = (await call(() => Connections())) as Connection[] | null;
  return list ?? [];
}

/**
 * testCredentials tries credentials without storing them: which
 * permissions the key has and which accounts it sees. A refusal or an
 * unreachable bank is a result with ok false, not a rejection; invalid
 * input rejects with the problem of each field.
 */
export async function testCredentials(n: NewConnection): Promise<ConnectionTest> {
  return toTest(await call(() => TestCredentials(newConnection(n))));
}

/**
 * connect tests the credentials and, only when Investec accepts them, saves
 * the connection (secrets to the OS keyring), records its permissions and
 * switches to it.
 */
export async function connect(n: NewConnection): Promise<ConnectResult> {
  const r = await call(() => Connect(newConnection(n)));
  const out: ConnectResult = {test: toTest(r.test)};
  if (r.connection) {
    out.connection = r.connection;
    changed('connection');
  }
  return out;
}

/** testConnection re-tests a saved connection's credentials and records its permissions. */
export async function testConnection(id: string): Promise<ConnectionTest> {
  return toTest(await call(() => TestConnection(id)));
}

/** addInvestecSandbox adds (or reuses) Investec's public sandbox and switches to it. */
export async function addInvestecSandbox(business: boolean): Promise<Connection> {
  const c = await call(() => AddInvestecSandbox(business));
  changed('connection');
  return c;
}

/** renameConnection renames a connection (and moves a custom one to baseUrl when given). */
export async function renameConnection(id: string, name: string, baseUrl = ''): Promise<Connection> {
  const c = await call(() => UpdateConnection(id, name, baseUrl));
  changed('status');
  return c;
}

function credentials(c: Credentials): domain.Credentials {
  return domain.Credentials.createFrom({clientId: c.clientId, clientSecret: c.clientSecret, apiKey: c.apiKey});
}

/** setCredentials replaces all three of a connection's credentials in the keyring. */
export function setCredentials(id: string, c: Credentials): Promise<void> {
  return call(() => SetCredentials(id, credentials(c)));
}

/**
 * replaceCredentials replaces only the typed parts of a connection's
 * credentials; an empty client ID, secret or API key keeps the stored one.
 */
export function replaceCredentials(id: string, c: Credentials): Promise<void> {
  return call(() => ReplaceCredentials(id, credentials(c)));
}

/**
 * removeConnection deletes a connection and its keyring entries, and its
 * cached data when deleteCache is true. Removing the one in use moves to
 * another.
 */
export async function removeConnection(id: string, deleteCache: boolean): Promise<void> {
  await call(() => RemoveConnection(id, deleteCache));
  changed('connection');
}

/** switchConnection makes another connection the one in use. */
export async function switchConnection(id: string): Promise<Connection> {
  const c = await call(() => SwitchConnection(id));
  changed('connection');
  return c;
}

/** connectionCache says what a connection keeps on this computer. */
export function connectionCache(id: string): Promise<ConnectionCache> {
  return call(() => ConnectionCacheCall(id));
}

/** exploreDemo is the first-run choice "Explore with demo data". */
export async function exploreDemo(): Promise<DemoChoice> {
  const r = await call(() => ExploreDemo());
  changed(r.switched ? 'connection' : 'status');
  return {connection: r.connection, switched: r.switched};
}

/** completeOnboarding records that the first-run page is done. */
export async function completeOnboarding(): Promise<void> {
  await call(() => CompleteOnboarding());
  changed('status');
}

/** restartOnboarding shows the first-run page again. */
export async function restartOnboarding(): Promise<void> {
  await call(() => RestartOnboarding());
  changed('status');
}

/** setDemoOffline switches the built-in demo bank off (true) or back on. */
export async function setDemoOffline(offline: boolean): Promise<void> {
  await call(() => SetDemoOffline(offline));
  changed('status');
}

/** resetDemo restores the demo bank and empties its cache (sync afterwards). */
export async function resetDemo(): Promise<void> {
  await call(() => ResetDemo());
  changed('connection');
}

/** setSyncInterval chooses how often the connection in use syncs in the background. */
export async function setSyncInterval(i: SyncInterval): Promise<void> {
  await call(() => SetSyncInterval(i));
  changed('status');
}

/**
 * syncConnection fetches what is new for the connection in use (after
 * connecting, switching or resetting the demo); progress and the outcome
 * also arrive as sync events.
 */
export function syncConnection(): Promise<SyncRun> {
  return call(() => SyncNow());
}

/** dataDir returns the folder that holds the caches, documents and logs. */
export function dataDir(): Promise<string> {
  return call(() => DataDir());
}

/** demoBankUrl returns the built-in demo bank's address (demo connection only). */
export function demoBankUrl(): Promise<string> {
  return call(() => DemoBankURL());
}
