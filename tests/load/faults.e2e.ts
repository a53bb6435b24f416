// Many reporters submit and follow up while their clients time out and retry at random, and
// sometimes send the same request twice at once; afterwards the database holds every case and
// every message exactly once, each case whole. Size: tests/load/profile.ts.
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
  type Answer,
  type PreparedCase,
  type PreparedMessage
} from '../support/reporter-client';
import { chance, deliver, pool } from './deliver';
import { heavy, loadPort, profile } from './profile';

test.setTimeout(heavy ? 1_800_000 : 300_000);

const patience = { minTimeoutMs: 5, maxTimeoutMs: 400, deadlineMs: heavy ? 600_000 : 120_000 };

/** Sometimes the client fires the same request twice at once (a double click, a resend). */
async function twice(send: () => Promise<Answer>): Promise<Answer> {
  if (chance(0.2)) {
    const [a, b] = await Promise.allSettled([send(), send()]);
    if (a.status === 'fulfilled') return a.value;
    if (b.status === 'fulfilled') return b.value;
    throw a.reason;
  }
  return send();
}

test('nothing lost and nothing doubled when clients time out and retry', async () => {
  const database = await seededDatabase();
  const server = await startCandour({
    port: loadPort(),
    logPath: path.join(tmpdir(), `candour-faults-${loadPort()}.log`),
    args: ['src/cli/start.js'],
    databaseUrl: database.databaseUrl,
    dataDir: database.dataDir
  });
  try {
    // The first reporter's keys are derived from a case key exactly as in the browser.
    const reporters: { filed: PreparedCase; messages: PreparedMessage[] }[] = [];
    for (let i = 0; i < profile.reporters; i++) {
      const keys = await reporterKeys(database.organisationId, i === 0);
      const filed = prepareCase(database.slug, keys, database.recipients);
      const messages = Array.from({ length: profile.followUps }, (_, m) =>
        prepareMessage(filed, `Follow-up ${m} from reporter ${i}`)
      );
      reporters.push({ filed, messages });
    }
    let attempts = 0;
    await pool(reporters, profile.concurrency, async ({ filed, messages }) => {
      const sent = await deliver((t) => twice(() => submit(server.url, filed, t)), patience);
      expect((sent.answer.json as { caseId: string }).caseId).toBe(filed.caseId);
      attempts += sent.attempts;
      for (const message of messages) {
        const reply = await deliver(
          (t) => twice(() => followUp(server.url, filed, message, t)),
          patience
        );
        expect((reply.answer.json as { entryId: string }).entryId).toBe(message.entryId);
        attempts += reply.attempts;
      }
    });
    const requests = profile.reporters * (1 + profile.followUps);
    // The faults did happen: many requests needed more than one attempt.
    expect(attempts).toBeGreaterThan(requests);

    await server.stopServer();
    const handle = await database.open();
    try {
      const stored = await countStored(handle.db, database.organisationId);
      expect(stored.cases.size).toBe(profile.reporters);
      for (const { filed, messages } of reporters) {
        expect(stored.cases.has(filed.caseId)).toBe(true);
        expect(stored.submissions.get(filed.submissionId)).toBe(1);
        for (const message of messages) expect(stored.messages.get(message.entryId)).toBe(1);
      }
      expect(stored.messages.size).toBe(requests - profile.reporters);
      expect(stored.incomplete).toEqual([]);
    } finally {
      await handle.close();
    }
  } finally {
    await server.stop();
    await database.drop();
  }
});
