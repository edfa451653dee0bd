import {describe, expect, it} from 'vitest';

import type {CardExecution} from './api/cards';
import {cardsAsOf, clockTime, durationMs, emptyFilter, envDiffers, filterExecutions, fromRows, mergeTemplateEnv, offlineNotice, outcomeOf, shortId, toRows} from './cardcode';

function exec(over: Partial<CardExecution>): CardExecution {
  return {
    id: 'X',
    cardKey: '1',
    source: 'real',
    type: 'before_transaction',
    logs: [],
    error: '',
    codeId: '',
    createdAt: '2026-03-01T10:00:00.000Z',
    startedAt: '2026-03-01T10:00:00.000Z',
    completedAt: '2026-03-01T10:00:00.250Z',
    ...over,
  };
}

const log = [
  exec({id: 'a', source: 'real', approved: true, logs: [{createdAt: '', level: 'info', content: 'Approved Woolworths for R12.00'}]}),
  exec({id: 'b', source: 'real', type: 'after_transaction', logs: [{createdAt: '', level: 'warn', content: 'Big spend'}]}),
  exec({id: 'c', source: 'simulated', approved: false, logs: [{createdAt: '', level: 'info', content: 'Declined Sun City Casino'}]}),
  exec({id: 'd', source: 'simulated', type: 'after_decline'}),
  exec({id: 'e', source: 'local', approved: false, error: 'TypeError: x is undefined (main.js:3:5)'}),
  exec({
    id: 'f',
    source: 'real',
    approved: true,
    transaction: {transactionId: 7, accountId: 'A', description: 'PICK N PAY ROSEBANK', amount: 100, transactionDate: '2026-03-01'},
  }),
];

const ids = (l: CardExecution[]) => l.map((e) => e.id).join('');

describe('filterExecutions', () => {
  it('keeps everything with the empty filter', () => {
    expect(ids(filterExecutions(log, emptyFilter))).toBe('abcdef');
  });
  it('filters by where it ran', () => {
    expect(ids(filterExecutions(log, {...emptyFilter, source: 'simulated'}))).toBe('cd');
    expect(ids(filterExecutions(log, {...emptyFilter, source: 'local'}))).toBe('e');
    expect(ids(filterExecutions(log, {...emptyFilter, source: 'real'}))).toBe('abf');
  });
  it('filters by type', () => {
    expect(ids(filterExecutions(log, {...emptyFilter, type: 'after_decline'}))).toBe('d');
    expect(ids(filterExecutions(log, {...emptyFilter, type: 'before_transaction'}))).toBe('acef');
  });
  it('filters by outcome, counting after hooks with their authorization', () => {
    expect(ids(filterExecutions(log, {...emptyFilter, result: 'declined'}))).toBe('cde');
    expect(ids(filterExecutions(log, {...emptyFilter, result: 'approved'}))).toBe('abf');
  });
  it('finds every word, case-insensitively, in logs, errors and linked transactions', () => {
    expect(ids(filterExecutions(log, {...emptyFilter, text: 'sun casino'}))).toBe('c');
    expect(ids(filterExecutions(log, {...emptyFilter, text: 'TYPEERROR'}))).toBe('e');
    expect(ids(filterExecutions(log, {...emptyFilter, text: 'rosebank'}))).toBe('f');
    expect(ids(filterExecutions(log, {...emptyFilter, text: 'sun woolworths'}))).toBe('');
  });
  it('combines filters', () => {
    expect(ids(filterExecutions(log, {type: 'before_transaction', result: 'declined', source: 'simulated', text: 'declined'}))).toBe('c');
  });
});

describe('outcomeOf', () => {
  it('reads the decision or the kind of after hook', () => {
    expect(outcomeOf(exec({approved: true}))).toBe('approved');
    expect(outcomeOf(exec({approved: false}))).toBe('declined');
    expect(outcomeOf(exec({}))).toBeUndefined();
    expect(outcomeOf(exec({type: 'after_reversal'}))).toBeUndefined();
  });
});

describe('environment rows', () => {
  it('round-trips and tells real changes from none', () => {
    const saved = [
      {key: 'a', value: '1'},
      {key: 'b', value: '2'},
    ];
    const rows = toRows(saved);
    expect(fromRows(rows)).toEqual(saved);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    expect(envDiffers(saved, rows)).toBe(false);
    expect(envDiffers(saved, [...rows].reverse())).toBe(false);
    expect(envDiffers(saved, rows.slice(1))).toBe(true);
    expect(envDiffers(saved, rows.map((r) => (r.key === 'b' ? {...r, value: '3'} : r)))).toBe(true);
    expect(envDiffers(saved, rows.map((r) => ({...r, key: 'a'})))).toBe(true);
  });
  it('adds a template\u2019s variables without overwriting values the card has', () => {
    const rows = toRows([{key: 'maxAmount', value: '900.00'}]);
    const merged = mergeTemplateEnv(rows, [
      {key: 'maxAmount', value: '500.00'},
      {key: 'blockedCategories', value: '7995'},
    ]);
    expect(fromRows(merged)).toEqual([
      {key: 'maxAmount', value: '900.00'},
      {key: 'blockedCategories', value: '7995'},
    ]);
  });
});

describe('formatting', () => {
  it('shortens long IDs only', () => {
    expect(shortId('0C4F1B2A-9A1B')).toBe('0C4F…9A1B');
    expect(shortId('short')).toBe('short');
  });
  it('writes times with milliseconds and durations', () => {
    expect(clockTime('')).toBe('');
    expect(clockTime('garbage')).toBe('');
    expect(clockTime('2026-03-01T10:00:00.007Z')).toMatch(/^\d\d:00:00\.007$/);
    expect(durationMs('2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.250Z')).toBe(250);
    expect(durationMs('x', '2026-03-01T10:00:00.250Z')).toBeUndefined();
  });
});

describe('cardsAsOf', () => {
  it('is undefined for live cards and the oldest fetch time of cached ones', () => {
    expect(cardsAsOf([])).toBeUndefined();
    expect(cardsAsOf([{cached: false, fetchedAt: '2026-03-01T08:00:00Z'}])).toBeUndefined();
    expect(
      cardsAsOf([
        {cached: true, fetchedAt: '2026-03-02T08:00:00Z'},
        {cached: true, fetchedAt: '2026-03-01T08:00:00Z'},
        {cached: true, fetchedAt: ''},
      ]),
    ).toBe('2026-03-01T08:00:00Z');
    expect(cardsAsOf([{cached: true, fetchedAt: ''}])).toBe('');
  });
});

describe('offlineNotice', () => {
  it('says what works and what needs the connection, with the time when known', () => {
    expect(offlineNotice('1 Mar 2026, 10:00')).toBe(
      'Offline: showing your cards as last seen 1 Mar 2026, 10:00. Run locally works; saving, publishing and running on Investec need the connection.',
    );
    expect(offlineNotice('')).toBe('Offline: showing your cards. Run locally works; saving, publishing and running on Investec need the connection.');
  });
});
