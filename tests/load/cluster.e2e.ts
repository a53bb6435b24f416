// `npm start` (src/cli/start.js): one worker per core on PostgreSQL, one process on PGlite; a
// single leader seeds the demo; SIGTERM stops every worker and closes every database connection.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/lib/server/db/index';
import { startCandour } from '../e2e/server.js';
import { freshDatabase } from '../support/load-server';
import { loadPort } from './profile';

const logPath = path.join(tmpdir(), `candour-cluster-${loadPort()}.log`);

function children(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('runs the workers asked for, seeds once and stops them all on SIGTERM', async () => {
  const database = await freshDatabase();
  // The server appends to its log (restarts share one), so an earlier run's lines would count.
  rmSync(logPath, { force: true });
  try {
    const server = await startCandour({
      port: loadPort(),
      logPath,
      args: ['src/cli/start.js'],
      databaseUrl: database.databaseUrl,
      dataDir: database.dataDir,
      env: { WORKERS: '3', CANDOUR_DEMO: '1' }
    });
    const log = () => readFileSync(logPath, 'utf8');
    const expected = database.databaseUrl ? 3 : 1;
    await expect
      .poll(() => log().match(/Candour ready on/g)?.length ?? 0, { timeout: 60_000 })
      .toBe(expected);
    const workers = children(server.pid);
    if (database.databaseUrl) {
      expect(log()).toContain('Candour running 3 workers');
      expect(workers).toHaveLength(3);
    } else {
      expect(log()).toContain('WORKERS is ignored on the embedded database');
      expect(workers).toHaveLength(0);
    }
    // The demo was seeded once (its sign-in details printed once), by the leader.
    expect(log().match(/riverside/g)?.length ?? 0).toBeGreaterThan(0);
    const response = await fetch(`${server.url}/o/riverside`);
    expect(response.status).toBe(200);

    await server.stop();
    for (const pid of workers) expect(alive(pid)).toBe(false);
    const handle = await database.open();
    try {
      const [organisations] = await queryRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from organisations where slug = 'riverside'`
      );
      expect(organisations!.n).toBe(1);
      if (database.databaseUrl) {
        const [others] = await queryRows<{ n: number }>(
          handle.db,
          sql`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and pid <> pg_backend_pid()`
        );
        expect(others!.n).toBe(0);
      }
    } finally {
      await handle.close();
    }
  } finally {
    await database.drop();
  }
});
