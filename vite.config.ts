import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { findChromium } from './tests/chromium.js';

// Read when the browser project launches, so `vite build` and the Node projects never look for one.
const chromiumLaunch = {
  get executablePath() {
    return findChromium().executablePath;
  },
  get args() {
    return [...findChromium().args];
  },
  get env() {
    return findChromium().env;
  }
};

export default defineConfig({
  plugins: [sveltekit()],
  server: { port: 5173, strictPort: true },
  test: {
    projects: [
      {
        extends: './vite.config.ts',
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'tests/*.test.ts'],
          testTimeout: 60_000
        }
      },
      {
        extends: './vite.config.ts',
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false
        }
      },
      {
        extends: './vite.config.ts',
        test: {
          name: 'browser',
          // The same known-answer spec the unit project runs in Node, here in Chromium.
          include: ['src/lib/crypto/vectors.test.ts', 'src/lib/crypto/worker.test.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: chromiumLaunch
            }),
            instances: [{ browser: 'chromium' }]
          }
        }
      }
    ]
  }
});
