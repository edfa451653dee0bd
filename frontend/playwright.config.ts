import {defineConfig} from '@playwright/test';

/**
 * Browser end-to-end tests: Debian's Chromium, headless, against the app as
 * `wails dev` serves it (http://localhost:34115 by default), where the page's
 * window.go bindings call the real Go process. Playwright launches Chromium
 * with a fresh temporary profile (--user-data-dir) for every run.
 *
 *   E2E_BASE_URL  where the app is served (default http://localhost:34115)
 *   E2E_CHROMIUM  the Chromium binary (default /usr/bin/chromium)
 *   E2E_READY_FILE  optional: the INVESTEC_DESK_READY_FILE wails dev was
 *                   started with; the shell test then checks the report
 *
 * Never run `npx playwright install`: it downloads a browser, and this
 * project uses the system's.
 */
export const baseURL = process.env.E2E_BASE_URL ?? 'http://localhost:34115';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  globalSetup: './e2e/global-setup.ts',
  // One backend serves every test; keep the shared 2-core machine calm.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: {timeout: 10_000},
  reporter: [['list']],
  use: {
    baseURL,
    headless: true,
    viewport: {width: 1280, height: 800},
    locale: 'en-ZA',
    timezoneId: 'Africa/Johannesburg',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {name: 'light', use: {colorScheme: 'light'}},
    {name: 'dark', use: {colorScheme: 'dark'}},
  ],
});
