import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { findChromium } from './tests/chromium';

const chromium = findChromium();

const port = Number(process.env.E2E_PORT ?? 4173);
export const baseURL = `http://127.0.0.1:${port}`;
/** The suite's server log, read by the canary tests. */
export const serverLog = process.env.E2E_LOG ?? path.join(tmpdir(), `candour-e2e-${port}.log`);

/**
 * The hostile-server suite changes rows behind the running server, as a compromised host would;
 * the embedded PGlite database belongs to the server process alone, so the suite needs PostgreSQL.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (!onPostgres && !process.env.PLAYWRIGHT_QUIET) {
  process.stderr.write(
    'Hostile-server suite (tests/hostile) not run: it needs PostgreSQL. ' +
      'Set TEST_DATABASE_URL=postgres://… to run it (CI does).\n'
  );
  process.env.PLAYWRIGHT_QUIET = '1';
}

export default defineConfig({
  testMatch: '**/*.e2e.ts',
  // Journeys first; then a compromised host's attacks, each undone when its test ends.
  projects: [
    { name: 'e2e', testDir: 'tests/e2e' },
    ...(onPostgres ? [{ name: 'hostile', testDir: 'tests/hostile' }] : []),
    // Node-only: servers of their own under load, faults and kill -9 (tests/load/profile.ts).
    { name: 'load', testDir: 'tests/load' }
  ],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL,
    trace: 'off',
    screenshot: 'off',
    launchOptions: {
      executablePath: chromium.executablePath,
      args: [...chromium.args],
      env: chromium.env
    }
  },
  webServer: {
    command: 'node tests/e2e/serve.js',
    url: `${baseURL}/healthz`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { E2E_PORT: String(port), E2E_LOG: serverLog }
  }
});
