import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { findChromium } from './tests/chromium';

const chromium = findChromium();

const port = Number(process.env.E2E_PORT ?? 4173);
export const baseURL = `http://127.0.0.1:${port}`;
/** The suite's server log, read by the canary tests. */
export const serverLog = process.env.E2E_LOG ?? path.join(tmpdir(), `candour-e2e-${port}.log`);

export default defineConfig({
  testMatch: '**/*.e2e.ts',
  // Journeys first; then a compromised host's attacks, each undone when its test ends.
  projects: [
    { name: 'e2e', testDir: 'tests/e2e' },
    { name: 'hostile', testDir: 'tests/hostile' }
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
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { E2E_PORT: String(port), E2E_LOG: serverLog }
  }
});
