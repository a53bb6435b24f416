import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

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
          include: ['src/**/*.test.ts'],
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
              launchOptions: {
                executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
            }),
            instances: [{ browser: 'chromium' }]
          }
        }
      }
    ]
  }
});
