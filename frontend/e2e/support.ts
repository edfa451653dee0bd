import {mkdirSync} from 'node:fs';
import {join} from 'node:path';

import type {Page} from '@playwright/test';

/**
 * screenshotPath is where the screenshot called name goes
 * (frontend/e2e/screenshots; `make screenshots` copies the README's ones
 * into build/screenshots).
 */
export function screenshotPath(name: string): string {
  const dir = join(import.meta.dirname, 'screenshots');
  mkdirSync(dir, {recursive: true});
  return join(dir, name);
}

// Page errors the Wails dev bridge is known to raise in a plain browser
// (see docs/toolchain.md); anything else fails the test that watches.
const harmless = [/reading 'nodes'/];

/**
 * watchErrors collects the page's uncaught errors (and, with consoleErrors,
 * its console.error lines), except the bridge's known harmless one; a test
 * expects the list to be empty at its end.
 */
export function watchErrors(page: Page, {consoleErrors = false} = {}): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => {
    if (!harmless.some((re) => re.test(e.message))) {
      errors.push(e.message);
    }
  });
  if (consoleErrors) {
    page.on('console', (m) => {
      if (m.type() === 'error' && !harmless.some((re) => re.test(m.text()))) {
        errors.push(m.text());
      }
    });
  }
  return errors;
}

interface Bridge {
  go: {main: {App: Record<string, ((...args: unknown[]) => Promise<unknown>) | undefined>}};
}

/**
 * bound calls one of the app's bound Go methods from the page, through the
 * Wails bridge, as the frontend does: the real backend, not a copy.
 */
export async function bound<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  const result: unknown = await page.evaluate(
    async ({method, args}) => {
      const fn = (window as unknown as Bridge).go.main.App[method];
      if (!fn) {
        throw new Error(`no bound method ${method}`);
      }
      return fn(...args);
    },
    {method, args},
  );
  return result as T;
}
