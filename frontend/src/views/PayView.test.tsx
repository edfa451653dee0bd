import {render, screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {createMemoryRouter, RouterProvider} from 'react-router';
import {describe, expect, it} from 'vitest';

import type {PayAccountSetup, PayAttempt, PayBatch, PayLine, PayReview, PaySetup} from '../lib/api/payments';
import {installFakeWails, rejectLikeWails} from '../test/fakeWails';
import {PayView} from './PayView';

const pba = {id: 'A1', number: '10011111111', name: "Thandi's Everyday", productName: 'Private Bank Account', current: 15_000_000, available: 22_500_000};
const saver = {id: 'A2', number: '10022222222', name: 'Rainy Day Fund', productName: 'PrimeSaver', current: 6_000_000, available: 6_000_000};
const studio = {id: 'A4', number: '10044444444', name: 'Studio Operating', productName: 'Private Bank Account', current: 1, available: 1};

function setup(patch: Partial<PaySetup> = {}): PaySetup {
  return {
    available: true,
    reason: '',
    accounts: [pba, saver, studio],
    transfers: 'granted',
    payments: 'granted',
    permissionHelp: 'In Investec Online go to Manage → Investec Developer, edit this API key and tick "Inter-account transfers".',
    limits: {day: '2026-03-16', dailyLimit: 5_000_000, usedToday: 0, remaining: 5_000_000},
    templates: [],
    recent: [],
    myReferenceMax: 30,
    theirReferenceMax: 20,
    referenceCharacters: "letters A–Z, digits, spaces and - / . , & ( ) '",
    ...patch,
  };
}

function line(patch: Partial<PayLine> = {}): PayLine {
  return {
    targetId: 'A2', targetName: 'Rainy Day Fund', targetNumber: '10022222222', targetBank: 'Investec', amount: 1012,
    myReference: 'Savings', theirReference: 'From everyday', fasterPayment: false, paymentReference: '', paymentDate: '',
    bankStatus: [], beneficiaryName: '', authorisationRequired: false, ...patch,
  };
}

function reviewOf(batches: PayBatch[], patch: Partial<PayReview> = {}): PayReview {
  return {
    groupId: 'g1', kind: 'transfer', from: pba, batches, total: batches.reduce((s, b) => s + b.total, 0), warnings: [],
    limits: {day: '2026-03-16', dailyLimit: 5_000_000, usedToday: 0, remaining: 5_000_000},
    reviewedAt: '2026-03-16T08:00:00.000Z', expiresAt: '2026-03-16T08:30:00.000Z', ...patch,
  };
}

const transferReview = reviewOf([{attemptId: 'att-1', index: 1, count: 1, lines: [line()], total: 1012}]);

function attempt(patch: Partial<PayAttempt> = {}): PayAttempt {
  return {
    id: 'att-1', groupId: 'g1', batchIndex: 1, batchCount: 1, kind: 'transfer', from: pba, profileId: 'P1',
    lines: [line({paymentReference: 'UBP0126806416', paymentDate: '2026-03-16', bankStatus: ['No authorisation necessary', 'Payment/Transfer effective date 16/03/2026']})],
    total: 1012, status: 'succeeded', statusText: 'Sent', errorCode: '', errorMessage: '', bankMessage: '', duplicateAcknowledged: false,
    reviewedAt: '2026-03-16T08:00:00.000Z', sentAt: '2026-03-16T08:00:05.000Z', finishedAt: '2026-03-16T08:00:06.000Z', matchedAt: '', ...patch,
  };
}

function renderPay() {
  const router = createMemoryRouter([{path: '/pay', element: <PayView />}, {path: '*', element: <p>elsewhere</p>}], {initialEntries: ['/pay']});
  const user = userEvent.setup();
  render(<RouterProvider router={router} />);
  return {user, router};
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return {promise, resolve};
}

const invalid = (fields: {field: string; message: string}[]) =>
  rejectLikeWails(JSON.stringify({code: 'invalid', message: fields[0]?.message ?? 'invalid', fields}));

describe('Pay & Transfer', () => {
  it('reviews a transfer, asks for the amount again, sends it once and syncs', async () => {
    const send = deferred<PayAttempt>();
    let setups = 0;
    const wails = installFakeWails({
      PaySetup: () => {
        setups++;
        return Promise.resolve(setups === 1 ? setup() : setup({accounts: [{...pba, current: 14_998_988}, {...saver, current: 6_001_012}, studio]}));
      },
      ReviewTransfer: () => Promise.resolve(transferReview),
      ConfirmPay: () => send.promise,
      SyncAfterPayment: () => Promise.resolve({id: 9}),
    });
    const {user} = renderPay();

    await user.selectOptions(await screen.findByTestId('pay-from'), 'A1');
    await user.selectOptions(screen.getByTestId('pay-to'), 'A2');
    await user.type(screen.getByTestId('pay-amount'), '10.12');
    await user.type(screen.getByTestId('pay-my-ref'), 'Savings');
    await user.type(screen.getByTestId('pay-their-ref'), 'From everyday');
    await user.click(screen.getByTestId('pay-review-button'));

    const review = await screen.findByTestId('pay-review');
    expect(wails.calls.find((c) => c.method === 'ReviewTransfer')?.args).toEqual([
      {fromAccountId: 'A1', toAccountId: 'A2', amount: '10.12', myReference: 'Savings', theirReference: 'From everyday'},
    ]);
    // Exactly what will be sent: accounts by name and number, rands, references.
    expect(within(review).getByTestId('pay-review-from')).toHaveTextContent("Thandi's Everyday · 10011111111 (Private Bank Account)");
    expect(within(review).getByTestId('pay-review-to')).toHaveTextContent('Rainy Day Fund · 10022222222');
    expect(within(review).getByTestId('pay-review-total')).toHaveTextContent('R 10,12');
    expect(within(review).getByTestId('pay-review-my-ref')).toHaveTextContent('Savings');
    expect(within(review).getByTestId('pay-review-their-ref')).toHaveTextContent('From everyday');
    expect(screen.getByRole('heading', {name: 'Check the transfer before you send it'})).toHaveFocus();

    const sendButton = screen.getByTestId('pay-send');
    expect(sendButton).toBeDisabled(); // nothing typed yet
    await user.type(screen.getByTestId('pay-confirm-input'), '10,12');
    await user.click(sendButton);
    await user.click(sendButton); // a double click while it is on its way
    expect(sendButton).toBeDisabled();
    expect(wails.calls.filter((c) => c.method === 'ConfirmPay')).toEqual([
      {method: 'ConfirmPay', args: [{attemptId: 'att-1', typed: '10.12', acknowledgeDuplicate: false}]},
    ]);
    send.resolve(attempt());

    const outcome = await screen.findByTestId('pay-outcome');
    expect(outcome).toHaveTextContent('Sent');
    expect(outcome).toHaveTextContent('Investec reference UBP0126806416');
    expect(outcome).toHaveTextContent('No authorisation necessary; Payment/Transfer effective date 16/03/2026');
    await waitFor(() => {
      expect(screen.getByTestId('pay-sync-status')).toHaveTextContent('Synced: the transfer shows in your transactions.');
    });
    expect(wails.calls.filter((c) => c.method === 'SyncAfterPayment')).toHaveLength(1);
    const balances = await screen.findByTestId('pay-balances');
    expect(balances).toHaveTextContent('Balance R 149 989,88');
    expect(balances).toHaveTextContent('Balance R 60 010,12');
    expect(screen.getByTestId('pay-announce')).toHaveTextContent('Transfer: Sent.');
  });

  it('shows each problem beside its field and sends nothing', async () => {
    const wails = installFakeWails({
      PaySetup: () => Promise.resolve(setup()),
      ReviewTransfer: () =>
        invalid([
          {field: 'amount', message: 'Use a point for the cents, e.g. 10.50, and no commas.'},
          {field: 'theirReference', message: 'Keep their reference to 20 characters (it has 24).'},
        ]),
    });
    const {user} = renderPay();
    await user.type(await screen.findByTestId('pay-amount'), '1,5');
    await user.click(screen.getByTestId('pay-review-button'));

    const amountError = await screen.findByTestId('field-error-amount');
    expect(amountError).toHaveTextContent('Use a point for the cents');
    const amount = screen.getByTestId('pay-amount');
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(amount.getAttribute('aria-describedby')).toContain(amountError.id);
    expect(screen.getByTestId('field-error-theirReference')).toHaveTextContent('20 characters');
    expect(screen.queryByTestId('field-error-myReference')).toBeNull();
    expect(screen.queryByTestId('pay-review')).toBeNull();
    expect(wails.calls.some((c) => c.method === 'ConfirmPay')).toBe(false);
    expect(screen.getByTestId('pay-announce')).toHaveTextContent('2 fields need attention.');
  });

  it('warns when the amount is over the available balance, but still lets it be sent', async () => {
    const over = reviewOf([{attemptId: 'att-1', index: 1, count: 1, lines: [line({amount: 30_000_000})], total: 30_000_000}], {
      warnings: [{code: 'over_available', field: 'amount', message: 'R300000.00 is more than the available balance of R225000.00 at the last sync. Investec may refuse it.'}],
    });
    const wails = installFakeWails({
      PaySetup: () => Promise.resolve(setup()),
      ReviewTransfer: () => Promise.resolve(over),
      ConfirmPay: () => Promise.resolve(attempt({total: 30_000_000})),
      SyncAfterPayment: () => Promise.resolve({id: 9}),
    });
    const {user} = renderPay();
    await user.selectOptions(await screen.findByTestId('pay-from'), 'A1');
    await user.selectOptions(screen.getByTestId('pay-to'), 'A2');
    await user.type(screen.getByTestId('pay-amount'), '300000');
    await user.type(screen.getByTestId('pay-my-ref'), 'Savings');
    await user.type(screen.getByTestId('pay-their-ref'), 'From everyday');
    await user.click(screen.getByTestId('pay-review-button'));

    const review = await screen.findByTestId('pay-review');
    expect(within(review).getByTestId('pay-warning')).toHaveTextContent('more than the available balance of R225000.00');
    await user.type(screen.getByTestId('pay-confirm-input'), '300000');
    await user.click(screen.getByTestId('pay-send'));
    expect(await screen.findByTestId('pay-outcome')).toHaveTextContent('Sent');
    expect(wails.calls.filter((c) => c.method === 'ConfirmPay')).toEqual([
      {method: 'ConfirmPay', args: [{attemptId: 'att-1', typed: '300000.00', acknowledgeDuplicate: false}]},
    ]);
  });

  it('asks a second time before sending an identical transfer again', async () => {
    let confirms = 0;
    const wails = installFakeWails({
      PaySetup: () => Promise.resolve(setup()),
      ReviewTransfer: () =>
        Promise.resolve(
          reviewOf([{attemptId: 'att-1', index: 1, count: 1, lines: [line()], total: 1012, duplicate: {attemptId: 'old', sentAt: '', minutesAgo: 3, message: 'You sent the same transfer 3 minutes ago.'}}]),
        ),
      ConfirmPay: () => {
        confirms++;
        return confirms === 1
          ? rejectLikeWails(JSON.stringify({code: 'conflict', message: 'You sent the same transfer 3 minutes ago.', fields: [{field: 'acknowledgeDuplicate', message: 'You sent the same transfer 3 minutes ago.'}]}))
          : Promise.resolve(attempt({duplicateAcknowledged: true}));
      },
      SyncAfterPayment: () => Promise.resolve({id: 1}),
    });
    const {user} = renderPay();
    await user.click(await screen.findByTestId('pay-review-button'));
    expect(await screen.findByTestId('pay-duplicate-warning')).toHaveTextContent('3 minutes ago');
    await user.type(screen.getByTestId('pay-confirm-input'), 'CONFIRM');
    await user.click(screen.getByTestId('pay-send'));
    const again = await screen.findByTestId('pay-duplicate');
    expect(again).toHaveTextContent('Send it again? You sent the same transfer 3 minutes ago.');
    expect(screen.queryByTestId('pay-outcome')).toBeNull();
    await user.click(within(again).getByTestId('pay-send-again'));
    expect(await screen.findByTestId('pay-outcome')).toHaveTextContent('Sent');
    expect(wails.calls.filter((c) => c.method === 'ConfirmPay').map((c) => c.args[0])).toEqual([
      {attemptId: 'att-1', typed: 'CONFIRM', acknowledgeDuplicate: false},
      {attemptId: 'att-1', typed: 'CONFIRM', acknowledgeDuplicate: true},
    ]);
  });

  it('says when the typed confirmation does not match, beside it', async () => {
    installFakeWails({
      PaySetup: () => Promise.resolve(setup()),
      ReviewTransfer: () => Promise.resolve(transferReview),
      ConfirmPay: () => invalid([{field: 'typed', message: 'Type the amount, 10.12, or the word CONFIRM to send.'}]),
    });
    const {user} = renderPay();
    await user.click(await screen.findByTestId('pay-review-button'));
    await user.type(await screen.findByTestId('pay-confirm-input'), '10.13');
    await user.click(screen.getByTestId('pay-send'));
    expect(await screen.findByTestId('field-error-typed')).toHaveTextContent('Type the amount, 10.12');
    expect(screen.getByTestId('pay-confirm-input')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('pay-outcome')).toBeNull();
  });

  it('tells the person to check their transactions when the outcome is unknown, and does not sync', async () => {
    const wails = installFakeWails({
      PaySetup: () => Promise.resolve(setup()),
      ReviewTransfer: () => Promise.resolve(transferReview),
      ConfirmPay: () =>
        Promise.resolve(
          attempt({
            status: 'unknown', statusText: 'Unknown — check your transactions', errorCode: 'unknown_outcome',
            errorMessage: "Investec's answer did not arrive (the connection dropped), so it may or may not have been made.", lines: [line()],
          }),
        ),
    });
    const {user} = renderPay();
    await user.click(await screen.findByTestId('pay-review-button'));
    await user.type(await screen.findByTestId('pay-confirm-input'), '10.12');
    await user.click(screen.getByTestId('pay-send'));
    const outcome = await screen.findByTestId('pay-outcome');
    expect(outcome).toHaveAttribute('data-status', 'unknown');
    expect(outcome).toHaveTextContent('Unknown — check your transactions');
    expect(outcome).toHaveTextContent('Check your transactions before you try this transfer again.');
    expect(screen.queryByTestId('pay-send')).toBeNull(); // nothing left to send
    await waitFor(() => {
      expect(wails.calls.filter((c) => c.method === 'PaySetup')).toHaveLength(2); // the journal reloads
    });
    expect(wails.calls.some((c) => c.method === 'SyncAfterPayment')).toBe(false);
  });

  it('sends long payment lists batch by batch, each confirmed with its own amount', async () => {
    const lines = Array.from({length: 51}, (_, i) => line({targetId: `B${String(i % 5)}`, targetName: `Payee ${String(i)}`, targetBank: 'FNB', amount: 100}));
    const review = reviewOf(
      [
        {attemptId: 'b1', index: 1, count: 2, lines: lines.slice(0, 50), total: 5000},
        {attemptId: 'b2', index: 2, count: 2, lines: lines.slice(50), total: 100},
      ],
      {kind: 'payment'},
    );
    const wails = installFakeWails({
      PaySetup: () => Promise.resolve(setup()),
      PayAccount: () => Promise.resolve({accountId: 'A1', beneficiaries: [], fromCache: false, notice: ''} satisfies PayAccountSetup),
      ReviewPayment: () => Promise.resolve(review),
      ConfirmPay: (c) => {
        const id = (c as {attemptId: string}).attemptId;
        return Promise.resolve(attempt({id, kind: 'payment', batchIndex: id === 'b1' ? 1 : 2, batchCount: 2, total: id === 'b1' ? 5000 : 100}));
      },
      SyncAfterPayment: () => Promise.resolve({id: 1}),
    });
    const {user} = renderPay();
    await user.click(await screen.findByTestId('pay-kind-payment'));
    await user.click(screen.getByTestId('pay-review-button'));
    const summaries = await screen.findAllByTestId('pay-batch-summary');
    expect(summaries.map((s) => s.textContent)).toEqual(['Batch 1 of 2: 50 payments, R\u00a050,00', 'Batch 2 of 2: 1 payment, R\u00a01,00']);
    expect(screen.getByLabelText(/To send batch 1 of 2, type its amount \(50\.00\)/)).toBeInTheDocument();
    await user.type(screen.getByTestId('pay-confirm-input'), '50');
    await user.click(screen.getByTestId('pay-send'));
    // Batch 2 waits for its own confirmation.
    expect(await screen.findByLabelText(/To send batch 2 of 2, type its amount \(1\.00\)/)).toBeInTheDocument();
    expect(wails.calls.filter((c) => c.method === 'ConfirmPay')).toHaveLength(1);
    expect(wails.calls.some((c) => c.method === 'SyncAfterPayment')).toBe(false);
    await user.type(screen.getByTestId('pay-confirm-input'), '1.00');
    await user.click(screen.getByTestId('pay-send'));
    await waitFor(() => {
      expect(wails.calls.filter((c) => c.method === 'SyncAfterPayment')).toHaveLength(1);
    });
    expect(wails.calls.filter((c) => c.method === 'ConfirmPay').map((c) => (c.args[0] as {attemptId: string; typed: string}))).toEqual([
      {attemptId: 'b1', typed: '50.00', acknowledgeDuplicate: false},
      {attemptId: 'b2', typed: '1.00', acknowledgeDuplicate: false},
    ]);
  });

  it('explains how to grant a missing permission', async () => {
    installFakeWails({PaySetup: () => Promise.resolve(setup({transfers: 'missing'}))});
    renderPay();
    const banner = await screen.findByTestId('pay-permission');
    expect(banner).toHaveTextContent('This API key may not make transfers.');
    expect(banner).toHaveTextContent('Manage → Investec Developer');
  });

  it('picks beneficiaries, and shows the authorisation fields only where the account needs them', async () => {
    const ben = {
      id: 'BEN1', name: 'Mama', beneficiaryName: 'NOMSA MOKOENA', accountNumber: '1234567890', branchCode: '470010', bank: 'CAPITEC BANK',
      referenceName: 'Mama', referenceAccountNumber: 'LOVE THANDI', categoryId: '', profileId: 'P1', fasterPaymentAllowed: true,
      lastPaymentAmount: 150_000, lastPaymentDate: '2026-03-01', beneficiaryType: '',
    };
    const wails = installFakeWails({
      PaySetup: () => Promise.resolve(setup()),
      PayAccount: (id) =>
        Promise.resolve({
          accountId: id as string, beneficiaries: [ben], fromCache: false, notice: '',
          ...(id === 'A4'
            ? {authorisation: {required: 2, authorisersA: [{id: 'x', name: 'Ms T Mokoena'}], authorisersB: [{id: 'y', name: 'Ms A Patel'}], periods: [{id: '1', name: '1 Working day'}]}}
            : {}),
        }),
      ReviewPayment: () => invalid([{field: 'lines[0].amount', message: 'Enter an amount.'}]),
    });
    const {user} = renderPay();
    await user.click(await screen.findByTestId('pay-kind-payment'));
    const pick = await screen.findByTestId('pay-ben');
    expect(pick).toHaveTextContent('Mama');
    expect(pick).toHaveTextContent('CAPITEC BANK 1234567890 · last paid R 1 500,00 on');
    expect(pick).toHaveTextContent('Faster payment');
    expect(screen.queryByTestId('pay-authorisation')).toBeNull();
    await user.click(pick);
    expect(screen.getAllByTestId('pay-line')).toHaveLength(1);
    expect(screen.getByTestId('pay-line-their-ref')).toHaveValue('LOVE THANDI');
    await user.click(screen.getByTestId('pay-line-faster'));
    await user.click(screen.getByTestId('pay-review-button'));
    expect(await screen.findByTestId('field-error-lines[0].amount')).toHaveTextContent('Enter an amount.');
    expect(wails.calls.find((c) => c.method === 'ReviewPayment')?.args[0]).toEqual({
      fromAccountId: 'A1', authoriserAId: '', authoriserBId: '', authPeriodId: '',
      lines: [{beneficiaryId: 'BEN1', amount: '', myReference: 'Mama', theirReference: 'LOVE THANDI', fasterPayment: true}],
    });

    await user.selectOptions(screen.getByTestId('pay-from'), 'A4');
    expect(await screen.findByTestId('pay-authorisation')).toHaveTextContent('Dual authorisation (2 authorisations needed)');
    expect(screen.queryAllByTestId('pay-line')).toHaveLength(0); // lines belong to the account
  });

  it('prefills the form from a template; it still needs a review', async () => {
    const wails = installFakeWails({
      PaySetup: () =>
        Promise.resolve(
          setup({
            templates: [{id: 7, name: 'Monthly saving', kind: 'transfer', createdAt: '', updatedAt: '',
              transfer: {fromAccountId: 'A1', toAccountId: 'A2', amount: '2500', myReference: 'Saving', theirReference: 'Saving'}}],
          }),
        ),
    });
    const {user} = renderPay();
    await user.click(await screen.findByRole('button', {name: 'Monthly saving'}));
    expect(screen.getByTestId('pay-amount')).toHaveValue('2500');
    expect(screen.getByTestId('pay-to')).toHaveValue('A2');
    expect(screen.getByTestId('pay-my-ref')).toHaveValue('Saving');
    expect(wails.calls.some((c) => c.method === 'ReviewTransfer' || c.method === 'ConfirmPay')).toBe(false);
  });

  it('lists the journal, or says there is nothing yet', async () => {
    installFakeWails({
      PaySetup: () =>
        Promise.resolve(
          setup({
            recent: [
              attempt(),
              attempt({id: 'u', status: 'matched', statusText: 'Matched to a posted transaction',
                lines: [line({match: {transactionId: 5, accountId: 'A1', postingDate: '2026-03-16', transactionDate: '2026-03-16', description: 'Savings', amount: 1012, postedOrder: 3}})]}),
            ],
          }),
        ),
    });
    renderPay();
    const rows = await screen.findAllByTestId('pay-journal-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Transfer from Thandi's Everyday to Rainy Day Fund");
    expect(rows[1]).toHaveTextContent('Matched to a posted transaction');
    expect(within(rows[1] as HTMLElement).getByTestId('pay-journal-match')).toHaveTextContent('Matched: Savings');
  });

  it('saves the daily limit and shows the backend’s problem beside it', async () => {
    let calls = 0;
    installFakeWails({
      PaySetup: () => Promise.resolve(setup()),
      SetPayDailyLimit: () => {
        calls++;
        return calls === 1
          ? invalid([{field: 'dailyLimit', message: 'Enter an amount more than R0.00.'}])
          : Promise.resolve({day: '2026-03-16', dailyLimit: 2_000_000, usedToday: 0, remaining: 2_000_000});
      },
    });
    const {user} = renderPay();
    const input = await screen.findByTestId('pay-limit-input');
    expect(input).toHaveValue('50000.00');
    await user.clear(input);
    await user.type(input, '0');
    await user.click(screen.getByTestId('pay-limit-save'));
    expect(await screen.findByTestId('field-error-dailyLimit')).toHaveTextContent('more than R0.00');
    await user.clear(input);
    await user.type(input, '20000');
    await user.click(screen.getByTestId('pay-limit-save'));
    await waitFor(() => {
      expect(screen.queryByTestId('field-error-dailyLimit')).toBeNull();
    });
  });
});
