// Starts the production build on a fresh database for browser tests: a new PostgreSQL database
// when TEST_DATABASE_URL is set (dropped on stop), otherwise a fresh PGlite directory.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { get } from 'node:http';
import postgres from 'postgres';

/** @param {number} port */
function isHealthy(port) {
  return new Promise((resolve) => {
    const request = get(
      { host: '127.0.0.1', port, path: '/healthz', timeout: 2000 },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      }
    );
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

/**
 * @param {{ port: number, logPath: string, env?: Record<string, string>, cwd?: string }} options
 *   `cwd`: the folder holding the `build` to start (the project root unless given)
 * @returns {Promise<{ url: string, databaseUrl?: string, dataDir?: string, stopServer: () => Promise<void>, stop: () => Promise<void>, exited: Promise<number | null> }>}
 */
export async function startCandour({ port, logPath, env: extra = {}, cwd }) {
  /** @type {Record<string, string | undefined>} */
  const env = {
    ...process.env,
    PORT: String(port),
    ORIGIN: `http://127.0.0.1:${port}`,
    HOST: '127.0.0.1',
    ...extra
  };
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
  const server = spawn(process.execPath, ['build'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  server.stdout.on('data', (chunk) => log.write(chunk));
  server.stderr.on('data', (chunk) => {
    log.write(chunk);
    process.stderr.write(chunk);
  });
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => server.once('exit', (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (!(await isHealthy(port))) {
    if (server.exitCode !== null) throw new Error(`Candour exited with ${server.exitCode}`);
    if (Date.now() - started > 90_000) throw new Error('Candour did not become healthy');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  async function stopServer() {
    if (server.exitCode !== null) return;
    server.kill('SIGTERM');
    // A server that does not stop gracefully fails the run rather than hanging it.
    const timer = setTimeout(() => server.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(timer);
    if (code !== 0) throw new Error(`Candour did not stop cleanly (exit ${code})`);
  }
  let stopped = false;
  return {
    url,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    exited,
    stopServer,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopServer();
      await cleanup();
      await new Promise((resolve) => log.end(resolve));
    }
  };
}
