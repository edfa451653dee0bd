import {expect, test, type Page} from '@playwright/test';

import {callBound, cents, cliTransactions, ensureSynced, isoDay, screenshotPath} from './review-fixtures';

// The review feature against the real Go backend and the built-in demo
// bank: dashboard, charts, search, filters and totals (checked against the
// command-line program, a separate reader of the same cache), categories
// that survive a re-sync, rules, beneficiaries, the keyboard, and offline.

test.describe.configure({timeout: 240_000});

test.beforeEach(async ({page}) => {
  await ensureSynced(page);
});

async function openTransactions(page: Page, query = ''): Promise<void> {
  await page.goto(`/#/transactions${query}`);
  await expect(page.getByTestId('tx-count')).toBeVisible({timeout: 30_000});
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByTestId('tx-search').fill(text);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(text).replace(/%20/g, '(\\+|%20)')}`));
}

/** shownCount reads the filtered count the totals bar shows (its exact number). */
async function shownCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('tx-count').getAttribute('data-count'));
}

test('the dashboard shows the four demo accounts and draws the charts', async ({page}, info) => {
  await page.goto('/#/dashboard');
  const cards = page.getByTestId('account-card');
  await expect(cards).toHaveCount(4);
  const accounts = await callBound<{id: string; referenceName: string; profileId: string; balance?: {current: number}}[]>(page, 'Accounts');
  for (const a of accounts) {
    const card = page.locator(`[data-testid="account-card"][data-account-id="${a.id}"]`);
    await expect(card.getByTestId('account-reference')).toHaveText(a.referenceName);
    await expect(card.getByTestId('account-current')).toHaveAttribute('data-cents', String(a.balance?.current));
  }
  // With several profiles, the accounts are grouped by profile.
  const profiles = new Set(accounts.map((a) => a.profileId)).size;
  await expect(page.getByTestId('profile-heading')).toHaveCount(profiles > 1 ? profiles : 0);

  for (const chart of ['chart-balance', 'chart-inout', 'chart-spending']) {
    const drawing = page.getByTestId(`${chart}-drawing`);
    await expect(drawing).toBeVisible();
    // Real SVG with drawn data (paths for lines and bars), and a summary for screen readers.
    await expect.poll(() => drawing.locator('svg path').count()).toBeGreaterThan(10);
    await expect(drawing).toHaveAttribute('aria-label', /^.{40,}$/);
  }
  // The figures are also available as a table.
  await page.getByTestId('chart-inout').getByText('Show the figures').click();
  await expect(page.getByTestId('chart-inout-table').locator('tbody tr')).toHaveCount(12);

  if (info.project.name === 'light') {
    await page.getByTestId('chart-inout').getByText('Show the figures').click();
    await page.screenshot({path: screenshotPath('dashboard.png'), fullPage: true});
  }
});

test('search finds Woolworths, and the filtered totals match the command line', async ({page}, info) => {
  await openTransactions(page);
  await search(page, 'Woolworths');
  const all = cliTransactions(['--search', 'woolworths']);
  expect(all.length).toBeGreaterThan(20);
  await expect.poll(() => shownCount(page)).toBe(all.length);
  const rows = page.getByTestId('tx-row');
  await expect(rows.first()).toContainText('WOOLWORTHS');
  for (const text of await rows.allTextContents()) {
    expect(text.toUpperCase()).toContain('WOOLWORTHS');
  }

  // Narrow it: posted only, over a custom period (months well inside the
  // demo's two years of history).
  const now = new Date();
  const from = isoDay(new Date(now.getFullYear(), now.getMonth() - 7, 1));
  const to = isoDay(new Date(now.getFullYear(), now.getMonth() - 2, 0));
  await page.getByTestId('filter-status').selectOption('posted');
  await expect.poll(() => shownCount(page)).toBe(cliTransactions(['--search', 'woolworths', '--status', 'posted']).length);
  await page.getByTestId('filter-period').selectOption('custom');
  await page.getByTestId('filter-from').fill(from);
  await page.getByTestId('filter-to').fill(to);
  const narrowed = cliTransactions(['--search', 'woolworths', '--status', 'posted', '--from', from, '--to', to]);
  expect(narrowed.length).toBeGreaterThan(5);
  expect(narrowed.length).toBeLessThan(all.length);
  await expect.poll(() => shownCount(page)).toBe(narrowed.length);
  let out = 0n;
  let inn = 0n;
  for (const t of narrowed) {
    if (t.type === 'DEBIT') {
      out += cents(t.amount);
    } else {
      inn += cents(t.amount);
    }
  }
  await expect(page.getByTestId('tx-out')).toHaveAttribute('data-cents', out.toString());
  await expect(page.getByTestId('tx-in')).toHaveAttribute('data-cents', inn.toString());
  await expect(page.getByTestId('tx-net')).toHaveAttribute('data-cents', (inn - out).toString());

  // The filters are in the URL: Back undoes the last one.
  expect(new URL(page.url()).hash).toContain('status=posted');
  await page.goBack();
  await expect(page.getByTestId('filter-to')).toHaveValue('');
  await page.goBack();
  await page.goBack();
  await page.goBack();
  await expect.poll(() => shownCount(page)).toBe(all.length);
  await expect(page.getByTestId('tx-search')).toHaveValue('Woolworths');

  if (info.project.name === 'light') {
    await page.getByTestId('tx-row').nth(2).click();
    await expect(page.getByTestId('tx-panel-title')).toContainText('WOOLWORTHS');
    await page.screenshot({path: screenshotPath('transactions.png')});
  }
});

test('the table is driven by the keyboard', async ({page}) => {
  await openTransactions(page);
  await page.getByTestId('tx-row').first().waitFor();
  await page.getByTestId('tx-grid').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-testid="tx-row"][aria-selected="true"]')).toHaveAttribute('data-index', '2');
  await page.keyboard.press('Enter');
  const third = page.locator('[data-testid="tx-row"][data-index="2"]');
  const description = (await third.locator('[role="gridcell"]').nth(1).textContent()) ?? '';
  await expect(page.getByTestId('tx-panel-title')).toHaveText(description);
  await expect(page.getByTestId('tx-fields')).toContainText('UUID');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tx-panel')).toHaveCount(0);
  await expect(page.getByTestId('tx-grid')).toBeFocused();
  // Scroll far with the keyboard: the selected row is brought into view and loaded.
  await page.keyboard.press('End');
  const last = page.locator('[data-testid="tx-row"][aria-selected="true"]');
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('data-id', /\d+/);
  // "/" jumps to the search box.
  await page.keyboard.press('/');
  await expect(page.getByTestId('tx-search')).toBeFocused();
});

test('a category set by hand survives a re-sync', async ({page}, info) => {
  // The newest posted purchases lie inside the window every sync fetches
  // again, so their rows are replaced: the annotation must follow.
  await openTransactions(page, '?q=woolworths&status=posted');
  const pick = info.project.name === 'light' ? 0 : 1;
  const row = page.locator(`[data-testid="tx-row"][data-index="${String(pick)}"]`);
  await row.click();
  const panel = page.getByTestId('tx-panel');
  const uuid = ((await panel.locator('dd code').textContent()) ?? '').trim();
  expect(uuid).toMatch(/\d{10,}/);
  const note = `e2e ${info.project.name} ${String(Date.now())}`;
  await panel.getByTestId('annotation-category').selectOption('Entertainment');
  await panel.getByTestId('annotation-note').fill(note);
  await panel.getByTestId('annotation-save').click();
  await expect(panel.getByTestId('annotation-status')).toContainText('Saved');
  await expect(panel.getByTestId('category-origin')).toHaveAttribute('data-source', 'hand');
  await expect(row).toContainText('Entertainment');

  // Re-sync from the dashboard.
  await page.goto('/#/dashboard');
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-result')).toContainText('Synced', {timeout: 120_000});

  // Independently: the command line sees the annotation on the same transaction.
  const byUUID = cliTransactions(['--search', 'woolworths', '--status', 'posted']).find((t) => t.uuid === uuid);
  expect(byUUID).toMatchObject({category: 'Entertainment', note});

  // And the app shows it on the (new) row.
  await openTransactions(page, '?q=woolworths&status=posted');
  const again = page.locator(`[data-testid="tx-row"][data-index="${String(pick)}"]`);
  await again.click();
  await expect(page.getByTestId('tx-panel').locator('dd code')).toHaveText(uuid);
  await expect(page.getByTestId('annotation-category')).toHaveValue('Entertainment');
  await expect(page.getByTestId('annotation-note')).toHaveValue(note);
  await expect(page.getByTestId('category-origin')).toHaveAttribute('data-source', 'hand');
});

test('a rule categorises the cached transactions it matches, when applied', async ({page}, info) => {
  const name = `E2E ${info.project.name} ${String(Date.now()).slice(-6)}`;
  await page.goto('/#/transactions/categories');
  if (info.project.name === 'light') {
    await expect(page.getByTestId('category-row').first()).toBeVisible();
    await page.screenshot({path: screenshotPath('categories.png')});
  }
  await page.getByTestId('category-new').fill(name);
  await page.getByTestId('category-add').click();
  await expect(page.locator(`[data-testid="category-row"][data-name="${name}"]`)).toBeVisible();

  const form = page.getByTestId('rule-new');
  await form.getByTestId('rule-contains').fill('fasterpay lerato');
  await form.getByTestId('rule-category').selectOption(name);
  const matching = cliTransactions(['--search', 'fasterpay lerato']);
  expect(matching.length).toBeGreaterThan(0);
  await expect(page.getByTestId('rule-new-preview')).toContainText(`Matches ${String(matching.length)} cached transaction`);
  await form.getByTestId('rule-new-save-apply').click();
  await expect(page.getByTestId('rules-message')).toContainText('Rule added and applied');

  for (const t of cliTransactions(['--search', 'fasterpay lerato'])) {
    expect(t.category).toBe(name);
  }
  // The transactions view filters by the category and agrees.
  await openTransactions(page, `?cat=${encodeURIComponent(name)}`);
  await expect.poll(() => shownCount(page)).toBe(matching.length);

  // Clean up: delete the category, leaving those transactions uncategorised.
  await page.goto('/#/transactions/categories');
  const row = page.locator(`[data-testid="category-row"][data-name="${name}"]`);
  await row.getByTestId('category-delete').click();
  await expect(page.getByTestId('category-delete-form')).toContainText(`${String(matching.length)} transaction`);
  await page.getByTestId('category-delete-confirm').click();
  await expect(row).toHaveCount(0);
  expect(cliTransactions(['--search', 'fasterpay lerato']).filter((t) => t.category === name)).toEqual([]);
});

test('beneficiaries are listed from the cache', async ({page}, info) => {
  await page.goto('/#/dashboard');
  await page.getByTestId('link-beneficiaries').click();
  await expect(page.getByTestId('view-beneficiaries')).toBeVisible();
  const rows = page.getByTestId('beneficiary-row');
  await expect.poll(() => rows.count()).toBeGreaterThan(3);
  const bens = await callBound<{name: string; fasterPaymentAllowed: boolean}[]>(page, 'CachedBeneficiaries');
  await expect(rows).toHaveCount(bens.length);
  await expect(page.getByTestId('faster-badge')).toHaveCount(bens.filter((b) => b.fasterPaymentAllowed).length);
  if (info.project.name === 'light') {
    await page.screenshot({path: screenshotPath('beneficiaries.png')});
  }
  await page.getByTestId('beneficiary-search').fill(bens[0]?.name ?? '');
  await expect(rows.first()).toContainText(bens[0]?.name ?? '');
});

test('offline, the cached data stays and the dashboard says so', async ({page}, info) => {
  await callBound(page, 'SetDemoOffline', true);
  try {
    await page.goto('/#/dashboard');
    await page.getByTestId('sync-now').click();
    const banner = page.getByTestId('dashboard-offline');
    await expect(banner).toBeVisible({timeout: 60_000});
    await expect(banner).toContainText(/Offline: showing data synced (just now|\d+ min ago|\d+ h ago)/);
    await expect(page.getByTestId('account-card')).toHaveCount(4);
    if (info.project.name === 'light') {
      await page.screenshot({path: screenshotPath('offline.png')});
    }
    await openTransactions(page, '?q=woolworths');
    await expect.poll(() => shownCount(page)).toBeGreaterThan(0);
    await expect(page.getByTestId('tx-row').first()).toContainText('WOOLWORTHS');
  } finally {
    await callBound(page, 'SetDemoOffline', false);
    // Back online for the tests that follow.
    await expect.poll(async () => (await callBound<{errorCode: string}>(page, 'SyncNow').catch(() => ({errorCode: 'busy'}))).errorCode, {timeout: 120_000}).toBe('');
  }
});
