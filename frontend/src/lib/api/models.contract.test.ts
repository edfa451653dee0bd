// @vitest-environment node
//
// The event payload types in models.ts are mirrored by hand from
// backend/domain until Wails generates them. This test reads the Go source
// and fails when a field, a phase or an event name drifts apart.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

import {describe, expect, it} from 'vitest';

import {Events} from './events';
import type {SyncPhase, SyncProgress, SyncRun} from './models';

const syncGo = readFileSync(fileURLToPath(new URL('../../../../backend/domain/sync.go', import.meta.url)), 'utf8');

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

const runFields = {
  id: true,
  startedAt: true,
  finishedAt: true,
  trigger: true,
  accounts: true,
  fetched: true,
  added: true,
  removed: true,
  failed: true,
  errorCode: true,
  errorMessage: true,
} satisfies Record<keyof SyncRun, true>;

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

describe('models mirrored from backend/domain/sync.go', () => {
  it('SyncProgress has the Go fields', () => {
    expect(Object.keys(progressFields).sort()).toEqual(jsonFields(syncGo, 'SyncProgress').sort());
  });

  it('SyncRun has the Go fields', () => {
    expect(Object.keys(runFields).sort()).toEqual(jsonFields(syncGo, 'SyncRun').sort());
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
