import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(
    `Candour's browser tests need Debian's Chromium at ${chromium} (apt-get install -y chromium), ` +
      'or CHROMIUM_PATH pointing at a Chromium binary. They never download a browser.'
  );
}

const port = Number(process.env.E2E_PORT ?? 4173);
export const baseURL = `http://127.0.0.1:${port}`;
/** The suite's server log, read by the canary tests. */
export const serverLog = process.env.E2E_LOG ?? path.join(tmpdir(), `candour-e2e-${port}.log`);

export default defineConfig({
  // The journeys (tests/e2e) and the hostile-server attacks (tests/hostile), one server for both.
  testDir: 'tests',
  testMatch: /\/(e2e|hostile)\/.*\.e2e\.ts$/,
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
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic'
      ]
    }
  },
  webServer: {
    command: 'node tests/e2e/serve.js',
    url: `${baseURL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { E2E_PORT: String(port), E2E_LOG: serverLog }
  }
});
