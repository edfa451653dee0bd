import {expect, test, type Page} from '@playwright/test';

import {bound, screenshotPath, watchErrors} from './support';

/**
 * Investec's published Private Banking sandbox credentials (public, from
 * Investec's API documentation); the built-in demo bank accepts them as
 * Investec's sandbox does.
 */
const published = {
  clientId: 'yAxzQRFX97vOcyQAwluEU6H6ePxMA5eY',
  clientSecret: '4dY0PjEYqoBrZ99r',
  apiKey: 'eUF4elFSRlg5N3ZPY3lRQXdsdUVVNkg2ZVB4TUE1ZVk6YVc1MlpYTjBaV010ZW1FdGNHSXRZV05qYjNWdWRITXRjMkZ1WkdKdmVBPT0=',
};

/**
 * showWelcome brings the first-run page back the way a person would (Settings →
 * "Show the welcome page again"), so each test starts from it whatever ran
 * before, then opens the app at its root as a fresh start does.
 */
async function showWelcome(page: Page): Promise<void> {
  await page.goto('/#/settings');
  await page.getByTestId('restart-onboarding').click();
  await expect(page).toHaveURL(/#\/welcome$/);
  await page.goto('/');
  await expect(page).toHaveURL(/#\/welcome$/);
  await expect(page.getByRole('heading', {level: 1})).toHaveText('Welcome to Investec Desk');
}

test.afterEach(async ({page}) => {
  // Whatever happened, leave the app onboarded on the demo for the other specs.
  await bound(page, 'CompleteOnboarding');
});

test('first run: the welcome page in the shell, then the demo and its four accounts on the Dashboard', async ({page}, info) => {
  const errors = watchErrors(page);
  await showWelcome(page);

  // The shell is there around it.
  await expect(page.getByRole('navigation', {name: 'Main'})).toBeVisible();
  await expect(page.getByTestId('topbar')).toBeVisible();
  const choices = page.getByRole('list', {name: 'Ways to start'}).getByRole('heading', {level: 2});
  await expect(choices).toHaveText(['Explore with demo data', 'Investec sandbox', 'Connect my Investec account']);
  // The demo is the default: first, primary and focused.
  const demo = page.getByTestId('choose-demo');
  await expect(demo).toBeFocused();
  await expect(demo).toHaveClass(/button--primary/);
  await page.screenshot({path: screenshotPath(info.project.name === 'light' ? 'onboarding.png' : 'onboarding-dark.png'), fullPage: true});

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/dashboard$/);
  expect(await bound<{onboarded: boolean; connection: {kind: string}}>(page, 'Status')).toMatchObject({onboarded: true, connection: {kind: 'demo'}});

  // The demo bank syncs when the app starts: wait for its accounts.
  await expect(async () => {
    await page.goto('/#/dashboard');
    await expect(page.getByTestId('account-card')).toHaveCount(4, {timeout: 3_000});
  }).toPass({timeout: 90_000});
  await expect(page.getByTestId('connection-name')).toHaveText('Demo');

  // Opening the app again goes straight to the Dashboard now.
  await page.goto('/');
  await expect(page).toHaveURL(/#\/dashboard$/);
  expect(errors).toEqual([]);
});

test('connect my account: empty fields are refused beside each field, and a bad secret is refused by the bank', async ({page}) => {
  const errors = watchErrors(page);
  await showWelcome(page);
  await page.getByTestId('choose-connect').click();
  const form = page.getByTestId('connect-form');
  await expect(form.getByTestId('connect-guide')).toContainText('Manage → Investec Developer → Individual Connections');
  await expect(form.getByTestId('input-name')).toHaveValue('My Investec');

  await form.getByTestId('connect-save').click();
  await expect(form.getByTestId('field-error-clientId')).toHaveText('Enter the client ID from Investec Online.');
  await expect(form.getByTestId('field-error-clientSecret')).toHaveText('Enter the client secret from Investec Online.');
  await expect(form.getByTestId('field-error-apiKey')).toHaveText('Enter the API key from Investec Online.');
  await expect(form.getByTestId('input-clientSecret')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByTestId('connect-problem')).toHaveCount(0);

  // Point the form at the demo bank, which answers like Investec.
  const demoBank = await bound<string>(page, 'DemoBankURL');
  expect(demoBank).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await form.getByText('Advanced: a custom base URL').click();
  await form.getByTestId('use-custom').check();
  await form.getByTestId('input-baseUrl').fill(demoBank);
  await form.getByTestId('input-clientId').fill(published.clientId);
  await form.getByTestId('input-clientSecret').fill('not-the-right-secret');
  await form.getByTestId('input-apiKey').fill(published.apiKey);
  await form.getByTestId('connect-test').click();
  const refused = form.getByTestId('test-result');
  await expect(refused).toHaveAttribute('data-ok', 'false');
  await expect(refused).toContainText('Investec refused the credentials');
  await expect(refused).toContainText('Check the client ID, client secret and API key.');

  // The right secret: what the key may do, and the accounts it sees.
  await form.getByTestId('input-clientSecret').fill(published.clientSecret);
  await form.getByTestId('connect-test').click();
  const ok = form.getByTestId('test-result');
  await expect(ok).toHaveAttribute('data-ok', 'true');
  await expect(ok.getByTestId('granted').getByRole('listitem')).toHaveText([
    '✓ Account name and number',
    '✓ Account balance',
    '✓ Transactions',
    '✓ Inter-account transfers',
    '✓ Beneficiary payments',
    '✓ Statements',
    '✓ Tax certificates',
    '✓ Card code',
  ]);
  await expect(ok.getByTestId('accounts').getByRole('listitem')).toHaveCount(4);
  await expect(ok.getByTestId('missing')).toHaveCount(0);

  // Testing stored nothing: still only the demo.
  const list = await bound<{name: string}[]>(page, 'Connections');
  expect(list.map((c) => c.name)).not.toContain('My Investec');
  expect(errors).toEqual([]);
});
