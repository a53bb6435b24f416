// Serves the production build for the browser tests: on a fresh PostgreSQL database when
// TEST_DATABASE_URL is set (dropped on exit), otherwise on a fresh PGlite directory. The server's
// output is also written to E2E_LOG so tests can check that nothing secret was ever logged.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

const port = process.env.E2E_PORT ?? '4173';
const logPath = process.env.E2E_LOG ?? path.join(tmpdir(), 'candour-e2e-server.log');
/** @type {Record<string, string | undefined>} */
const env = { ...process.env, PORT: port, ORIGIN: `http://127.0.0.1:${port}`, HOST: '127.0.0.1' };
delete env.DATABASE_URL;

let cleanup = async () => {};
const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  const name = `candour_e2e_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  cleanup = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  };
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'candour-e2e-'));
  env.DATA_DIR = dir;
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

const log = createWriteStream(logPath, { flags: 'w' });
const server = spawn(process.execPath, ['build'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
server.stdout.on('data', (chunk) => log.write(chunk));
server.stderr.on('data', (chunk) => {
  log.write(chunk);
  process.stderr.write(chunk);
});

let stopping = false;
/** @param {number} code */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  server.kill('SIGTERM');
  if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
  await cleanup();
  log.end();
  process.exit(code);
}
server.on('exit', (code) => void stop(code ?? 1));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
