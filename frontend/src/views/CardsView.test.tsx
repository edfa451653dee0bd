import {screen, waitFor, within} from '@testing-library/react';
import {beforeAll, describe, expect, it} from 'vitest';

import {installFakeWails, rejectLikeWails, stubColorScheme} from '../test/fakeWails';
import {renderApp} from '../test/renderApp';

// CodeMirror measures text with Range rectangles, which jsdom lacks.
beforeAll(() => {
  const rect = {x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({})};
  const list = Object.assign([], {item: () => null});
  for (const [name, value] of [
    ['getClientRects', () => list],
    ['getBoundingClientRect', () => rect],
  ] as const) {
    if (!(name in Range.prototype)) {
      Object.defineProperty(Range.prototype, name, {value, configurable: true});
    }
  }
});

const published = '// published\nconst beforeTransaction = async () => true;\n';

/**
 * fakeBank is an in-memory stand-in for the card methods of the Go backend.
 * Offline, the reads answer as the backend does from its cache (marked
 * cached) and the writes fail as they do without a network.
 */
/** BankOptions: offline, or a saved version not published yet (savedAhead). */
interface BankOptions {
  offline?: boolean;
  savedAhead?: boolean;
}

function fakeBank(opts: BankOptions = {}) {
  const offline = opts.offline === true;
  const unreachable = () => rejectLikeWails(JSON.stringify({code: 'offline', message: 'Investec cannot be reached. Check the internet connection.'}));
  let n = 0;
  const stamp = '2026-03-01T10:00:00.000Z';
  const card = {
    key: '1234567',
    number: '402167XXXXXX1111',
    last4: '1111',
    programmable: true,
    status: 'Active',
    typeCode: 'VGC',
    accountId: 'ACC',
    accountNumber: '10010010010',
    accountName: 'Private Bank Account',
    embossedName: 'MS T MOKOENA',
    virtual: false,
  };
  const state = {
    card,
    saved: opts.savedAhead
      ? {codeId: 'SAVED-0000-0002', code: published + '// saved, not published yet\n', createdAt: stamp, updatedAt: stamp, publishedAt: ''}
      : {codeId: 'SAVED-0000-0001', code: published, createdAt: stamp, updatedAt: stamp, publishedAt: stamp},
    published: {codeId: 'SAVED-0000-0001', code: published, createdAt: stamp, updatedAt: stamp, publishedAt: stamp},
    env: [{key: 'blockedCategories', value: '7995'}],
    executions: [] as Record<string, unknown>[],
    conflictOnce: false,
  };
  const exec = (id: string, source: string, approved: boolean, content: string) => ({
    id,
    cardKey: card.key,
    source,
    type: 'before_transaction',
    approved,
    logs: [{createdAt: stamp, level: 'info', content}],
    error: '',
    codeId: '',
    createdAt: stamp,
    startedAt: stamp,
    completedAt: '2026-03-01T10:00:00.120Z',
  });
  state.executions.push({
    ...exec('REAL-1', 'real', true, 'Approved Pick n Pay for R99.00'),
    transaction: {transactionId: 42, accountId: 'ACC', description: 'PICK N PAY ROSEBANK', amount: 9900, transactionDate: '2026-03-01'},
  });
  const codeState = () => ({cardKey: card.key, saved: state.saved, published: state.published, differs: state.saved.code !== state.published.code});
  const methods = {
    ShellReady: () => Promise.resolve(),
    AppInfo: () => Promise.resolve({name: 'Investec Desk', version: '0.1.0'}),
    Status: () => Promise.resolve({connection: {name: 'Demo'}, net: 'online', netMessage: '', lastSyncedAt: '', syncing: false}),
    Cards: () => Promise.resolve([{...state.card, cached: offline, fetchedAt: '2026-03-01T08:00:00Z'}]),
    SetCardProgrammable: (_key: unknown, on: unknown) => {
      if (offline) {
        return unreachable();
      }
      state.card = {...state.card, programmable: on as boolean};
      return Promise.resolve(on);
    },
    CardCode: () => Promise.resolve({...codeState(), cached: offline}),
    CheckCardCode: (code: unknown) =>
      Promise.resolve(
        String(code).includes('}}')
          ? {ok: false, message: 'SyntaxError: main.js: Line 2:3 Unexpected token }', line: 2, column: 3}
          : {ok: true, message: '', line: 0, column: 0},
      ),
    SaveCardCode: (_key: unknown, code: unknown) => {
      n++;
      state.saved = {codeId: `SAVED-0000-000${String(n + 1)}`, code: code as string, createdAt: stamp, updatedAt: stamp, publishedAt: ''};
      return Promise.resolve(state.saved);
    },
    PublishCardCode: (_key: unknown, codeId: unknown) => {
      if (state.conflictOnce) {
        state.conflictOnce = false;
        state.saved = {...state.saved, codeId: 'SAVED-BY-SOMEONE-ELSE', code: state.saved.code + '// elsewhere\n'};
        return rejectLikeWails(JSON.stringify({code: 'conflict', message: 'The saved code changed since you reviewed it.'}));
      }
      if (codeId !== state.saved.codeId) {
        return rejectLikeWails(JSON.stringify({code: 'conflict', message: 'stale'}));
      }
      state.published = {...state.saved, publishedAt: stamp};
      return Promise.resolve(state.published);
    },
    CardCodeHistory: () =>
      Promise.resolve([
        {id: 2, cardKey: card.key, kind: 'published', codeId: state.published.codeId, code: state.published.code, sha256: 'ab'.repeat(32), at: stamp},
        {id: 1, cardKey: card.key, kind: 'saved', codeId: 'OLD-VERSION-0001', code: '// an old version\n}}\n', sha256: 'cd'.repeat(32), at: stamp},
      ]),
    CardEnv: () => Promise.resolve({cardKey: card.key, variables: state.env, updatedAt: stamp, cached: offline, cachedAt: offline ? stamp : ''}),
    CardEnvChanges: (_key: unknown, vars: unknown) => {
      const list = vars as {key: string; value: string}[];
      const bad = list.findIndex((v) => !/^[A-Za-z_$][\w$]*$/.test(v.key));
      if (bad >= 0) {
        return rejectLikeWails(
          JSON.stringify({code: 'invalid', message: 'bad', fields: [{field: `variables.${String(bad)}.key`, message: 'Not a JavaScript identifier.'}]}),
        );
      }
      const old = new Map(state.env.map((v) => [v.key, v.value]));
      return Promise.resolve(
        list.filter((v) => old.get(v.key) !== v.value).map((v) => ({key: v.key, kind: old.has(v.key) ? 'changed' : 'added', old: old.get(v.key) ?? '', new: v.value})),
      );
    },
    SaveCardEnv: (_key: unknown, vars: unknown) => {
      state.env = (vars as {key: string; value: string}[]).map((v) => ({key: v.key, value: v.value}));
      return Promise.resolve({cardKey: card.key, variables: state.env, updatedAt: stamp});
    },
    CardReference: () =>
      Promise.resolve({
        countries: [{code: 'ZA', name: 'South Africa'}],
        currencies: [{code: 'ZAR', name: 'South African Rand'}],
        merchants: [
          {code: '5462', name: 'Bakeries'},
          {code: '7995', name: 'Betting/Casino Gambling'},
        ],
        source: 'investec',
      }),
    CardTemplates: () =>
      Promise.resolve([
        {id: 'cap-amount', name: 'Cap the amount', description: 'Declines big ones.', code: '// cap\nconst beforeTransaction = async () => false;\n', env: [{key: 'maxAmount', value: '500.00'}]},
      ]),
    SimulateCard: (_key: unknown, req: unknown) => {
      const r = req as {mode: string; code: string; amount: string; merchantName: string};
      if (offline && r.mode !== 'local') {
        return unreachable();
      }
      if (r.amount === 'abc') {
        return rejectLikeWails(JSON.stringify({code: 'invalid', message: 'bad amount', fields: [{field: 'amount', message: 'Not an amount.'}]}));
      }
      const id = `${r.mode.toUpperCase()}-${String(state.executions.length)}`;
      const e = exec(id, r.mode === 'local' ? 'local' : 'simulated', false, `declined ${r.merchantName}`);
      state.executions.unshift(e);
      return Promise.resolve({mode: r.mode, cardKey: card.key, approved: false, centsAmount: 12345, executions: [e], ranAt: stamp});
    },
    CardExecutions: () => Promise.resolve({cardKey: card.key, executions: state.executions, bankMessage: '', linked: 1}),
  };
  const fake = installFakeWails(methods);
  const calls = (name: string) => fake.calls.filter((c) => c.method === name);
  return {state, calls};
}

async function openCards(opts: BankOptions = {}) {
  stubColorScheme(false);
  const bank = fakeBank(opts);
  const app = renderApp('/cards');
  await screen.findByTestId('card-list');
  await screen.findByTestId('code-editor');
  return {...app, bank};
}

describe('CardsView', () => {
  it('lists the cards and opens the first one with its saved code', async () => {
    await openCards();
    const card = screen.getByTestId('card-1234567');
    expect(within(card).getByTestId('card-number')).toHaveTextContent('402167XXXXXX1111');
    expect(within(card).getByTestId('card-programmable')).toHaveTextContent('Programmable on');
    expect(within(card).getByTestId('card-select')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('code-status')).toHaveTextContent('published');
    expect(screen.getByTestId('code-editor')).toHaveTextContent('// published');
    expect(screen.getByTestId('code-save')).toBeDisabled();
  });

  it('switches the programmable feature only after confirmation, once', async () => {
    const {user, bank} = await openCards();
    await user.click(screen.getByTestId('card-toggle'));
    const dialog = screen.getByTestId('toggle-dialog');
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(within(dialog).getByRole('button', {name: 'Cancel'})).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('toggle-dialog')).toBeNull();
    expect(bank.calls('SetCardProgrammable')).toHaveLength(0);

    await user.click(screen.getByTestId('card-toggle'));
    await user.click(screen.getByTestId('dialog-confirm'));
    await waitFor(() => {
      expect(screen.getByTestId('card-programmable')).toHaveTextContent('Programmable off');
    });
    expect(bank.calls('SetCardProgrammable').map((c) => c.args)).toEqual([['1234567', false]]);
    expect(screen.getByTestId('not-programmable')).toBeInTheDocument();
    expect(screen.getByTestId('cards-announce')).toHaveTextContent('now off');
  });

  it('puts a template in the editor with its variables, saves it, and publishes after showing the diff', async () => {
    const {user, bank} = await openCards();
    await user.click(within(screen.getByTestId('templates-panel')).getByText('Start from a template'));
    await user.click(screen.getByTestId('template-use'));
    expect(screen.getByTestId('code-editor')).toHaveTextContent('// cap');
    expect(screen.getAllByTestId('env-key').map((i) => (i as HTMLInputElement).value)).toEqual(['blockedCategories', 'maxAmount']);
    expect(screen.getByTestId('code-status')).toHaveTextContent('unsaved changes');

    await user.click(screen.getByTestId('code-save'));
    await waitFor(() => {
      expect(screen.getByTestId('code-message')).toHaveTextContent('Saved as version');
    });
    expect(bank.calls('SaveCardCode').map((c) => c.args)).toEqual([['1234567', '// cap\nconst beforeTransaction = async () => false;\n']]);
    expect(screen.getByTestId('code-status')).toHaveTextContent('not published yet');

    await user.click(screen.getByTestId('code-publish'));
    const dialog = await screen.findByTestId('publish-dialog');
    await within(dialog).findByTestId('publish-diff');
    expect(within(dialog).getByTestId('diff-summary')).toHaveTextContent('2 lines removed, 2 lines added.');
    expect(bank.calls('PublishCardCode')).toHaveLength(0);
    await user.click(within(dialog).getByTestId('dialog-confirm'));
    await waitFor(() => {
      expect(screen.queryByTestId('publish-dialog')).toBeNull();
    });
    expect(bank.calls('PublishCardCode').map((c) => c.args)).toEqual([['1234567', 'SAVED-0000-0002']]);
    expect(screen.getByTestId('code-status')).toHaveTextContent(', published');
  });

  it('shows a stale publish as a conflict and the new diff to review', async () => {
    const {user, bank} = await openCards({savedAhead: true});
    bank.state.conflictOnce = true;
    await user.click(screen.getByTestId('code-publish'));
    const dialog = await screen.findByTestId('publish-dialog');
    await within(dialog).findByTestId('publish-diff');
    await user.click(within(dialog).getByTestId('dialog-confirm'));
    expect(await within(dialog).findByTestId('dialog-error')).toHaveTextContent('changed since you reviewed it');
    await waitFor(() => {
      expect(within(dialog).getByTestId('dialog-confirm')).toHaveTextContent('Publish version SAVE…ELSE');
    });
    expect(within(dialog).getByTestId('diff-summary')).toHaveTextContent('2 lines added');
  });

  it('offers no publish while the saved code is what runs on the card', async () => {
    await openCards();
    expect(screen.getByTestId('code-status')).toHaveTextContent(', published');
    expect(screen.getByTestId('code-publish')).toBeDisabled();
    expect(screen.getByTestId('code-publish')).toHaveAttribute('title', 'The saved code is already what runs on the card.');
  });

  it('warns about a syntax error with its line, and restores a version from the history', async () => {
    const {user} = await openCards();
    await user.click(within(screen.getByTestId('history-panel')).getByText(/History/));
    const items = screen.getAllByTestId('history-item');
    expect(items).toHaveLength(2);
    await user.click(within(items[1] as HTMLElement).getByTestId('history-restore'));
    expect(screen.getByTestId('code-editor')).toHaveTextContent('// an old version');
    expect(screen.getByTestId('code-message')).toHaveTextContent('Save and publish it');
    expect(screen.getByTestId('code-save')).toBeEnabled();
    expect(await screen.findByTestId('code-syntax')).toHaveTextContent('Line 2, column 3: SyntaxError');
  });

  it('validates variable names beside the row and confirms the changes before saving', async () => {
    const {user, bank} = await openCards();
    await user.click(screen.getByTestId('env-add'));
    const keys = screen.getAllByTestId('env-key');
    await user.type(keys[1] as HTMLElement, '2fast');
    await user.type(screen.getAllByTestId('env-value')[1] as HTMLElement, '1');
    await user.click(screen.getByTestId('env-save'));
    expect(await screen.findByTestId('env-error')).toHaveTextContent('Not a JavaScript identifier.');
    expect(screen.getAllByTestId('env-key')[1]).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('env-dialog')).toBeNull();

    await user.clear(screen.getAllByTestId('env-key')[1] as HTMLElement);
    await user.type(screen.getAllByTestId('env-key')[1] as HTMLElement, 'fast');
    expect(screen.queryByTestId('env-error')).toBeNull();
    await user.click(screen.getByTestId('env-save'));
    const dialog = await screen.findByTestId('env-dialog');
    expect(within(dialog).getByTestId('env-changes')).toHaveTextContent('Add fast = 1');
    expect(bank.calls('SaveCardEnv')).toHaveLength(0);
    await user.click(within(dialog).getByTestId('dialog-confirm'));
    await waitFor(() => {
      expect(screen.getByTestId('env-message')).toHaveTextContent('now has 2 environment variables');
    });
    expect(bank.calls('SaveCardEnv')).toHaveLength(1);
    expect(bank.state.env).toEqual([
      {key: 'blockedCategories', value: '7995'},
      {key: 'fast', value: '1'},
    ]);
  });

  it('runs the editor text locally and on Investec, saying which is which, and logs both', async () => {
    const {user, bank} = await openCards();
    await user.clear(screen.getByTestId('sim-merchant'));
    await user.type(screen.getByTestId('sim-merchant'), 'Sun City');
    await user.click(screen.getByTestId('run-local'));
    const local = screen.getByTestId('result-local');
    await waitFor(() => {
      expect(within(local).getByTestId('result-local-verdict')).toHaveTextContent('Declined');
    });
    expect(within(local).getByTestId('result-local-where')).toHaveTextContent('Ran locally');
    expect(within(local).getByTestId('execution-source')).toHaveTextContent('Local emulator');
    expect(within(local).getByTestId('log-line')).toHaveTextContent('declined Sun City');
    const req = bank.calls('SimulateCard')[0]?.args[1] as Record<string, unknown>;
    expect(req).toMatchObject({mode: 'local', code: published, amount: '100.00', merchantCode: '5462', merchantName: 'Sun City', countryCode: 'ZA'});

    await user.click(screen.getByTestId('run-investec'));
    const inv = screen.getByTestId('result-investec');
    await waitFor(() => {
      expect(within(inv).getByTestId('result-investec-where')).toHaveTextContent('Ran on Investec');
    });
    expect(within(inv).getByTestId('execution-source')).toHaveTextContent('Investec simulation');
    expect((bank.calls('SimulateCard')[1]?.args[1] as Record<string, unknown>).mode).toBe('investec');

    // The log shows both runs and the real one, linked to its transaction.
    const logList = screen.getByTestId('execution-log');
    await waitFor(() => {
      expect(within(logList).getAllByTestId('execution')).toHaveLength(3);
    });
    const link = within(logList).getByTestId('execution-transaction-link');
    expect(link).toHaveAttribute('href', '/transactions?account=ACC&q=PICK+N+PAY+ROSEBANK&id=42&from=2026-03-01&to=2026-03-11');
    await user.selectOptions(within(logList).getByTestId('filter-source'), 'local');
    expect(within(logList).getAllByTestId('execution')).toHaveLength(1);
    expect(within(logList).getByTestId('execution-count')).toHaveTextContent('1 of 3 executions');
  });

  it('shows a bad amount beside the field', async () => {
    const {user, bank} = await openCards();
    await user.clear(screen.getByTestId('sim-amount'));
    await user.type(screen.getByTestId('sim-amount'), '12.345');
    expect(screen.getByTestId('sim-amount-hint')).toHaveTextContent('ambiguous');
    await user.clear(screen.getByTestId('sim-amount'));
    await user.type(screen.getByTestId('sim-amount'), 'R1 234,5');
    expect(screen.getByTestId('sim-amount-hint')).toHaveTextContent('123450 cents');
    // What the person typed is sent in the one form the backend reads.
    await user.click(screen.getByTestId('run-local'));
    await waitFor(() => {
      expect(bank.calls('SimulateCard')).toHaveLength(1);
    });
    expect((bank.calls('SimulateCard')[0]?.args[1] as Record<string, unknown>).amount).toBe('1234.50');
    await user.clear(screen.getByTestId('sim-amount'));
    await user.type(screen.getByTestId('sim-amount'), 'abc');
    await user.click(screen.getByTestId('run-local'));
    await waitFor(() => {
      expect(screen.getByTestId('sim-amount-hint')).toHaveTextContent('Not an amount.');
    });
    expect(bank.calls('SimulateCard')).toHaveLength(2);
  });

  it('offline, shows the cached cards with a plain notice, keeps Run locally and disables what needs Investec', async () => {
    const {user, bank} = await openCards({offline: true});
    const notice = screen.getByTestId('cards-offline');
    expect(notice).toHaveTextContent(/^Offline: showing your cards as last seen \d{1,2} Mar 2026, \d\d:\d\d\. Run locally works; saving, publishing and running on Investec need the connection\./);
    expect(screen.queryByTestId('cards-error')).toBeNull();
    expect(within(screen.getByTestId('card-1234567')).getByTestId('card-number')).toHaveTextContent('402167XXXXXX1111');
    expect(screen.getByTestId('code-status')).toHaveTextContent('from the history on this computer');
    expect(screen.getByTestId('env-cached')).toHaveTextContent('keyring');

    const reason = 'Saving, publishing and running on Investec need the connection.';
    for (const id of ['card-toggle', 'code-publish', 'run-investec']) {
      expect(screen.getByTestId(id)).toBeDisabled();
      expect(screen.getByTestId(id)).toHaveAttribute('title', reason);
    }
    // Edits are possible, saving them is not.
    await user.click(within(screen.getByTestId('templates-panel')).getByText('Start from a template'));
    await user.click(screen.getByTestId('template-use'));
    expect(screen.getByTestId('code-status')).toHaveTextContent('unsaved changes');
    expect(screen.getByTestId('code-save')).toBeDisabled();
    expect(screen.getByTestId('env-save')).toBeDisabled();
    expect(screen.getByTestId('env-save')).toHaveAttribute('title', reason);
    expect(screen.getByTestId('sim-offline')).toHaveTextContent(reason);

    const local = screen.getByTestId('run-local');
    expect(local).toBeEnabled();
    await user.click(local);
    const verdict = await screen.findByTestId('result-local-verdict');
    await waitFor(() => {
      expect(verdict).toHaveTextContent(/declined/i);
    });
    expect(bank.calls('SimulateCard').map((c) => (c.args[1] as {mode: string}).mode)).toEqual(['local']);
    expect(bank.calls('SaveCardCode')).toHaveLength(0);
    expect(bank.calls('SetCardProgrammable')).toHaveLength(0);
  });

  it('online, says nothing about the cache and enables the bank actions', async () => {
    await openCards({savedAhead: true});
    expect(screen.queryByTestId('cards-offline')).toBeNull();
    expect(screen.queryByTestId('sim-offline')).toBeNull();
    expect(screen.queryByTestId('env-cached')).toBeNull();
    expect(screen.getByTestId('card-toggle')).toBeEnabled();
    expect(screen.getByTestId('run-investec')).toBeEnabled();
    expect(screen.getByTestId('code-publish')).toBeEnabled();
    expect(screen.getByTestId('code-publish')).not.toHaveAttribute('title');
  });
});
