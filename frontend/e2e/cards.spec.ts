import {mkdirSync} from 'node:fs';
import {join} from 'node:path';

import {expect, test, type Page} from '@playwright/test';

import {bound} from './support';

const screenshots = join(import.meta.dirname, 'screenshots');
mkdirSync(screenshots, {recursive: true});

// Page errors the Wails dev bridge is known to raise in a plain browser.
const harmless = [/reading 'nodes'/];

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => {
    if (!harmless.some((re) => re.test(e.message))) {
      errors.push(e.message);
    }
  });
  return errors;
}

/** cardCode declines one merchant by name and approves everything else. */
function cardCode(merchant: string): string {
  return [
    '// Written by the end-to-end test.',
    'const beforeTransaction = async (authorization) => {',
    `  if (authorization.merchant.name === ${JSON.stringify(merchant)}) {`,
    "    console.log('blocked ' + authorization.merchant.name + ' for ' + authorization.centsAmount + ' cents');",
    '    return false;',
    '  }',
    '  return true;',
    '};',
    '',
  ].join('\n');
}

test('edit card code, simulate a decline locally and on Investec, publish it after the diff, and find the runs in the log', async ({page}, info) => {
  const errors = watchErrors(page);
  // Each run (light, dark) writes its own rule, so the runs do not depend on each other.
  const merchant = `E2E Blocked Bakery ${info.project.name} ${String(Date.now())}`;

  await page.goto('/#/cards');
  const view = page.getByTestId('view-cards');
  await expect(view.getByRole('heading', {level: 1})).toHaveText('Cards');
  await expect(view.getByTestId('card-list').getByTestId('card-select').first()).toHaveAttribute('aria-pressed', 'true');
  await expect(view.getByTestId('code-status')).toContainText('Saved version');

  // Replace the editor's text, as a person would: select all and type.
  await view.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(cardCode(merchant));
  await expect(view.getByTestId('code-status')).toContainText('unsaved changes');
  await expect(view.getByTestId('code-syntax')).toHaveCount(0);

  // The unsaved code declines the chosen merchant in the offline emulator...
  await view.getByTestId('sim-amount').fill('250.00');
  await view.getByTestId('sim-merchant').fill(merchant);
  await view.getByTestId('run-local').click();
  const local = view.getByTestId('result-local');
  await expect(local.getByTestId('result-local-verdict')).toContainText('Declined');
  await expect(local.getByTestId('result-local-where')).toContainText('Ran locally');
  await expect(local.getByTestId('execution-source').first()).toHaveText('Local emulator');
  await expect(local.getByTestId('log-line').first()).toContainText(`blocked ${merchant} for 25000 cents`);

  // ...and in Investec's simulator (the built-in demo bank).
  await view.getByTestId('run-investec').click();
  const remote = view.getByTestId('result-investec');
  await expect(remote.getByTestId('result-investec-verdict')).toContainText('Declined');
  await expect(remote.getByTestId('result-investec-where')).toContainText('Ran on Investec');
  await expect(remote.getByTestId('execution-source').first()).toHaveText('Investec simulation');
  await expect(remote.getByTestId('log-line').first()).toContainText(`blocked ${merchant}`);

  // Another merchant is approved.
  await view.getByTestId('sim-merchant').fill('Somewhere Else');
  await view.getByTestId('run-local').click();
  await expect(local.getByTestId('result-local-verdict')).toContainText('Approved');
  if (info.project.name === 'light') {
    await view.getByTestId('result-investec').scrollIntoViewIfNeeded();
    await page.screenshot({path: join(screenshots, 'cards.png')});
  }

  // Save, then publish after confirming the diff of what goes live.
  await view.getByTestId('code-save').click();
  await expect(view.getByTestId('code-message')).toContainText('Saved as version');
  await expect(view.getByTestId('code-status')).toContainText('not published yet');
  await view.getByTestId('code-publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog.getByRole('heading')).toContainText('Publish the saved code');
  const diff = dialog.getByTestId('publish-diff');
  await expect(diff).toBeVisible();
  await expect(diff.locator('.cm-mergeView')).toBeVisible();
  await expect(diff).toContainText(merchant);
  await expect(diff.getByTestId('diff-summary')).toContainText('added');
  await expect(dialog.getByRole('button', {name: 'Cancel'})).toBeFocused();
  if (info.project.name === 'light') {
    await page.screenshot({path: join(screenshots, 'cards-publish.png')});
  }
  await dialog.getByTestId('dialog-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(view.getByTestId('code-message')).toContainText('Published version');
  await expect(view.getByTestId('code-status')).toContainText(', published');

  // The simulation on Investec is in the execution log, marked as such; the
  // local run is there too, marked local.
  const log = view.getByTestId('execution-log');
  await log.getByTestId('filter-text').fill(merchant);
  await log.getByTestId('filter-source').selectOption('simulated');
  const simulated = log.getByTestId('execution');
  await expect(simulated.first()).toBeVisible();
  await expect(simulated.first().getByTestId('execution-source')).toHaveText('Investec simulation');
  await expect(simulated.first().getByTestId('execution-verdict')).toHaveText('Declined');
  await log.getByTestId('filter-source').selectOption('local');
  await expect(log.getByTestId('execution').first().getByTestId('execution-source')).toHaveText('Local emulator');
  await log.getByTestId('filter-source').selectOption('real');
  await log.getByTestId('filter-text').fill('');
  await expect(log.getByTestId('execution').first().getByTestId('execution-source')).toHaveText('Real card transaction');

  // The published code is what the card now has, after a reload too.
  await page.reload();
  await expect(view.getByTestId('code-status')).toContainText(', published');
  await expect(view.locator('.cm-content')).toContainText(merchant);
  expect(errors).toEqual([]);
});

test('the programmable feature is switched only after confirmation', async ({page}) => {
  await page.goto('/#/cards');
  const view = page.getByTestId('view-cards');
  const card = view.getByTestId('card-list').locator('li').last();
  await expect(card.getByTestId('card-programmable')).toHaveText('Programmable on');
  await card.getByTestId('card-toggle').click();
  const dialog = page.getByTestId('toggle-dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(card.getByTestId('card-programmable')).toHaveText('Programmable on');

  await card.getByTestId('card-toggle').click();
  await page.getByTestId('toggle-dialog').getByTestId('dialog-confirm').click();
  await expect(card.getByTestId('card-programmable')).toHaveText('Programmable off');
  // Switch it back so the demo card stays as it was.
  await card.getByTestId('card-toggle').click();
  await page.getByTestId('toggle-dialog').getByTestId('dialog-confirm').click();
  await expect(card.getByTestId('card-programmable')).toHaveText('Programmable on');
});

/** demoBackOnline switches the demo bank back on and waits until a sync says the app is online, for the specs that follow. */
async function demoBackOnline(page: Page): Promise<void> {
  await bound(page, 'SetDemoOffline', false);
  await expect(async () => {
    await bound(page, 'SyncNow').catch(() => undefined); // a sync already running is fine
    expect(await bound<{net: string}>(page, 'Status')).toMatchObject({net: 'online'});
  }).toPass({timeout: 30_000});
}

test('offline, the cached cards are shown and Run locally still gives a verdict', async ({page}, info) => {
  const errors = watchErrors(page);
  const merchant = `E2E Offline Bakery ${info.project.name} ${String(Date.now())}`;
  // Seen once online: the cards, their code and their variables are kept.
  await page.goto('/#/cards');
  const view = page.getByTestId('view-cards');
  await expect(view.getByTestId('code-status')).toContainText('Saved version');
  await expect(view.getByTestId('env-editor')).toBeVisible();
  await expect(view.getByTestId('cards-offline')).toHaveCount(0);

  try {
    await page.goto('/#/settings');
    const toggle = page.getByRole('switch', {name: 'Simulate being offline'});
    await expect(toggle).not.toBeChecked();
    await toggle.click();
    await expect(toggle).toBeChecked();

    await page.goto('/#/cards');
    const notice = view.getByTestId('cards-offline');
    await expect(notice).toContainText('Offline: showing your cards as last seen');
    await expect(notice).toContainText('Run locally works; saving, publishing and running on Investec need the connection.');
    await expect(view.getByTestId('code-status')).toContainText('from the history on this computer');
    await expect(view.getByTestId('env-cached')).toBeVisible();
    await expect(view.getByTestId('run-investec')).toBeDisabled();
    await expect(view.getByTestId('code-publish')).toBeDisabled();
    await expect(view.getByTestId('card-toggle').first()).toBeDisabled();

    await view.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(cardCode(merchant));
    await expect(view.getByTestId('code-save')).toBeDisabled();
    await view.getByTestId('sim-amount').fill('42.00');
    await view.getByTestId('sim-merchant').fill(merchant);
    await view.getByTestId('run-local').click();
    const local = view.getByTestId('result-local');
    await expect(local.getByTestId('result-local-verdict')).toContainText('Declined');
    await expect(local.getByTestId('log-line').first()).toContainText(`blocked ${merchant} for 4200 cents`);
    if (info.project.name === 'light') {
      await page.getByTestId('main').evaluate((el) => {
        el.scrollTo(0, 0);
      });
      await page.screenshot({path: join(screenshots, 'cards-offline.png')});
    }

    // Back online in Settings: the live list replaces the cached one.
    await page.goto('/#/settings');
    await page.getByRole('switch', {name: 'Simulate being offline'}).click();
    await expect(page.getByRole('switch', {name: 'Simulate being offline'})).not.toBeChecked();
    await page.goto('/#/cards');
    await expect(view.getByTestId('code-status')).toContainText('Saved version');
    await expect(view.getByTestId('cards-offline')).toHaveCount(0);
    await expect(view.getByTestId('run-investec')).toBeEnabled();
  } finally {
    await demoBackOnline(page);
  }
  expect(errors).toEqual([]);
});
