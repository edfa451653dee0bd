import {act, screen, waitFor, within} from '@testing-library/react';
import {describe, expect, it} from 'vitest';

import {installFakeWails} from '../test/fakeWails';
import {renderApp} from '../test/renderApp';

const accounts = [
  {id: 'a1', number: '10011425044', name: 'Mr J Doe', referenceName: '', productName: 'Private Bank Account', kind: 'private', lastSyncedAt: ''},
  {id: 'a2', number: '10062569808', name: 'Mr J Doe', referenceName: '', productName: 'PrimeSaver', kind: 'private', lastSyncedAt: ''},
];

function doc(accountId: string, type: string, date: string, downloaded = false) {
  const a = accounts.find((x) => x.id === accountId) ?? accounts[0];
  return {
    accountId,
    accountNumber: a?.number ?? '',
    accountLabel: `${a?.productName ?? ''} ${a?.number.slice(-4) ?? ''}`,
    documentType: type,
    typeLabel: type === 'Statement' ? 'Statement' : 'Tax certificate',
    documentDate: date,
    downloaded,
    size: downloaded ? 43_520 : 0,
    sha256: downloaded ? 'ab' : '',
    listedAt: '2026-11-26T10:00:00Z',
  };
}

const listed = [
  doc('a1', 'Statement', '2026-10-16', true),
  doc('a1', 'TaxCertificate', '2026-03-05'),
  doc('a2', 'Statement', '2026-10-16'),
];

function list(over: Record<string, unknown> = {}) {
  return {documents: listed, refreshed: true, refreshCode: '', refreshMessage: '', business: false, ...over};
}

function backend(over: Record<string, (...args: unknown[]) => Promise<unknown>> = {}) {
  return installFakeWails({
    ShellReady: () => Promise.resolve(),
    AppInfo: () => Promise.resolve({name: 'Investec Desk', version: '0.1.0'}),
    Status: () => Promise.reject(new Error('not in this test')),
    Accounts: () => Promise.resolve(accounts),
    Documents: () => Promise.resolve(list()),
    DownloadDocument: (k) => {
      const key = k as {accountId: string; documentType: string; documentDate: string};
      return Promise.resolve(doc(key.accountId, key.documentType, key.documentDate, true));
    },
    OpenDocument: () => Promise.resolve(),
    CancelDocuments: () => Promise.resolve(),
    ...over,
  });
}

function calls(wails: ReturnType<typeof backend>, method: string) {
  return wails.calls.filter((c) => c.method === method);
}

describe('StatementsView', () => {
  it('lists documents by account with their state, asking Investec first', async () => {
    const wails = backend();
    renderApp('/statements');
    const first = await screen.findByTestId('documents-a1');
    expect(within(first).getByText(/Private Bank Account 5044/)).toBeInTheDocument();
    const rows = within(first).getAllByTestId('document-row');
    expect(rows.map((r) => within(r).getByTestId('document-status').textContent)).toEqual(['Downloaded · 43 KB', 'Not downloaded']);
    expect(within(rows[0] as HTMLElement).queryByTestId('document-download')).not.toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByRole('button', {name: 'Download the Tax certificate of 5 Mar 2026'})).toBeEnabled();
    expect(screen.getByTestId('documents-a2')).toBeInTheDocument();
    expect(screen.getByTestId('statements-download-all')).toHaveTextContent('Download all for this period (2)');
    const q = calls(wails, 'Documents')[0]?.args[0] as Record<string, unknown>;
    expect(q).toMatchObject({accountIds: [], types: [], refresh: true});
    expect(q.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('downloads and opens one document', async () => {
    const wails = backend();
    const {user} = renderApp('/statements');
    const table = await screen.findByTestId('documents-a1');
    await user.click(within(table).getByTestId('document-download'));
    expect(calls(wails, 'DownloadDocument')[0]?.args[0]).toEqual({accountId: 'a1', documentType: 'TaxCertificate', documentDate: '2026-03-05'});
    await waitFor(() => {
      expect(within(table).getAllByTestId('document-status').map((s) => s.textContent)).toEqual(['Downloaded · 43 KB', 'Downloaded · 43 KB']);
    });
    await user.click(within(table).getAllByTestId('document-open')[0] as HTMLElement);
    expect(calls(wails, 'OpenDocument')[0]?.args[0]).toEqual({accountId: 'a1', documentType: 'Statement', documentDate: '2026-10-16'});
  });

  it('filters by account and type without asking Investec again', async () => {
    const wails = backend();
    const {user} = renderApp('/statements');
    await screen.findByTestId('documents-a1');
    await user.selectOptions(screen.getByTestId('statements-account'), 'a2');
    await user.selectOptions(screen.getByTestId('statements-type'), 'TaxCertificate');
    await waitFor(() => {
      expect(calls(wails, 'Documents').at(-1)?.args[0]).toMatchObject({accountIds: ['a2'], types: ['TaxCertificate'], refresh: false});
    });
    await user.click(screen.getByTestId('statements-refresh'));
    await waitFor(() => {
      expect(calls(wails, 'Documents').at(-1)?.args[0]).toMatchObject({accountIds: ['a2'], refresh: true});
    });
  });

  it('says plainly when Investec cannot be reached, and keeps downloaded documents openable', async () => {
    backend({Documents: () => Promise.resolve(list({refreshed: false, refreshCode: 'offline', refreshMessage: 'Investec cannot be reached.'}))});
    renderApp('/statements');
    expect(await screen.findByTestId('statements-offline')).toHaveTextContent('Documents already on this computer open as usual');
    const table = screen.getByTestId('documents-a1');
    const [opened, missing] = within(table).getAllByTestId('document-open');
    expect(opened).toBeEnabled();
    expect(missing).toBeDisabled();
    expect(within(table).getByTestId('document-download')).toBeDisabled();
    expect(screen.getByTestId('statements-download-all')).toBeDisabled();
  });

  it('downloads everything for the period with progress', async () => {
    let finish: (v: unknown) => void = () => undefined;
    const wails = backend({
      DownloadDocuments: () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    });
    const {user} = renderApp('/statements');
    await screen.findByTestId('documents-a1');
    await user.click(screen.getByTestId('statements-download-all'));
    expect(calls(wails, 'DownloadDocuments')[0]?.args[0]).toMatchObject({refresh: false});
    act(() => {
      wails.emit('documents:progress', {done: 1, total: 2, current: {accountId: 'a1', documentType: 'TaxCertificate', documentDate: '2026-03-05'}, failed: 0, finished: false});
    });
    expect(within(screen.getByTestId('statements-progress')).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50');
    await act(async () => {
      finish({
        downloaded: 2,
        archived: 1,
        failed: 0,
        errorCode: '',
        errorMessage: '',
        documents: listed.map((d) => ({...d, downloaded: true, size: 1000})),
      });
      await Promise.resolve();
    });
    expect(await screen.findByTestId('statements-bulk-result')).toHaveTextContent('2 downloaded, 1 already on this computer.');
    expect(screen.queryAllByTestId('document-download')).toHaveLength(0);
  });

  it('explains an empty period and business connections', async () => {
    backend({Documents: () => Promise.resolve(list({documents: []}))});
    const {unmount} = renderApp('/statements');
    expect(await screen.findByText('No documents for this choice')).toBeInTheDocument();
    unmount();
    backend({Documents: () => Promise.resolve(list({documents: [], business: true}))});
    renderApp('/statements');
    expect(await screen.findByText('No statements for business accounts')).toBeInTheDocument();
  });
});
