import {act, screen, waitFor, within} from '@testing-library/react';
import {afterEach, describe, expect, it} from 'vitest';

import {resetExport} from '../hooks/useExport';
import {installFakeWails, rejectLikeWails} from '../test/fakeWails';
import {renderApp} from '../test/renderApp';

const accounts = [
  {id: 'a1', number: '10011425044', name: 'Mr J Doe', referenceName: '', productName: 'Private Bank Account', kind: 'private', lastSyncedAt: ''},
  {id: 'a2', number: '10062569808', name: 'Mr J Doe', referenceName: '', productName: 'PrimeSaver', kind: 'private', lastSyncedAt: ''},
];

const lastTaxYear = {from: '2025-03-01', to: '2026-02-28', label: '2025-26'};

function recon(id: string, number: string, product: string, over: Record<string, unknown> = {}) {
  return {
    accountId: id,
    accountNumber: number,
    accountName: 'Mr J Doe',
    productName: product,
    sheet: product,
    opening: 1_000_00,
    in: 500_00,
    out: 200_00,
    closing: 1_300_00,
    transactions: 12,
    pending: 1,
    arithmetic: {status: 'ok', difference: 0, detail: ''},
    runningBalance: {status: 'ok', difference: 0, detail: ''},
    ...over,
  };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return {promise, resolve, reject};
}

function backend(over: Record<string, (...args: unknown[]) => Promise<unknown>> = {}) {
  return installFakeWails({
    ShellReady: () => Promise.resolve(),
    AppInfo: () => Promise.resolve({name: 'Investec Desk', version: '0.1.0'}),
    Status: () => Promise.reject(new Error('not in this test')),
    Accounts: () => Promise.resolve(accounts),
    ExportPlan: (req) => {
      const r = req as {format: string};
      const name = r.format === 'xlsx' ? 'Investec 2025-26 statements.xlsx' : 'Investec 2025-26 accountant pack.zip';
      return Promise.resolve({period: lastTaxYear, folder: '/home/me/Documents', name, path: `/home/me/Documents/${name}`, isFolder: false});
    },
    CancelExport: () => Promise.resolve(),
    ShowExport: () => Promise.resolve(),
    ...over,
  });
}

function calls(wails: ReturnType<typeof backend>, method: string) {
  return wails.calls.filter((c) => c.method === method);
}

afterEach(() => {
  resetExport();
});

describe('ExportView', () => {
  it('offers the last tax year, every account and the workbook, saved to the default folder', async () => {
    backend();
    renderApp('/export');
    const form = await screen.findByTestId('export-form');
    expect(within(form).getByTestId('period-last_tax_year')).toBeChecked();
    expect(within(form).getByTestId('accounts-all')).toBeChecked();
    expect(within(form).getByTestId('account-a1')).toBeChecked();
    expect(within(form).getByText('Private Bank Account 5044')).toBeInTheDocument();
    expect(within(form).getByTestId('format-xlsx')).toBeChecked();
    expect(await screen.findByTestId('export-destination')).toHaveTextContent('/home/me/Documents/Investec 2025-26 statements.xlsx');
    expect(screen.getByTestId('period-resolved')).toHaveTextContent('1 Mar 2025 to 28 Feb 2026, by posting date');
    expect(screen.getByTestId('export-start')).toBeEnabled();
  });

  it('exports with progress, then shows the reconciliation and the folder', async () => {
    const run = deferred<unknown>();
    const wails = backend({Export: () => run.promise});
    const {user} = renderApp('/export');
    await waitFor(() => {
      expect(screen.getByTestId('export-start')).toBeEnabled();
    });
    await user.click(screen.getByTestId('export-start'));
    expect(calls(wails, 'Export')[0]?.args[0]).toEqual({
      period: {preset: 'last_tax_year', month: '', taxYear: expect.any(Number) as number, from: '', to: ''},
      accountIds: [],
      format: 'xlsx',
      path: '',
      zip: true,
      noDocuments: false,
    });
    expect(screen.getByTestId('export-start')).toBeDisabled();
    act(() => {
      wails.emit('export:progress', {phase: 'workbook', file: 'Investec 2025-26 statements.xlsx', accountId: 'a1', rows: 500, total: 2000});
    });
    expect(screen.getByTestId('export-progressbar')).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByTestId('export-phase')).toHaveTextContent('Writing the Excel workbook · 500 of 2000');

    await act(async () => {
      run.resolve({
        format: 'xlsx',
        path: '/home/me/Documents/Investec 2025-26 statements.xlsx',
        period: lastTaxYear,
        files: [{name: 'Investec 2025-26 statements.xlsx', size: 48_000, sha256: 'ab'}],
        accounts: [
          recon('a1', '10011425044', 'Private Bank Account'),
          recon('a2', '10062569808', 'PrimeSaver', {
            runningBalance: {status: 'mismatch', difference: -12345, detail: 'A running balance does not follow on 2025-06-01.'},
          }),
        ],
        transactions: 24,
      });
      await run.promise;
    });
    const done = await screen.findByTestId('export-done');
    expect(done).toHaveTextContent('Exported, but 1 account does not reconcile');
    expect(done).toHaveTextContent('24 transactions from 2025-26, 1 file (47 KB)');
    const rows = within(screen.getByTestId('reconciliation')).getAllByTestId('reconciliation-status');
    expect(rows.map((r) => r.textContent)).toEqual(['\u2713OK', '\u2717Difference of -R\u00a0123,45']);
    expect(screen.getByText('A running balance does not follow on 2025-06-01.')).toBeInTheDocument();
    expect(screen.getByTestId('export-announce')).toHaveTextContent('Export finished');

    await user.click(screen.getByTestId('export-show'));
    expect(calls(wails, 'ShowExport')[0]?.args).toEqual(['/home/me/Documents/Investec 2025-26 statements.xlsx']);

    await user.click(screen.getByTestId('export-again'));
    expect(screen.queryByTestId('export-done')).not.toBeInTheDocument();
  });

  it('cancels a running export and says nothing was written', async () => {
    const run = deferred<unknown>();
    const wails = backend({Export: () => run.promise});
    const {user} = renderApp('/export');
    await waitFor(() => {
      expect(screen.getByTestId('export-start')).toBeEnabled();
    });
    await user.click(screen.getByTestId('format-pack'));
    expect(screen.getByTestId('pack-zip')).toBeChecked();
    expect(screen.getByTestId('pack-documents')).toBeChecked();
    await waitFor(() => {
      expect(screen.getByTestId('export-destination')).toHaveTextContent('accountant pack.zip');
    });
    await user.click(screen.getByTestId('export-start'));
    await user.click(screen.getByTestId('export-cancel'));
    expect(calls(wails, 'CancelExport')).toHaveLength(1);
    expect(screen.getByTestId('export-cancel')).toHaveTextContent('Cancelling');
    await act(async () => {
      run.reject(new Error(JSON.stringify({code: 'cancelled', message: 'The export was cancelled; nothing was written.'})));
      await run.promise.catch(() => undefined);
    });
    expect(await screen.findByTestId('export-cancelled')).toHaveTextContent('Nothing was written.');
  });

  it('shows the backend’s field problems beside the field and will not export', async () => {
    backend({
      ExportPlan: () =>
        rejectLikeWails(
          JSON.stringify({code: 'invalid', message: 'to: The end date is before the start date.', fields: [{field: 'to', message: 'The end date is before the start date.'}]}),
        ),
    });
    const {user} = renderApp('/export');
    await user.click(await screen.findByTestId('period-custom'));
    const to = screen.getByTestId('period-to');
    await waitFor(() => {
      expect(to).toHaveAttribute('aria-invalid', 'true');
    });
    expect(screen.getByText('The end date is before the start date.')).toBeInTheDocument();
    expect(screen.getByTestId('export-start')).toBeDisabled();
  });

  it('exports the chosen accounts to the chosen place', async () => {
    const wails = backend({
      ChooseExportPath: () => Promise.resolve('/mnt/usb/for-the-accountant'),
      Export: () => Promise.reject(new Error(JSON.stringify({code: 'offline', message: 'Investec cannot be reached.'}))),
    });
    const {user} = renderApp('/export');
    await user.click(await screen.findByTestId('account-a1'));
    expect(screen.getByTestId('accounts-all')).not.toBeChecked();
    await user.click(screen.getByTestId('format-csv'));
    await user.click(screen.getByTestId('export-choose'));
    await waitFor(() => {
      expect(screen.getByTestId('export-destination')).toHaveTextContent('/mnt/usb/for-the-accountant');
    });
    expect(calls(wails, 'ChooseExportPath')[0]?.args[0]).toMatchObject({format: 'csv', accountIds: ['a2']});
    await user.click(screen.getByTestId('export-start'));
    expect(calls(wails, 'Export')[0]?.args[0]).toMatchObject({format: 'csv', accountIds: ['a2'], path: '/mnt/usb/for-the-accountant'});
    expect(await screen.findByTestId('export-failed')).toHaveTextContent('Investec cannot be reached.');

    // No account at all: nothing to export.
    await user.click(screen.getByTestId('account-a2'));
    expect(screen.getByTestId('accounts-error')).toHaveTextContent('Choose at least one account.');
    expect(screen.getByTestId('export-start')).toBeDisabled();
    await user.click(screen.getByTestId('accounts-all'));
    expect(screen.getByTestId('account-a1')).toBeChecked();
  });

  it('says to sync first when no account is cached', async () => {
    backend({Accounts: () => Promise.resolve([])});
    renderApp('/export');
    expect(await screen.findByText('Nothing to export yet')).toBeInTheDocument();
    expect(screen.queryByTestId('export-form')).not.toBeInTheDocument();
  });
});
