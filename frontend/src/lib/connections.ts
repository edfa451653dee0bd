/**
 * Words and rules for connections: kind labels, what each API-key
 * permission means in the app, the sync intervals, and the connection form's
 * values. Pure functions, no API calls.
 */
import type {ConnectionKind, Credentials, NewConnection, SyncInterval} from './api/connections';
import type {Connection} from './types';

const kindNames: Record<ConnectionKind, string> = {
  demo: 'Demo',
  investec_sandbox: 'Investec sandbox',
  investec: 'Investec',
  custom: 'Custom',
};

/** asKind reads a connection kind, treating anything unknown as custom. */
export function asKind(kind: string): ConnectionKind {
  return kind in kindNames ? (kind as ConnectionKind) : 'custom';
}

/** kindLabel names what a connection talks to, e.g. "Investec · business". */
export function kindLabel(c: Pick<Connection, 'kind' | 'business'>): string {
  const kind = asKind(c.kind);
  if (kind === 'demo') {
    return 'Demo · built in';
  }
  return `${kindNames[kind]} · ${c.business ? 'business' : 'personal'}`;
}

/** usesKeyring says whether a connection keeps credentials in the system keyring (its own account's). */
export function usesKeyring(c: Pick<Connection, 'kind'>): boolean {
  const kind = asKind(c.kind);
  return kind === 'investec' || kind === 'custom';
}

/** credentialsLabel says where a connection's credentials are, never what they are. */
export function credentialsLabel(c: Pick<Connection, 'kind' | 'hasCredentials'>): string {
  if (!usesKeyring(c)) {
    return asKind(c.kind) === 'demo' ? 'None needed' : 'Investec’s published test credentials';
  }
  return c.hasCredentials ? 'Stored in the system keyring' : 'Not set: add them with Edit credentials';
}

/**
 * The permissions a person ticks in Investec Online when creating an API
 * key, by the labels the backend reports (backend/investec/auth.go), with
 * what the app cannot do without each.
 */
export const permissionEffects: Readonly<Record<string, string>> = {
  'Account name and number': 'Without ‘Account name and number’ the app cannot list your accounts, so nothing can sync.',
  'Account balance': 'Without ‘Account balance’ the app cannot show your balances.',
  Transactions: 'Without ‘Transactions’ the app cannot fetch your transactions.',
  'Inter-account transfers': 'Without ‘Inter-account transfers’ you cannot move money between your own accounts.',
  'Beneficiary payments': 'Without ‘Beneficiary payments’ you cannot pay beneficiaries.',
  Statements: 'Without ‘Statements’ you cannot download statements (the accountant pack leaves them out).',
  'Tax certificates': 'Without ‘Tax certificates’ you cannot download tax certificates.',
  'Card code': 'Without ‘Card code’ you cannot see your cards or program them.',
};

/** permissionEffect says what lacking a permission means in the app. */
export function permissionEffect(label: string): string {
  return permissionEffects[label] ?? `Without ‘${label}’ some parts of the app will not work.`;
}

/** SyncChoice is one background sync interval on offer. */
export interface SyncChoice {
  value: SyncInterval;
  label: string;
}

/** syncChoices are the background sync intervals, in the order offered. */
export const syncChoices: readonly SyncChoice[] = [
  {value: 'off', label: 'Off (sync only when I ask)'},
  {value: '15m', label: 'Every 15 minutes'},
  {value: '1h', label: 'Hourly'},
  {value: '24h', label: 'Daily'},
];

/** asSyncInterval reads an interval, treating anything unknown as hourly (the backend's default). */
export function asSyncInterval(v: string): SyncInterval {
  return syncChoices.some((c) => c.value === v) ? (v as SyncInterval) : '1h';
}

/** ConnectFormValues are the connection form's inputs. */
export interface ConnectFormValues {
  name: string;
  clientId: string;
  clientSecret: string;
  apiKey: string;
  business: boolean;
  /** Use a custom base URL (a self-hosted simulator, say) instead of Investec's API. */
  custom: boolean;
  baseUrl: string;
}

/** credentialFields are the three values Investec Online issues, as the connection forms ask for them. */
export const credentialFields: readonly {field: keyof Credentials; label: string}[] = [
  {field: 'clientId', label: 'Client ID'},
  {field: 'clientSecret', label: 'Client secret'},
  {field: 'apiKey', label: 'API key'},
];

/** ConnectField names an input of the connection form (as the backend's field errors do). */
export type ConnectField = 'name' | 'clientId' | 'clientSecret' | 'apiKey' | 'baseUrl';

/** emptyConnectForm is a fresh connection form. */
export function emptyConnectForm(name = 'My Investec'): ConnectFormValues {
  return {name, clientId: '', clientSecret: '', apiKey: '', business: false, custom: false, baseUrl: ''};
}

/** withoutCredentials returns the values with the client ID, secret and API key cleared. */
export function withoutCredentials(v: ConnectFormValues): ConnectFormValues {
  return {...v, clientId: '', clientSecret: '', apiKey: ''};
}

/** toNewConnection turns the form's values into what the backend takes. */
export function toNewConnection(v: ConnectFormValues): NewConnection {
  return {
    name: v.name.trim(),
    kind: v.custom ? 'custom' : 'investec',
    baseUrl: v.custom ? v.baseUrl.trim() : '',
    business: v.business,
    credentials: {clientId: v.clientId, clientSecret: v.clientSecret, apiKey: v.apiKey},
  };
}

/**
 * localProblems are the problems the form can see before asking the
 * backend: only the name, which the backend checks after testing the
 * credentials (their problems come from the backend, all at once).
 */
export function localProblems(v: ConnectFormValues): Partial<Record<ConnectField, string>> {
  return v.name.trim() === '' ? {name: 'Give the connection a name.'} : {};
}

/** formatBytes says how big a cache is, e.g. "12.4 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) {
    return `${String(n)} bytes`;
  }
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toLocaleString('en-ZA', {maximumFractionDigits: 1})} ${units[i] ?? 'GB'}`;
}

/** countLabel says "1 transaction" or "2 612 transactions". */
export function countLabel(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-ZA')} ${n === 1 ? one : many}`;
}

/**
 * Problem is a failed call as a form shows it: the backend's code and safe
 * message, and the problem with each named field. Components take it
 * instead of the gateway's AppError so they stay free of the API.
 */
export interface Problem {
  code: string;
  message: string;
  fields: Partial<Record<string, string>>;
}

/** ProblemLike is anything with a code, a message and optional field problems (an AppError). */
export interface ProblemLike {
  code: string;
  message: string;
  fields?: readonly {field: string; message: string}[];
}

/** toProblem reduces an error to what a form shows, the first problem per field. */
export function toProblem(e: ProblemLike): Problem {
  const fields: Partial<Record<string, string>> = {};
  for (const f of e.fields ?? []) {
    fields[f.field] ??= f.message;
  }
  return {code: e.code, message: e.message, fields};
}

/** problemTitle is the heading a problem is shown under. */
export function problemTitle(code: string): string {
  switch (code) {
    case 'keyring':
      return 'The system keyring is not available';
    case 'unauthorized':
      return 'Investec refused the credentials';
    case 'offline':
      return 'Investec cannot be reached';
    case 'forbidden':
      return 'The API key lacks a permission';
    case 'rate_limited':
      return 'Investec asked us to slow down';
    case 'invalid':
      return 'Check the form';
    default:
      return 'That did not work';
  }
}

export type {ConnectionKind, ConnectionTest, Credentials, SyncInterval} from './api/connections';
