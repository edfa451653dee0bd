import {expect, test, type Page} from '@playwright/test';

import {callBound} from './review-fixtures';

// Browser measurements of the transaction list (for `make bench`, through
// scripts/bench-browser.sh on a 1,000,000-row cache; in the ordinary e2e run
// the same code measures the small demo cache). They print figures, each
// beside a raw baseline measured in the same run on the same machine; they
// assert only that the list works, never a time: shared machines are noisy.
//
//   first page: from asking for the Transactions view to its first rows of
//               data on screen, beside a blank navigation (to Settings) and
//               the bound Transactions() call alone;
//   search:     from the last keystroke of a search to its results on
//               screen (this includes the deliberate 40 ms typing pause;
//               the time after it is printed too), beside the bound
//               Transactions() call for that search alone.
//
// scripts/bench-browser.sh serves the production build of the frontend (as
// the desktop app ships it); `wails dev`'s own vite server runs React's
// development build, which is several times slower to render.

test.describe.configure({timeout: 600_000});

const runs = Number(process.env.PERF_RUNS ?? '7');
/** pauseMs is the typing pause before a search runs (SEARCH_DEBOUNCE_MS in TransactionsView). */
const pauseMs = 40;
const term = process.env.PERF_SEARCH ?? 'woolworths';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function line(label: string, xs: number[]): string {
  return `${label.padEnd(52)} median ${median(xs).toFixed(1).padStart(7)} ms   min ${Math.min(...xs).toFixed(1).padStart(7)}   max ${Math.max(...xs).toFixed(1).padStart(7)}   (n=${String(xs.length)})`;
}

/**
 * Action is what a measurement starts with, done inside the page: a
 * navigation, or typing a word into the search box at a person's pace (a
 * key every gapMs); the clock starts at the last key.
 */
type Action = {hash: string} | {type: string; gapMs: number};
/** Until is what ends a measurement: an element present, or search results shown. */
type Until = {selector: string} | {count: string; search: string};

/**
 * inPage measures, inside the page, from doing action until the condition
 * holds on an animation frame (so the time includes rendering).
 */
async function inPage(page: Page, action: Action, until: Until): Promise<number> {
  return page.evaluate(
    async ({action, until}) => {
      const done = (): boolean => {
        if ('selector' in until) {
          return document.querySelector(until.selector) !== null;
        }
        // The totals of that very search, and its first row drawn.
        const totals = document.querySelector('[data-testid="tx-count"]');
        const row = document.querySelector('[data-testid="tx-row"][data-id]')?.textContent ?? '';
        return (
          totals?.getAttribute('data-search') === until.search &&
          totals.getAttribute('data-count') === until.count &&
          row.toLowerCase().includes(until.search.toLowerCase())
        );
      };
      let t0 = performance.now();
      if ('hash' in action) {
        location.hash = action.hash;
      } else {
        const el = document.querySelector<HTMLInputElement>('[data-testid="tx-search"]');
        if (!el) {
          throw new Error('no search box');
        }
        for (let i = 1; i <= action.type.length; i++) {
          if (i > 1) {
            await new Promise((r) => setTimeout(r, action.gapMs));
          }
          // React tracks the value: set it through the prototype, as typing does.
          Reflect.set(HTMLInputElement.prototype, 'value', action.type.slice(0, i), el);
          el.dispatchEvent(new Event('input', {bubbles: true}));
        }
        t0 = performance.now();
      }
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        if (done()) {
          return performance.now() - t0;
        }
        if (performance.now() - t0 > 60_000) {
          throw new Error('not done after 60 s');
        }
      }
    },
    {action, until},
  );
}

/** boundCall times one bound Transactions() call from the page. */
async function boundCall(page: Page, filter: Record<string, unknown>): Promise<number> {
  return page.evaluate(async (f) => {
    const app = (window as unknown as {go: {main: {App: {Transactions: (f: unknown) => Promise<unknown>}}}}).go.main.App;
    const t0 = performance.now();
    await app.Transactions(f);
    return performance.now() - t0;
  }, filter);
}

const firstRowShown: Until = {selector: '[data-testid="tx-row"][data-id]'};

test('transactions: first page and search as you type', async ({page}) => {
  await page.goto('/#/settings');
  await expect(page.getByTestId('view-settings')).toBeVisible();
  const total = (await callBound<{totals: {count: number}}>(page, 'Transactions', {limit: 1})).totals.count;
  expect(total).toBeGreaterThan(0);
  const want = (await callBound<{totals: {count: number}}>(page, 'Transactions', {search: term, limit: 1})).totals.count;

  const blank: number[] = [];
  const first: number[] = [];
  const rawPage: number[] = [];
  const typed: number[] = [];
  const rawSearch: number[] = [];

  for (let i = 0; i < runs; i++) {
    // Start each run from another view, with nothing of the list in memory.
    await page.goto('/#/dashboard');
    await expect(page.getByTestId('view-dashboard')).toBeVisible();
    await page.waitForTimeout(300);
    blank.push(await inPage(page, {hash: '#/settings'}, {selector: '[data-testid="view-settings"]'}));
    first.push(await inPage(page, {hash: '#/transactions'}, firstRowShown));
    rawPage.push(await boundCall(page, {sort: 'date', descending: true, limit: 100}));
    await expect(page.getByTestId('tx-count')).toHaveAttribute('data-count', String(total));

    // Type the search the way a person does (a key every 60 ms), then
    // time from the last key to its results on screen.
    await page.getByTestId('tx-search').focus();
    typed.push(await inPage(page, {type: term, gapMs: 60}, {count: String(want), search: term}));
    rawSearch.push(await boundCall(page, {search: term, sort: 'date', descending: true, limit: 100}));
  }

  const report = [
    `Transactions list on a cache of ${total.toLocaleString('en-ZA')} transactions ("${term}" matches ${want.toLocaleString('en-ZA')}):`,
    line('first page visible after navigating to Transactions', first),
    line('  baseline: blank navigation (to Settings)', blank),
    line('  baseline: bound Transactions() call alone (100 rows)', rawPage),
    line('search results visible after the last keystroke', typed),
    line(`  of that, after the ${String(pauseMs)} ms typing pause`, typed.map((t) => t - pauseMs)),
    line('  baseline: bound Transactions() search call alone', rawSearch),
  ].join('\n');
  console.log(`\n${report}\n`);
  test.info().annotations.push({type: 'perf', description: report});
});
