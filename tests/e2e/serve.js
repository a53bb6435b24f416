// The server Playwright starts for the whole suite: the production build with the demo seeded.
// Its output is written to E2E_LOG so tests can check that nothing secret was ever logged.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCandour } from './server.js';

const server = await startCandour({
  port: Number(process.env.E2E_PORT ?? 4173),
  logPath: process.env.E2E_LOG ?? path.join(tmpdir(), 'candour-e2e-server.log'),
  env: { CANDOUR_DEMO: '1' }
});

/** @param {number} code */
async function stop(code) {
  await server.stop();
  process.exit(code);
}
void server.exited.then((code) => stop(code ?? 1));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
