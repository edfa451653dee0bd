import {describe, expect, it} from 'vitest';

import {installFakeWails, rejectLikeWails} from '../../test/fakeWails';
import {AppError} from './errors';
import {on} from './events';
import {exportAccounts, listDocuments, openDocument, runExport, type ExportRequest} from './export';

const req: ExportRequest = {
  period: {preset: 'custom', month: '', taxYear: 0, from: '2026-01-01', to: '2026-01-31'},
  accountIds: ['a1'],
  format: 'ofx',
  path: '/tmp/out',
  zip: false,
  noDocuments: false,
};

describe('the export gateway', () => {
  it('labels cached accounts like the export files', async () => {
    installFakeWails({
      Accounts: () =>
        Promise.resolve([
          {id: 'a1', number: '10011425044', name: 'Mr J Doe', referenceName: 'Everyday', productName: 'Private Bank Account'},
          {id: 'a2', number: '', name: 'Mr J Doe', referenceName: 'Savings', productName: ''},
        ]),
    });
    await expect(exportAccounts()).resolves.toEqual([
      {id: 'a1', number: '10011425044', name: 'Mr J Doe', label: 'Private Bank Account 5044'},
      {id: 'a2', number: '', name: 'Mr J Doe', label: 'Savings'},
    ]);
  });

  it('sends the request as the generated model and returns the outcome', async () => {
    const outcome = {format: 'ofx', path: '/tmp/out', period: {from: '2026-01-01', to: '2026-01-31', label: 'x'}, files: [], accounts: [], transactions: 0};
    const wails = installFakeWails({Export: () => Promise.resolve(outcome)});
    await expect(runExport(req)).resolves.toEqual(outcome);
    expect(wails.calls[0]?.args[0]).toEqual(req);
  });

  it('rejects with the backend’s AppError', async () => {
    installFakeWails({
      Documents: () => rejectLikeWails(JSON.stringify({code: 'invalid', message: 'from: Bad.', fields: [{field: 'from', message: 'Bad.'}]})),
      OpenDocument: () => rejectLikeWails(JSON.stringify({code: 'offline', message: 'not downloaded yet and Investec cannot be reached'})),
    });
    const err = await listDocuments({accountIds: [], from: 'x', to: '', types: [], refresh: false}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fieldErrors()).toEqual({from: 'Bad.'});
    const offline = await openDocument({accountId: 'a', documentType: 'Statement', documentDate: '2026-01-16'}).catch((e: unknown) => e);
    expect((offline as AppError).code).toBe('offline');
  });

  it('delivers typed progress events', () => {
    const wails = installFakeWails({});
    const rows: number[] = [];
    const done: number[] = [];
    const off1 = on('export:progress', (p) => rows.push(p.rows));
    const off2 = on('documents:progress', (p) => done.push(p.done));
    wails.emit('export:progress', {phase: 'csv', file: 'a.csv', accountId: 'a1', rows: 2000, total: 4000});
    wails.emit('documents:progress', {done: 3, total: 5, current: {accountId: 'a1', documentType: 'Statement', documentDate: '2026-01-16'}, failed: 0, finished: false});
    off1();
    off2();
    wails.emit('export:progress', {phase: 'csv', file: 'a.csv', accountId: 'a1', rows: 4000, total: 4000});
    expect(rows).toEqual([2000]);
    expect(done).toEqual([3]);
  });
});
