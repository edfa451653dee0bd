import {readFileSync, statSync} from 'node:fs';

import {expect, test, type Locator, type Page} from '@playwright/test';

import {screenshotPath, watchErrors} from './support';

/**
 * openWhenSynced opens a view, reloading until the demo bank's first sync
 * (started with the app) has put accounts in the cache and the view shows
 * ready.
 */
async function openWhenSynced(page: Page, hash: string, ready: (p: Page) => Locator): Promise<void> {
  await expect(async () => {
    await page.goto(hash);
    await expect(ready(page)).toBeVisible({timeout: 3_000});
  }).toPass({timeout: 90_000});
}

/**
 * recordProgress notes every value the export's progress bar shows, so a
 * test can prove progress was shown even when the export is quick.
 */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as {exportProgressSeen: string[]}).exportProgressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="export-progressbar"]');
      const v = bar?.getAttribute('aria-valuenow');
      if (v !== null && v !== undefined && seen.at(-1) !== v) {
        seen.push(v);
      }
    }).observe(document.body, {subtree: true, childList: true, attributes: true});
  });
}

async function progressSeen(page: Page): Promise<number[]> {
  const seen = await page.evaluate(() => (window as unknown as {exportProgressSeen: string[]}).exportProgressSeen);
  return seen.map(Number);
}

/**
 * screenshot saves the whole view for the README: the window is made as
 * tall as the view (the shell scrolls inside its main area, which a
 * full-page screenshot does not see).
 */
async function screenshot(page: Page, name: string): Promise<void> {
  const height = await page.getByRole('main').evaluate((el) => el.scrollHeight);
  await page.setViewportSize({width: 1280, height: Math.min(Math.max(height + 80, 800), 2400)});
  await page.screenshot({path: screenshotPath(name)});
  await page.setViewportSize({width: 1280, height: 800});
}

/** The folder exports go to in this run (scripts/e2e.sh sets it). */
const exportDir = process.env.INVESTEC_DESK_EXPORT_DIR;

function expectWritten(path: string, magic: string): void {
  if (exportDir) {
    expect(path.startsWith(`${exportDir}/`), `${path} is in ${exportDir}`).toBe(true);
  }
  const st = statSync(path);
  expect(st.size).toBeGreaterThan(1000);
  expect(st.mode & 0o077, 'an export is readable by its owner only').toBe(0);
  expect(readFileSync(path).subarray(0, magic.length).toString('latin1')).toBe(magic);
}

test('export the last tax year as an Excel workbook: progress, then every account reconciles', async ({page}, info) => {
  const errors = watchErrors(page);
  await openWhenSynced(page, '/#/export', (p) => p.getByTestId('export-form'));
  const view = page.getByTestId('view-export');
  await expect(view.getByRole('heading', {level: 1})).toHaveText('Export');
  await expect(view.getByTestId('period-last_tax_year')).toBeChecked();
  await expect(view.getByTestId('accounts-all')).toBeChecked();
  await expect(view.getByTestId('format-xlsx')).toBeChecked();
  await expect(view.getByTestId('period-resolved')).toHaveText(/^1 Mar \d{4} to 28 Feb \d{4}, by posting date$|^1 Mar \d{4} to 29 Feb \d{4}, by posting date$/);
  await expect(view.getByTestId('export-destination')).toHaveText(/Investec \d{4}-\d\d statements( \(\d+\))?\.xlsx$/);

  await recordProgress(page);
  await view.getByTestId('export-start').click();
  const done = view.getByTestId('export-done');
  await expect(done).toBeVisible({timeout: 30_000});
  const seen = await progressSeen(page);
  expect(seen.length, 'the progress bar was shown').toBeGreaterThan(0);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));

  await expect(done).toContainText('Excel workbook exported');
  await expect(view.getByTestId('export-reconciled')).toContainText('Every account reconciles');
  const statuses = view.getByTestId('reconciliation-status');
  await expect(statuses).toHaveCount(4);
  await expect(statuses).toHaveText(['\u2713OK', '\u2713OK', '\u2713OK', '\u2713OK']);
  await expect(view.getByTestId('export-show')).toBeVisible();
  await expect(view.getByTestId('export-announce')).toContainText('Export finished');
  expectWritten(await view.getByTestId('export-path').innerText(), 'PK');

  await screenshot(page, info.project.name === 'light' ? 'export.png' : 'export-dark.png');

  // Back to the form for the next export.
  await view.getByTestId('export-again').click();
  await expect(view.getByTestId('export-done')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('make the accountant pack of the last tax year as a zip', async ({page}) => {
  const errors = watchErrors(page);
  await openWhenSynced(page, '/#/export', (p) => p.getByTestId('export-form'));
  const view = page.getByTestId('view-export');
  await view.getByTestId('format-pack').click();
  await expect(view.getByTestId('pack-zip')).toBeChecked();
  await expect(view.getByTestId('pack-documents')).toBeChecked();
  await expect(view.getByTestId('export-destination')).toHaveText(/accountant pack( \(\d+\))?\.zip$/);
  await recordProgress(page);
  await view.getByTestId('export-start').click();
  const done = view.getByTestId('export-done');
  await expect(done).toBeVisible({timeout: 60_000});
  expect((await progressSeen(page)).length).toBeGreaterThan(0);
  await expect(done).toContainText('Accountant pack exported');
  await expect(view.getByTestId('reconciliation-status')).toHaveText(['\u2713OK', '\u2713OK', '\u2713OK', '\u2713OK']);
  expectWritten(await view.getByTestId('export-path').innerText(), 'PK');
  expect(errors).toEqual([]);
});

test('list statements by account and download one', async ({page}, info) => {
  const errors = watchErrors(page);
  await openWhenSynced(page, '/#/statements', (p) => p.getByTestId('document-row').first());
  const view = page.getByTestId('view-statements');
  await expect(view.getByRole('heading', {level: 1})).toHaveText('Statements');
  await expect(view.locator('table')).toHaveCount(4);
  await expect(view.getByTestId('statements-offline')).toHaveCount(0);

  // A statement not downloaded yet (the other colour scheme's run may have
  // downloaded one already).
  const candidate = view.locator('[data-testid="document-row"][data-downloaded="false"]').filter({hasText: 'Statement'}).first();
  const index = await candidate.evaluate((el) => Array.from(document.querySelectorAll('[data-testid="document-row"]')).indexOf(el));
  const row = view.getByTestId('document-row').nth(index);
  await expect(row.getByTestId('document-status')).toHaveText('Not downloaded');
  await row.getByTestId('document-download').click();
  await expect(row.getByTestId('document-status')).toHaveText(/^Downloaded · \d+ KB$/, {timeout: 20_000});
  await expect(row).toHaveAttribute('data-downloaded', 'true');
  await expect(row.getByTestId('document-download')).toHaveCount(0);
  await expect(row.getByTestId('document-open')).toBeEnabled();

  await view.getByTestId('statements-account').selectOption({index: 1});
  await expect(view.locator('table')).toHaveCount(1);
  await screenshot(page, info.project.name === 'light' ? 'statements.png' : 'statements-dark.png');
  expect(errors).toEqual([]);
});
