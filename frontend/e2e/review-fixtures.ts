/**
 * Helpers for the review end-to-end tests: the real backend through the
 * page's bindings, and the command-line program as an independent witness
 * (it reads the same cache, but through its own process and code path).
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {expect, type Page} from '@playwright/test';

import {bound, screenshotPath} from './support';

const repo = join(import.meta.dirname, '..', '..');

/** A transaction as `investec-desk transactions --json` prints it. */
export interface CliTransaction {
  accountId: string;
  type: 'CREDIT' | 'DEBIT';
  transactionType: string;
  status: 'POSTED' | 'PENDING';
  description: string;
  postingDate: string;
  transactionDate: string;
  amount: string;
  uuid?: string;
  category: string;
  note: string;
}

let cliPath: string | undefined;

/**
 * cli returns the path of the investec-desk binary, built once per run
 * into the e2e scratch directory (go run would compile on every call).
 */
export function cli(): string {
  if (cliPath) {
    return cliPath;
  }
  const dir = process.env.E2E_SCRATCH ?? join(tmpdir(), 'investec-desk-e2e-cli');
  mkdirSync(dir, {recursive: true});
  const out = join(dir, 'investec-desk-cli');
  if (!existsSync(out)) {
    execFileSync('go', ['build', '-tags', 'webkit2_41,sqlite_fts5', '-o', out, '.'], {cwd: repo, stdio: 'inherit', timeout: 600_000});
  }
  cliPath = out;
  return out;
}

/** dataDir is the data directory wails dev was started with (scripts/e2e.sh sets it). */
export function dataDir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) {
    throw new Error('E2E_DATA_DIR is not set: run the suite through scripts/e2e.sh, or export the --data-dir wails dev uses');
  }
  return dir;
}

/** cliTransactions lists transactions through the command-line program. */
export function cliTransactions(args: string[]): CliTransaction[] {
  const out = execFileSync(cli(), ['--demo', '--data-dir', dataDir(), 'transactions', '--json', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out) as CliTransaction[];
}

/** cents reads an exact decimal string ("-1234.50") as integer cents, without floats. */
export function cents(decimal: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal);
  if (!m) {
    throw new Error(`not an amount: ${decimal}`);
  }
  const v = BigInt(m[2] ?? '0') * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -v : v;
}

/** callBound calls a bound Go method from the page, as the frontend does. */
export const callBound = bound;

/**
 * ensureSynced opens the app and makes sure the demo cache holds data: the
 * app syncs at start-up, and if that has not finished (or ran offline) a
 * sync is run here.
 */
export async function ensureSynced(page: Page): Promise<void> {
  await page.goto('/#/dashboard');
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await expect
    .poll(
      async () => {
        const accounts = await callBound<unknown[]>(page, 'Accounts');
        if (accounts.length > 0) {
          const page0 = await callBound<{totals: {count: number}}>(page, 'Transactions', {limit: 1});
          if (page0.totals.count > 0) {
            return true;
          }
        }
        await callBound(page, 'SyncNow').catch(() => undefined); // conflict: the start-up sync is running
        return false;
      },
      {timeout: 180_000, intervals: [1000, 2000, 5000]},
    )
    .toBe(true);
}

export {screenshotPath};

/** isoDay formats a local date as YYYY-MM-DD. */
export function isoDay(d: Date): string {
  return `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
