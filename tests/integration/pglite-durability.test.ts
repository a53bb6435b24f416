// The embedded database's own files: every transaction a process saw committed is there after
// that process is killed with SIGKILL, and two openers never share one data directory (they
// would both write to it and leave it unreadable; a stale claim left by a killed process is
// taken over). PGlite only (it runs whatever database the rest of the suite uses): PostgreSQL
// guards its own data directory.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_DIR_CLAIM, openDatabase, queryRows } from '../../src/lib/server/db';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'candour-pglite-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const writer = path.resolve('tests/support/pglite-writer.ts');
// One process, as a server is: the tsx command would run the script in a child of its own, and a
// SIGKILL to the command would leave that child writing.
const node = [process.execPath, '--import', 'tsx'];

/** Starts the writer, kills it after `rows` committed rows, and returns the committed numbers. */
async function writeAndKill(dataDir: string, rows: number): Promise<number[]> {
  const child = spawn(node[0]!, [...node.slice(1), writer, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const committed: number[] = [];
  let errors = '';
  child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (/^\d+$/.test(line)) committed.push(Number(line));
      if (committed.length >= rows) {
        // Mid-stream: the next transaction is in flight when the signal lands.
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.once('exit', () =>
      committed.length >= rows ? resolve() : reject(new Error(`writer stopped: ${errors}`))
    );
  });
  await exited;
  return committed;
}

describe('PGlite data directory', () => {
  it('keeps every committed transaction when its process is killed with SIGKILL', async () => {
    const dataDir = freshDir();
    const all: number[] = [];
    for (const rows of [120, 30, 75]) all.push(...(await writeAndKill(dataDir, rows)));
    const handle = await openDatabase({ dataDir });
    try {
      const stored = await queryRows<{ n: number }>(
        handle.db,
        sql`select n from durability_probe order by n`
      );
      const have = new Set(stored.map((r) => r.n));
      expect(all.filter((n) => !have.has(n))).toEqual([]);
    } finally {
      await handle.close();
    }
  }, 300_000);

  it('refuses a second opener of a data directory in use, in this process or another', async () => {
    const dataDir = freshDir();
    const first = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by process \d+/);
      // Another live process's claim (this test's parent stands in for a running server).
      const claim = path.join(dataDir, DATA_DIR_CLAIM);
      expect(existsSync(claim)).toBe(true);
    } finally {
      await first.close();
    }
    const claim = path.join(dataDir, DATA_DIR_CLAIM);
    expect(existsSync(claim)).toBe(false);
    writeFileSync(claim, `${process.ppid}\n`);
    await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by process \d+/);
    rmSync(claim);
  }, 120_000);

  it('takes over the claim a killed process left behind', async () => {
    const dataDir = freshDir();
    await writeAndKill(dataDir, 5);
    const claim = path.join(dataDir, DATA_DIR_CLAIM);
    expect(existsSync(claim)).toBe(true);
    const handle = await openDatabase({ dataDir });
    try {
      expect(readFileSync(claim, 'utf8').trim()).toBe(String(process.pid));
    } finally {
      await handle.close();
    }
  }, 120_000);
});

describe('PGlite memory settings', () => {
  it('runs with small shared buffers (its memory is the server process memory)', async () => {
    const dataDir = freshDir();
    const handle = await openDatabase({ dataDir });
    try {
      const [row] = await queryRows<{ shared_buffers: string }>(
        handle.db,
        sql`show shared_buffers`
      );
      expect(row!.shared_buffers).toBe('16MB');
    } finally {
      await handle.close();
    }
  }, 120_000);
});
