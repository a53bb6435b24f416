// Served JavaScript is checkable (docs/PROTOCOL.md §9): two clean builds of the same sources, in
// two different folders, give byte-identical build/client; a server started from one passes
// `npm run verify-site` against the other, and fails, naming the file, once one served file is
// altered.
import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_MANIFEST_PATH, hashClientFiles } from '../../src/cli/build-manifest.js';
import { startCandour } from '../e2e/server.js';

const run = promisify(execFile);
const root = process.cwd();
const folders: string[] = [];

/** What a clean checkout does not hold: outputs, local data and the dependencies (shared). */
const NOT_IN_A_CHECKOUT = new Set([
  'node_modules',
  'build',
  '.svelte-kit',
  '.git',
  'data',
  'test-results',
  'playwright-report',
  'coverage'
]);

/** A copy of the project as a clean checkout would give it, sharing node_modules. */
function copyOfSources(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  folders.push(dir);
  for (const name of readdirSync(root)) {
    if (!NOT_IN_A_CHECKOUT.has(name)) {
      cpSync(path.join(root, name), path.join(dir, name), { recursive: true });
    }
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** `vite build` as `npm run build` runs it, not as a test process would (NODE_ENV=test). */
async function build(dir: string): Promise<void> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST') env[key] = value;
  }
  await run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: dir,
    env,
    maxBuffer: 64 * 1024 * 1024
  });
}

async function verifySite(url: string, buildDir: string) {
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  const args = [
    tsx,
    'src/cli/verify-site.ts',
    url,
    '--build',
    buildDir,
    '--page',
    '/staff/sign-in'
  ];
  try {
    const { stdout } = await run(process.execPath, args, { cwd: root });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: `${failed.stdout}${failed.stderr}` };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

let first: string;
let second: string;

beforeAll(async () => {
  first = copyOfSources('candour-build-a-');
  second = copyOfSources('candour-reproduce-b-');
  // One after the other: the machine running the suite may have few cores.
  await build(first);
  await build(second);
}, 600_000);

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('reproducible build', () => {
  it('gives byte-identical build/client from two clean builds in different folders', () => {
    const a = hashClientFiles(path.join(first, 'build/client'));
    const b = hashClientFiles(path.join(second, 'build/client'));
    expect(Object.keys(a).length).toBeGreaterThan(10);
    expect(a).toEqual(b);
    const manifest = (dir: string) =>
      readFileSync(path.join(dir, 'build/client', BUILD_MANIFEST_PATH), 'utf8');
    expect(manifest(first)).toBe(manifest(second));
  });
});

describe('npm run verify-site', () => {
  it('passes against the running build, then names the one served file that was altered', async () => {
    const server = await startCandour({
      port: await freePort(),
      logPath: path.join(first, 'server.log'),
      cwd: first
    });
    try {
      const { build } = JSON.parse(
        readFileSync(path.join(second, 'build/client', BUILD_MANIFEST_PATH), 'utf8')
      ) as { build: string };
      const home = await (await fetch(server.url)).text();
      expect(home).toContain(`<code>${build}</code>`);

      const clean = await verifySite(server.url, path.join(second, 'build'));
      expect(clean.stdout).toContain('everything served matches');
      expect(clean.code).toBe(0);

      // The same length, so the static file server's cached size still fits the file.
      const entryDir = path.join(first, 'build/client/_app/immutable/entry');
      const start = readdirSync(entryDir).find((file) => file.startsWith('start.'))!;
      const target = path.join(entryDir, start);
      const original = readFileSync(target);
      const altered = Buffer.from(original);
      altered[0] = altered[0] === 0x20 ? 0x0a : 0x20;
      writeFileSync(target, altered);

      const tampered = await verifySite(server.url, path.join(second, 'build'));
      expect(tampered.code).toBe(1);
      expect(tampered.stdout).toContain(
        `/_app/immutable/entry/${start}: served bytes differ from the local build`
      );
      expect(tampered.stdout).toContain('1 difference(s)');
    } finally {
      await server.stop();
    }
  }, 300_000);
});
