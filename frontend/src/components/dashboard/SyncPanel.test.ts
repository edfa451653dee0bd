import {describe, expect, it} from 'vitest';

import type {SyncRun} from '../../lib/types';
import {runText} from './SyncPanel';

/** run is a finished run as the backend sends it (errorCode is a plain string on the wire). */
function run(over: Record<string, unknown>): SyncRun {
  return {
    id: 1,
    startedAt: '2026-11-26T08:00:00Z',
    finishedAt: '2026-11-26T08:00:01Z',
    trigger: 'manual',
    accounts: 4,
    fetched: 12,
    added: 3,
    removed: 0,
    failed: 0,
    errorCode: '',
    errorMessage: '',
    ...over,
  } as unknown as SyncRun;
}

describe('runText', () => {
  it('sums up a sync that reached every account', () => {
    expect(runText(run({}))).toBe('Synced 4 of 4 accounts: 3 new transactions.');
  });

  it('says which part failed when some accounts did', () => {
    expect(runText(run({failed: 1, errorCode: 'api_error', errorMessage: 'Investec could not list one account.'}))).toBe(
      'Synced 3 of 4 accounts: 3 new transactions. Investec could not list one account.',
    );
  });

  it('never claims a sync that reached nothing', () => {
    const offline = run({accounts: 0, fetched: 0, added: 0, errorCode: 'offline', errorMessage: 'Investec cannot be reached.'});
    expect(runText(offline)).toBe('Nothing was synced. Investec cannot be reached.');
  });

  it('says a cancelled sync keeps what it fetched', () => {
    expect(runText(run({errorCode: 'cancelled'}))).toBe('Sync cancelled; what was fetched is kept.');
  });
});
