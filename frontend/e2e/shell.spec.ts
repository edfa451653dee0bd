import {readFileSync} from 'node:fs';

import {expect, test, type Page} from '@playwright/test';

import {screenshotPath, watchErrors} from './support';

import {expectedViews} from './views';

/**
 * openApp opens the app at its root as a person who has finished the welcome
 * page (onboarding.spec.ts covers the first run), whichever spec ran before.
 */
async function openApp(page: Page): Promise<void> {
  await page.goto('/#/settings');
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await page.evaluate(() => (window as unknown as {go: {main: {App: {CompleteOnboarding(): Promise<void>}}}}).go.main.App.CompleteOnboarding());
  await page.goto('/');
  await expect(page).toHaveURL(/#\/dashboard$/);
  await expect(page.getByTestId('app-shell')).toBeVisible();
}

test('the shell renders, talks to the Go backend and reports itself ready', async ({page}, info) => {
  const errors = watchErrors(page, {consoleErrors: true});
  await openApp(page);

  await expect(page).toHaveTitle('Investec Desk');
  await expect(page).toHaveURL(/#\/dashboard$/);
  await expect(page.getByRole('heading', {level: 1})).toHaveText('Dashboard');
  const nav = page.getByRole('navigation', {name: 'Main'});
  await expect(nav.getByRole('link')).toHaveText(expectedViews.map((v) => v.label));
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('banner')).toBeVisible();

  // The bindings are there, so the no-backend banner is not, and the top
  // bar shows the backend's active connection.
  await expect(page.getByTestId('backend-banner')).toHaveCount(0);
  await expect(page.getByTestId('connection-name')).not.toHaveText('No connection');
  await expect(page.getByTestId('connection-name')).not.toBeEmpty();
  // A real round trip to Go: AppInfo fills in the version.
  await expect(page.getByTestId('sidebar-footer')).toHaveText(/^Version \S+/);
  await nav.getByRole('link', {name: 'Settings'}).click();
  await expect(page.getByTestId('about-name')).toHaveText('Investec Desk');
  await expect(page.getByTestId('theme-status')).toContainText(info.project.name);

  const readyFile = process.env.E2E_READY_FILE;
  if (readyFile) {
    await expect
      .poll(() => {
        try {
          return JSON.parse(readFileSync(readyFile, 'utf8')) as unknown;
        } catch {
          return undefined;
        }
      })
      .toEqual({title: 'Investec Desk', views: expectedViews.map((v) => v.id), theme: info.project.name});
  }
  expect(errors).toEqual([]);
});

test('every sidebar item opens its view, by mouse', async ({page}, info) => {
  const errors = watchErrors(page, {consoleErrors: true});
  await openApp(page);
  const nav = page.getByRole('navigation', {name: 'Main'});
  for (const v of expectedViews) {
    const link = nav.getByRole('link', {name: v.label, exact: true});
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${v.hash}$`));
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    const view = page.getByTestId(`view-${v.id}`);
    await expect(view.getByRole('heading', {level: 1})).toHaveText(v.label);
    // The demo bank fills every view; each view's empty state (no data yet,
    // or data that could not load) is covered in src/Shell.test.tsx.
    await expect(page.getByTestId('backend-banner')).toHaveCount(0);
    await page.screenshot({path: screenshotPath(`${info.project.name}-${v.id}.png`)});
  }
  expect(errors).toEqual([]);
});

test('every sidebar item opens its view, by keyboard alone', async ({page}) => {
  const errors = watchErrors(page, {consoleErrors: true});
  await openApp(page);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('skip-link')).toBeVisible();
  await page.keyboard.press('Tab');
  const nav = page.getByRole('navigation', {name: 'Main'});
  for (const [i, v] of expectedViews.entries()) {
    if (i > 0) {
      await page.keyboard.press('ArrowDown');
    }
    const link = nav.getByRole('link', {name: v.label, exact: true});
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`${v.hash}$`));
    await expect(page.getByTestId(`view-${v.id}`).getByRole('heading', {level: 1})).toHaveText(v.label);
    await expect(link).toHaveAttribute('aria-current', 'page');
  }
  // The focus ring is drawn (not suppressed) on the focused item.
  const outline = await nav.getByRole('link', {name: 'Settings'}).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');

  expect(errors).toEqual([]);
});

test('the skip link is the first Tab stop and moves focus to main', async ({page}) => {
  await openApp(page);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('skip-link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  // Following it did not change the route.
  await expect(page).toHaveURL(/#\/dashboard$/);
});

test('Back and Forward move between views; unknown routes stay in the shell', async ({page}) => {
  await openApp(page);
  const nav = page.getByRole('navigation', {name: 'Main'});
  await nav.getByRole('link', {name: 'Transactions'}).click();
  await nav.getByRole('link', {name: 'Cards'}).click();
  await expect(page.getByRole('heading', {level: 1})).toHaveText('Cards');
  await page.goBack();
  await expect(page.getByRole('heading', {level: 1})).toHaveText('Transactions');
  await page.goForward();
  await expect(page.getByRole('heading', {level: 1})).toHaveText('Cards');

  await page.goto('/#/no-such-view');
  await expect(page.getByRole('heading', {level: 1})).toHaveText('Page not found');
  await page.getByRole('link', {name: 'Go to the Dashboard'}).click();
  await expect(page).toHaveURL(/#\/dashboard$/);
});

test('the theme follows the colour scheme', async ({page}, info) => {
  await openApp(page);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-theme', info.project.name);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  // tokens.css: --color-bg is #f4f6f9 (light) or #0b121b (dark).
  expect(bg).toBe(info.project.name === 'dark' ? 'rgb(11, 18, 27)' : 'rgb(244, 246, 249)');
  // Money and other figures use the bundled font, not a network one.
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(font).toContain('Inter Variable');
});

test('a failing Go call reaches the gateway as an AppError with its code', async ({page}) => {
  await openApp(page);
  // Through the real gateway module and generated binding, as vite serves them.
  const result = await page.evaluate(async () => {
    const apiPath = '/src/lib/api/index.ts';
    const bindingPath = '/wailsjs/go/main/App.js';
    const api = (await import(apiPath)) as typeof import('../src/lib/api');
    const binding = (await import(bindingPath)) as typeof import('../wailsjs/go/main/App');
    try {
      await api.call(() => binding.Transaction(987654321));
      return {resolved: true};
    } catch (e) {
      return {isAppError: e instanceof api.AppError, code: (e as {code?: string}).code, message: (e as Error).message};
    }
  });
  expect(result).toMatchObject({isAppError: true, code: 'not_found'});
  expect(result.message).not.toMatch(/object Object|^\{/);
});
