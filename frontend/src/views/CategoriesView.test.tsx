import {fireEvent, screen, waitFor, within} from '@testing-library/react';
import {describe, expect, it, vi} from 'vitest';

import {installFakeWails, rejectLikeWails} from '../test/fakeWails';
import {renderApp} from '../test/renderApp';

vi.setConfig({testTimeout: 30_000});

interface Cat {
  id: number;
  name: string;
  position: number;
  uses: number;
  rules: number;
  listed: boolean;
}

function install() {
  let cats: Cat[] = [
    {id: 1, name: 'Groceries', position: 1, uses: 12, rules: 2, listed: true},
    {id: 2, name: 'Eating out', position: 2, uses: 0, rules: 0, listed: true},
    {id: 0, name: 'Hobbies', position: 0, uses: 3, rules: 0, listed: false},
  ];
  let rules = [
    {id: 10, contains: 'WOOLWORTHS', categoryId: 1, category: 'Groceries', accountId: '', direction: 'DEBIT', position: 1, createdAt: ''},
    {id: 11, contains: 'CHECKERS', categoryId: 1, category: 'Groceries', accountId: 'acc-1', direction: '', position: 2, createdAt: ''},
  ];
  const fake = installFakeWails({
    ShellReady: () => Promise.resolve(),
    AppInfo: () => Promise.resolve({name: 'Investec Desk', version: '0', revision: '', modified: false, goVersion: '', platform: ''}),
    Status: () => Promise.resolve({connection: {id: 'demo', name: 'Demo'}, net: 'online', netMessage: '', lastSyncedAt: '', syncing: false}),
    Accounts: () => Promise.resolve([{id: 'acc-1', number: '10012345678', name: 'Ms T Mokoena', referenceName: 'Everyday', productName: 'Private Bank Account'}]),
    Categories: () => Promise.resolve(cats),
    Rules: () => Promise.resolve(rules),
    AddCategory: (name: unknown) => {
      if (String(name).toLowerCase() === 'groceries') {
        return rejectLikeWails(JSON.stringify({code: 'invalid', message: 'name: exists', fields: [{field: 'name', message: 'A category named "groceries" already exists.'}]}));
      }
      const c = {id: 3, name: String(name), position: 3, uses: 0, rules: 0, listed: true};
      cats = [...cats.filter((x) => x.listed), c, ...cats.filter((x) => !x.listed)];
      return Promise.resolve(c);
    },
    DeleteCategory: (id: unknown) => {
      cats = cats.filter((c) => c.id !== id);
      return Promise.resolve();
    },
    PreviewRule: () => Promise.resolve({matching: 42, wouldChange: 40}),
    AddRule: (input: unknown) => {
      const r = {id: 12, ...(input as {contains: string; category: string; accountId: string; direction: string}), categoryId: 2, position: 0, createdAt: ''};
      rules = [r, ...rules];
      return Promise.resolve(r);
    },
    ApplyRules: () => Promise.resolve({categorised: 40, recategorised: 0, examined: 1000}),
    MoveRule: () => Promise.resolve(),
    DeleteRule: () => Promise.resolve(),
  });
  return fake;
}

describe('CategoriesView', () => {
  it('lists categories with their use, and shows a problem beside the name field', async () => {
    const fake = install();
    renderApp('/transactions/categories');
    const table = await screen.findByTestId('category-table');
    await waitFor(() => {
      expect(within(table).getAllByTestId('category-row')).toHaveLength(3);
    });
    const rows = within(table).getAllByTestId('category-row');
    expect(rows.map((r) => r.dataset.name)).toEqual(['Groceries', 'Eating out', 'Hobbies']);
    expect(rows[0]?.textContent).toMatch(/^Groceries\s*12\s*2/);
    expect(within(rows[2] as HTMLElement).getByText('not in the list')).toBeInTheDocument();

    fireEvent.change(screen.getByTestId('category-new'), {target: {value: 'groceries'}});
    fireEvent.click(screen.getByTestId('category-add'));
    expect(await screen.findByText('A category named "groceries" already exists.')).toBeInTheDocument();
    expect(screen.getByTestId('category-new')).toHaveAttribute('aria-invalid', 'true');

    fireEvent.change(screen.getByTestId('category-new'), {target: {value: 'Pets'}});
    fireEvent.click(screen.getByTestId('category-add'));
    await waitFor(() => {
      expect(within(screen.getByTestId('category-table')).getAllByTestId('category-row').map((r) => r.dataset.name)).toContain('Pets');
    });
    expect(fake.calls.filter((c) => c.method === 'AddCategory').map((c) => c.args[0])).toEqual(['groceries', 'Pets']);
  });

  it('asks what becomes of a used category’s transactions before deleting it', async () => {
    const fake = install();
    renderApp('/transactions/categories');
    const table = await screen.findByTestId('category-table');
    const groceries = (await within(table).findAllByTestId('category-row'))[0] as HTMLElement;
    fireEvent.click(within(groceries).getByTestId('category-delete'));
    const form = screen.getByTestId('category-delete-form');
    expect(form).toHaveTextContent('12 transactions and 2 rules use it.');
    fireEvent.change(within(form).getByTestId('category-move-to'), {target: {value: 'Eating out'}});
    fireEvent.click(within(form).getByTestId('category-delete-confirm'));
    await waitFor(() => {
      expect(fake.calls.filter((c) => c.method === 'DeleteCategory').map((c) => c.args)).toEqual([[1, 'Eating out']]);
    });
    await waitFor(() => {
      expect(screen.queryByTestId('category-delete-form')).not.toBeInTheDocument();
    });
  });

  it('previews a new rule, adds it and applies it to the cached transactions on request', async () => {
    const fake = install();
    renderApp('/transactions/categories');
    const form = await screen.findByTestId('rule-new');
    await within(form).findByRole('option', {name: 'Eating out'});
    fireEvent.change(within(form).getByTestId('rule-contains'), {target: {value: 'vida e caff'}});
    fireEvent.change(within(form).getByTestId('rule-category'), {target: {value: 'Eating out'}});
    fireEvent.change(within(form).getByTestId('rule-direction'), {target: {value: 'DEBIT'}});
    expect(await screen.findByText(/Matches 42 cached transactions; applying it to them would categorise 40/)).toBeInTheDocument();
    expect(fake.calls.filter((c) => c.method === 'PreviewRule').at(-1)?.args[0]).toEqual({
      contains: 'vida e caff',
      category: 'Eating out',
      accountId: '',
      direction: 'DEBIT',
    });

    fireEvent.click(within(form).getByTestId('rule-new-save-apply'));
    await waitFor(() => {
      expect(screen.getByTestId('rules-message')).toHaveTextContent('Rule added and applied: 40 transactions categorised');
    });
    expect(fake.calls.filter((c) => c.method === 'ApplyRules').map((c) => c.args[0])).toEqual([[12]]);
    await waitFor(() => {
      expect(screen.getAllByTestId('rule-row').map((r) => r.dataset.contains)).toEqual(['vida e caff', 'WOOLWORTHS', 'CHECKERS']);
    });
    // The account-limited rule names its account.
    expect(screen.getAllByTestId('rule-row')[2]).toHaveTextContent('Everyday');

    fireEvent.click(screen.getByRole('button', {name: 'Move the rule “CHECKERS” up'}));
    await waitFor(() => {
      expect(fake.calls.filter((c) => c.method === 'MoveRule').map((c) => c.args)).toEqual([[11, 1]]);
    });
  });
});
