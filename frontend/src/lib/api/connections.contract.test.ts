// @vitest-environment node
//
// connections.ts and lib/connections.ts mirror Go names by hand: the
// connection kinds, the sync intervals, the permission labels and the
// fields of the credential types. This test reads the Go source and fails
// when they drift apart; the type checks fail to compile when the
// generated classes (wailsjs) disagree with the mirrors.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

import {describe, expect, it} from 'vitest';

import type {domain} from '../../../wailsjs/go/models';
import {permissionEffects, syncChoices} from '../connections';
import type {ConnectionKind, ConnectionTest, Credentials, NewConnection, SyncInterval} from './connections';

function goSource(path: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../../${path}`, import.meta.url)), 'utf8');
}

const connectionGo = goSource('backend/domain/connection.go');
const syncGo = goSource('backend/domain/sync.go');
const authGo = goSource('backend/investec/auth.go');

function jsonFields(src: string, struct: string): string[] {
  const body = new RegExp(`type ${struct} struct \\{([\\s\\S]*?)\\n\\}`).exec(src)?.[1];
  if (body === undefined) {
    throw new Error(`struct ${struct} not found`);
  }
  return [...body.matchAll(/json:"([^",]+)/g)].map((m) => m[1] ?? '').sort();
}

function constValues(src: string, type: string): string[] {
  return [...src.matchAll(new RegExp(`\\w+\\s+${type}\\s+=\\s+"([^"]+)"`, 'g'))].map((m) => m[1] ?? '').sort();
}

type Keys<T> = Record<keyof T, true>;
const kinds = {demo: true, investec_sandbox: true, investec: true, custom: true} satisfies Record<ConnectionKind, true>;
const intervals = {off: true, '15m': true, '1h': true, '24h': true} satisfies Record<SyncInterval, true>;

// The mirrors must accept what the generated classes carry (a compile-time check).
export type GeneratedFitsMirrors = [domain.Credentials extends Credentials ? true : never, domain.ConnectionTest extends ConnectionTest ? true : never];

describe('connections mirrored from the Go code', () => {
  it('ConnectionKind has the Go kinds', () => {
    expect(Object.keys(kinds).sort()).toEqual(constValues(connectionGo, 'ConnectionKind'));
  });

  it('SyncInterval has the Go intervals, and Settings offers each once', () => {
    expect(Object.keys(intervals).sort()).toEqual(constValues(syncGo, 'SyncInterval'));
    expect(syncChoices.map((c) => c.value).sort()).toEqual(constValues(syncGo, 'SyncInterval'));
  });

  it('Credentials, NewConnection and ConnectionTest have the Go fields', () => {
    expect(Object.keys({clientId: true, clientSecret: true, apiKey: true} satisfies Keys<Credentials>).sort()).toEqual(
      jsonFields(connectionGo, 'Credentials'),
    );
    expect(
      Object.keys({name: true, kind: true, baseUrl: true, business: true, credentials: true} satisfies Keys<NewConnection>).sort(),
    ).toEqual(jsonFields(connectionGo, 'NewConnection'));
    expect(
      Object.keys({ok: true, message: true, permissions: true, missing: true, accounts: true, errorCode: true} satisfies Keys<ConnectionTest>).sort(),
    ).toEqual(jsonFields(connectionGo, 'ConnectionTest'));
  });

  it('every permission label the backend reports has its meaning in the app', () => {
    const block = /var permissionLabels = map\[string\]string\{([\s\S]*?)\n\}/.exec(authGo)?.[1] ?? '';
    const labels = [...block.matchAll(/:\s+"([^"]+)"/g)].map((m) => m[1] ?? '').sort();
    expect(labels).toHaveLength(8);
    expect(Object.keys(permissionEffects).sort()).toEqual(labels);
  });
});
