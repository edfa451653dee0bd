import {expect, test, type Page} from '@playwright/test';

import {screenshotPath, watchErrors} from './support';

interface Account {
  id: string;
  number: string;
  name: string;
  referenceName: string;
  kind: string;
  balance?: {current: number; available: number};
}

interface Transaction {
  accountId: string;
  type: string;
  status: string;
  description: string;
  amount: number;
  postingDate: string;
}

// The real Go backend, through the page's Wails bridge: used to read what the
// cache holds before and after, independently of the view under test.
interface Bridge {
  Accounts(): Promise<Account[]>;
  CompleteOnboarding(): Promise<void>;
  SyncNow(): Promise<unknown>;
  Transactions(filter: Record<string, unknown>): Promise<{rows: Transaction[]}>;
}

type WailsWindow = {go: {main: {App: Bridge}}};

function backend(page: Page) {
  return {
    accounts: () => page.evaluate(() => (window as unknown as WailsWindow).go.main.App.Accounts()),
    sync: () => page.evaluate(() => (window as unknown as WailsWindow).go.main.App.SyncNow()),
    onboarded: () => page.evaluate(() => (window as unknown as WailsWindow).go.main.App.CompleteOnboarding()),
    transactions: (accountId: string) =>
      page
        .evaluate(
          (id) => (window as unknown as WailsWindow).go.main.App.Transactions({accountIds: [id], sort: 'date', descending: true, limit: 200}),
          accountId,
        )
        .then((p) => p.rows),
  };
}

/**
 * openPay opens Pay & Transfer on the demo, past any first-run screen, once
 * the demo's accounts are cached (the startup sync; it syncs if they never
 * come), and returns the private accounts.
 */
async function openPay(page: Page): Promise<Account[]> {
  await page.goto('/');
  await expect(page.getByTestId('app-shell')).toBeVisible();
  const api = backend(page);
  await api.onboarded();
  const accounts = await privateAccounts(page);
  await page.goto('/#/pay');
  await page.reload();
  await expect(page.getByTestId('view-pay').getByRole('heading', {level: 1})).toHaveText('Pay & Transfer');
  return accounts;
}

async function privateAccounts(page: Page): Promise<Account[]> {
  const api = backend(page);
  let accounts: Account[] = [];
  for (let i = 0; i < 60; i++) {
    accounts = (await api.accounts()).filter((a) => a.kind === 'private' && a.balance !== undefined);
    if (accounts.length >= 2) {
      return accounts;
    }
    if (i === 20) {
      await api.sync().catch(() => undefined); // a startup sync may hold the lock: keep waiting
    }
    await page.waitForTimeout(1000);
  }
  throw new Error(`the demo's accounts were not cached: ${JSON.stringify(accounts)}`);
}

/** money is how the app shows cents: Intl en-ZA rands, with plain spaces as toHaveText compares them. */
function money(cents: number): string {
  return new Intl.NumberFormat('en-ZA', {style: 'currency', currency: 'ZAR'}).format(cents / 100).replace(/\s/g, ' ');
}

test('a transfer goes through the form, the review and the confirmation, then shows in both accounts with both balances moved by exactly the amount', async ({page}, info) => {
  const errors = watchErrors(page);
  const [from, to] = await openPay(page);
  if (!from || !to) {
    throw new Error('two accounts are needed');
  }
  // Each run (light, dark) uses its own references, so the runs do not depend on each other.
  const stamp = String(Date.now()).slice(-6);
  const myRef = `E2E transfer ${info.project.name} ${stamp}`;
  const theirRef = `E2E in ${stamp}`;
  const cents = 1234;

  const view = page.getByTestId('view-pay');
  await expect(view.getByTestId('pay-from')).toBeVisible();
  await view.getByTestId('pay-kind-transfer').check();
  await view.getByTestId('pay-from').selectOption(from.id);
  await view.getByTestId('pay-to').selectOption(to.id);
  await view.getByTestId('pay-amount').fill('12.34');
  await view.getByTestId('pay-my-ref').fill(myRef);
  await view.getByTestId('pay-their-ref').fill(theirRef);
  await view.getByTestId('pay-review-button').click();

  // The review shows exactly what will be sent; nothing has been sent yet.
  const review = view.getByTestId('pay-review');
  await expect(review.getByRole('heading', {level: 2})).toHaveText('Check the transfer before you send it');
  await expect(review.getByTestId('pay-review-from')).toContainText(`${from.referenceName} · ${from.number}`);
  await expect(review.getByTestId('pay-review-to')).toHaveText(`${to.referenceName} · ${to.number}`);
  await expect(review.getByTestId('pay-review-total')).toHaveText(money(cents));
  await expect(review.getByTestId('pay-review-my-ref')).toHaveText(myRef);
  await expect(review.getByTestId('pay-review-their-ref')).toHaveText(theirRef);
  const before = await backend(page).accounts();
  expect(before.find((a) => a.id === from.id)?.balance?.current).toBe(from.balance?.current);

  // Confirm by typing the amount again.
  await expect(review.getByTestId('pay-send')).toBeDisabled();
  await review.getByTestId('pay-confirm-input').fill('12.34');
  await page.screenshot({path: screenshotPath(info.project.name === 'light' ? 'pay.png' : `pay-${info.project.name}.png`), fullPage: true});
  await review.getByTestId('pay-send').click();

  const outcome = review.getByTestId('pay-outcome');
  await expect(outcome).toHaveAttribute('data-status', 'succeeded');
  await expect(outcome.getByTestId('pay-outcome-status')).toHaveText('Sent');
  await expect(outcome.getByTestId('pay-outcome-reference')).toContainText('Investec reference UBP');
  // The app syncs by itself afterwards.
  await expect(review.getByTestId('pay-sync-status')).toHaveAttribute('data-sync', 'done', {timeout: 60_000});

  // Both balances moved by exactly the amount, in integer cents.
  const after = await backend(page).accounts();
  const delta = (id: string) => {
    const b = before.find((a) => a.id === id)?.balance?.current;
    const a = after.find((x) => x.id === id)?.balance?.current;
    if (b === undefined || a === undefined) {
      throw new Error(`no balance for ${id}`);
    }
    return a - b;
  };
  expect(delta(from.id)).toBe(-cents);
  expect(delta(to.id)).toBe(cents);
  // The view shows the new balances too.
  const balances = review.getByTestId('pay-balances');
  for (const a of [from, to]) {
    const now = after.find((x) => x.id === a.id)?.balance?.current ?? 0;
    await expect(balances.locator(`[data-account="${a.id}"]`)).toContainText(`Balance ${money(now)}`);
  }

  // The transfer is in both accounts' transactions: a debit with my
  // reference and a credit with theirs.
  const out = (await backend(page).transactions(from.id)).filter((t) => t.description === myRef);
  const into = (await backend(page).transactions(to.id)).filter((t) => t.description === theirRef);
  expect(out.map((t) => [t.type, t.status, t.amount])).toEqual([['DEBIT', 'POSTED', cents]]);
  expect(into.map((t) => [t.type, t.status, t.amount])).toEqual([['CREDIT', 'POSTED', cents]]);

  // And in the journal, once the view has reloaded.
  const entry = view.getByTestId('pay-journal-row').filter({hasText: to.referenceName}).first();
  await expect(entry).toHaveAttribute('data-status', 'succeeded');
  expect(errors).toEqual([]);
});

test('a bad amount is refused before anything is sent, with the problem beside the field', async ({page}) => {
  const errors = watchErrors(page);
  await openPay(page);
  const view = page.getByTestId('view-pay');
  await view.getByTestId('pay-kind-transfer').check();
  await view.getByTestId('pay-amount').fill('1,5');
  await view.getByTestId('pay-my-ref').fill('Comma amount');
  await view.getByTestId('pay-their-ref').fill('Comma amount');
  await view.getByTestId('pay-review-button').click();

  const problem = view.getByTestId('field-error-amount');
  await expect(problem).toHaveText('Use a point for the cents, e.g. 10.50, and no commas.');
  const amount = view.getByTestId('pay-amount');
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  expect(await amount.getAttribute('aria-describedby')).toContain(await problem.getAttribute('id'));
  await expect(view.getByTestId('pay-review')).toHaveCount(0);
  // The references were fine, so nothing is said about them.
  await expect(view.getByTestId('field-error-myReference')).toHaveCount(0);
  expect(errors).toEqual([]);
});
