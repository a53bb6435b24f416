// kill -9 in the middle of submissions and follow-ups, then a restart on the same database: no
// half case is stored, and the clients' retries complete, each request stored exactly once.
// Size: tests/load/profile.ts.
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startCandour } from '../e2e/server.js';
import { countStored, seededDatabase } from '../support/load-server';
import {
  followUp,
  prepareCase,
  prepareMessage,
  reporterKeys,
  submit,
  type PreparedCase,
  type PreparedMessage
} from '../support/reporter-client';
import { deliver, pool } from './deliver';
import { heavy, loadPort, profile } from './profile';

test.setTimeout(heavy ? 1_800_000 : 300_000);

/** The server process and its workers, at once, with no chance to finish anything. */
function killHard(pid: number): void {
  let workers: number[] = [];
  try {
    workers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    // no workers: a single process
  }
  for (const p of [pid, ...workers]) process.kill(p, 'SIGKILL');
}

test('kill -9 during submissions and follow-ups: no half case, every retry completes', async () => {
  const database = await seededDatabase();
  const logPath = path.join(tmpdir(), `candour-crash-${loadPort()}.log`);
  const start = () =>
    startCandour({
      port: loadPort(),
      logPath,
      args: ['src/cli/start.js'],
      databaseUrl: database.databaseUrl,
      dataDir: database.dataDir
    });
  let server = await start();
  try {
    const reporters: { filed: PreparedCase; messages: PreparedMessage[] }[] = [];
    for (let i = 0; i < profile.reporters; i++) {
      const keys = await reporterKeys(database.organisationId, false);
      const filed = prepareCase(database.slug, keys, database.recipients);
      const messages = Array.from({ length: profile.followUps }, (_, m) =>
        prepareMessage(filed, `Follow-up ${m} from reporter ${i}`)
      );
      reporters.push({ filed, messages });
    }
    // Clients keep trying (briefly refused while the server is down) until delivered.
    const patience = { minTimeoutMs: 2_000, maxTimeoutMs: 5_000, deadlineMs: 240_000 };
    const url = server.url;
    let delivered = 0;
    const clients = pool(reporters, profile.concurrency, async ({ filed, messages }) => {
      await deliver((t) => submit(url, filed, t), patience);
      delivered++;
      for (const message of messages) {
        await deliver((t) => followUp(url, filed, message, t), patience);
        delivered++;
      }
    });
    const total = profile.reporters * (1 + profile.followUps);
    for (let round = 1; round <= profile.crashRounds; round++) {
      // Kill while requests are in flight: after some, well before all, have been answered.
      const target = Math.floor((total * round) / (profile.crashRounds + 1));
      await expect
        .poll(() => delivered, { timeout: 120_000, intervals: [20] })
        .toBeGreaterThan(target - 1);
      expect(delivered).toBeLessThan(total);
      killHard(server.pid);
      await server.exited;
      server = await start();
    }
    await clients;
    expect(delivered).toBe(total);

    await server.stopServer();
    const handle = await database.open();
    try {
      const stored = await countStored(handle.db, database.organisationId);
      expect(stored.incomplete).toEqual([]);
      expect(stored.cases.size).toBe(profile.reporters);
      for (const { filed, messages } of reporters) {
        expect(stored.submissions.get(filed.submissionId)).toBe(1);
        for (const message of messages) expect(stored.messages.get(message.entryId)).toBe(1);
      }
      expect(stored.messages.size).toBe(total - profile.reporters);
    } finally {
      await handle.close();
    }
  } finally {
    await server.stop();
    await database.drop();
  }
});
