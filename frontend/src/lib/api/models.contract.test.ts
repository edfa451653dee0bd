// @vitest-environment node
//
// The event payload types in models.ts are mirrored by hand from the Go code
// until Wails generates them. This test reads the Go source and fails when a
// field, a phase, a state or an event name drifts apart.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

import {describe, expect, it} from 'vitest';

import {Events} from './events';
import type {NetState, NetStatus, SyncPhase, SyncProgress} from './models';

function goSource(path: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../../${path}`, import.meta.url)), 'utf8');
}

const syncGo = goSource('backend/domain/sync.go');
const statusGo = goSource('backend/domain/status.go');
const coreSyncGo = goSource('backend/core/sync.go');

// jsonFields returns the json names of a Go struct's fields, in order.
function jsonFields(src: string, struct: string): string[] {
  const body = new RegExp(`type ${struct} struct \\{([\\s\\S]*?)\\n\\}`).exec(src)?.[1];
  if (body === undefined) {
    throw new Error(`struct ${struct} not found in sync.go`);
  }
  return [...body.matchAll(/json:"([^",]+)/g)].map((m) => m[1] ?? '');
}

// constValues returns the values of the constants of a Go type.
function constValues(src: string, type: string): string[] {
  return [...src.matchAll(new RegExp(`\\w+\\s+${type}\\s+=\\s+"([^"]+)"`, 'g'))].map((m) => m[1] ?? '');
}

// Each record must name every field of the TS type, and nothing else.
const progressFields = {
  runId: true,
  phase: true,
  accountId: true,
  accountName: true,
  accountIndex: true,
  accountCount: true,
  windowFrom: true,
  windowTo: true,
  fetched: true,
  inserted: true,
  message: true,
} satisfies Record<keyof SyncProgress, true>;

const netStates = {unknown: true, online: true, offline: true} satisfies Record<NetState, true>;

const netStatusFields = {net: true, message: true} satisfies Record<keyof NetStatus, true>;

const phases = {
  started: true,
  accounts: true,
  balances: true,
  transactions: true,
  pending: true,
  beneficiaries: true,
  documents: true,
  account_done: true,
  account_error: true,
  waiting: true,
  finished: true,
} satisfies Record<SyncPhase, true>;

describe('models mirrored from the Go code', () => {
  it('SyncProgress has the Go fields', () => {
    expect(Object.keys(progressFields).sort()).toEqual(jsonFields(syncGo, 'SyncProgress').sort());
  });

  it('NetState has the Go states', () => {
    expect(Object.keys(netStates).sort()).toEqual(constValues(statusGo, 'NetState').sort());
  });

  it('net:status is emitted with the NetStatus fields', () => {
    const emit = /Emit\(domain\.EventOnline,\s*map\[string\]string\{([^}]*)\}/.exec(coreSyncGo);
    expect(emit, 'backend/core/sync.go emits domain.EventOnline as a map[string]string').not.toBeNull();
    const keys = [...(emit?.[1] ?? '').matchAll(/"(\w+)":/g)].map((m) => m[1]);
    expect(keys.sort()).toEqual(Object.keys(netStatusFields).sort());
  });

  it('SyncPhase has the Go phases', () => {
    expect(Object.keys(phases).sort()).toEqual(constValues(syncGo, 'SyncPhase').sort());
  });

  it('event names match the Go constants', () => {
    const goEvents = [...syncGo.matchAll(/Event(\w+)\s+=\s+"([^"]+)"/g)].map((m) => m[2]);
    for (const name of Object.values(Events)) {
      expect(goEvents).toContain(name);
    }
  });
});
