// The server Playwright starts for the whole suite: the production build with the demo seeded.
// Its output is written to E2E_LOG so tests can check that nothing secret was ever logged.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCandour } from './server.js';

const logPath = process.env.E2E_LOG ?? path.join(tmpdir(), 'candour-e2e-server.log');
const server = await startCandour({
  port: Number(process.env.E2E_PORT ?? 4173),
  logPath,
  env: { CANDOUR_DEMO: '1' }
});
// Where the data lives, so canary tests can dump it after the journeys.
writeFileSync(
  `${logPath}.database.json`,
  JSON.stringify({ databaseUrl: server.databaseUrl ?? null, dataDir: server.dataDir ?? null })
);

/** @param {number} code */
async function stop(code) {
  await server.stop();
  process.exit(code);
}
void server.exited.then((code) => stop(code ?? 1));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
