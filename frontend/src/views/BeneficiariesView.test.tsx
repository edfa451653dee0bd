import {fireEvent, screen, within} from '@testing-library/react';
import {describe, expect, it, vi} from 'vitest';

import {installFakeWails, stubColorScheme} from '../test/fakeWails';
import {renderApp} from '../test/renderApp';

// These drive the whole app in jsdom; on a busy machine that takes a while.
vi.setConfig({testTimeout: 30_000});

function beneficiary(id: string, name: string, over: Record<string, unknown> = {}) {
  return {
    id,
    name,
    beneficiaryName: name,
    accountNumber: `62${id}000111`,
    branchCode: '250655',
    bank: 'FIRST NATIONAL BANK',
    referenceName: `Ref ${id}`,
    referenceAccountNumber: '',
    categoryId: '',
    profileId: 'p1',
    fasterPaymentAllowed: false,
    lastPaymentDate: '',
    beneficiaryType: 'Private',
    ...over,
  };
}

function install(list: unknown[]) {
  stubColorScheme(false);
  return installFakeWails({
    ShellReady: () => Promise.resolve(),
    AppInfo: () => Promise.resolve({name: 'Investec Desk', version: '0', revision: '', modified: false, goVersion: '', platform: ''}),
    Status: () => Promise.resolve({connection: {id: 'demo', name: 'Demo'}, net: 'online', netMessage: '', lastSyncedAt: '', syncing: false}),
    CachedBeneficiaries: () => Promise.resolve(list),
  });
}

const hostile = '<img src="x" onerror="window.pwned=1">Landlord';

describe('BeneficiariesView', () => {
  it('lists each beneficiary with its last payment, read-only, and finds one by name', async () => {
    install([
      beneficiary('1', 'Grace Ndlovu', {lastPaymentDate: '2026-10-28', lastPaymentAmount: 402800, fasterPaymentAllowed: true}),
      beneficiary('2', 'Sipho Dlamini', {bank: 'ABSA BANK'}),
      beneficiary('3', hostile, {beneficiaryName: 'Mr J Smith', lastPaymentDate: '2026-11-01', lastPaymentAmount: 1200000}),
    ]);
    renderApp('/dashboard/beneficiaries');
    const rows = await screen.findAllByTestId('beneficiary-row');
    expect(rows).toHaveLength(3);

    const grace = within(rows[0] as HTMLElement);
    expect(grace.getByText('28 Oct 2026')).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent('R 4 028,00');
    expect(grace.getByTestId('faster-badge')).toHaveTextContent('Faster payment');
    // Never paid: said in words, with no amount.
    expect(rows[1]).toHaveTextContent('Never');
    expect(rows[1]).toHaveTextContent('—');
    expect(within(rows[1] as HTMLElement).queryByTestId('faster-badge')).toBeNull();
    // Names from the bank are text, never HTML; the account holder's name shows beneath a nickname.
    expect(within(rows[2] as HTMLElement).getByText(hostile)).toBeInTheDocument();
    expect(rows[2]).toHaveTextContent('Mr J Smith');
    expect(rows[2]).toHaveTextContent('R 12 000,00');
    expect(document.querySelector('img[src="x"]')).toBeNull();

    // Read-only: the view has no button that could change or pay anyone.
    expect(within(screen.getByTestId('view-beneficiaries')).queryAllByRole('button')).toEqual([]);
    fireEvent.change(screen.getByTestId('beneficiary-search'), {target: {value: 'absa'}});
    expect(screen.getAllByTestId('beneficiary-row')).toHaveLength(1);
    expect(screen.getByTestId('beneficiary-row')).toHaveTextContent('Sipho Dlamini');
  });

  it('says when no beneficiary is cached yet', async () => {
    install([]);
    renderApp('/dashboard/beneficiaries');
    expect(await screen.findByText('No beneficiaries are cached yet. They arrive with the next sync.')).toBeInTheDocument();
    expect(screen.queryByTestId('beneficiary-table')).toBeNull();
  });
});
