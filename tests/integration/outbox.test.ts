// The notice outbox against a real SMTP server: retries, restarts, two instances, batch timing.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { VERSION } from '../../src/lib/crypto';
import { submitCase } from '../../src/lib/server/cases';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import { noticeOutbox } from '../../src/lib/server/db/schema';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import {
  createNotifier,
  deliverDueNotices,
  enqueueCaseNotice,
  nextBatchAt,
  noticeHealth,
  setNoticeInterval,
  type Notifier
} from '../../src/lib/server/notify';
import { createTestDatabase, type TestDatabase } from '../support/database';

const ORIGIN = 'https://candour.test';
const pg = Boolean(process.env.TEST_DATABASE_URL);

let smtp: SMTPServer;
let port: number;
/** Every accepted message's recipients, in order. */
const delivered: string[] = [];
/** While set, the server answers every MAIL FROM with this code. */
let refuseWith: number | null = null;
let tempDir: string | undefined;
let database: TestDatabase | (DatabaseHandle & { url?: string; dispose(): Promise<void> });
let seed: DemoSeed;

function startSmtp(): Promise<number> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (refuseWith === null) return callback();
      const error = new Error('try again later') as Error & { responseCode: number };
      error.responseCode = refuseWith;
      callback(error);
    },
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        delivered.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    }
  });
  return new Promise((resolve) => {
    smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port));
  });
}

function notifier(): Notifier {
  return createNotifier({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    SMTP_FROM: 'notices@candour.test',
    ORIGIN,
    PORT: 3000
  });
}

/** A database that survives a restart: PostgreSQL, or PGlite in a folder. */
async function openPersistent() {
  if (pg) return createTestDatabase('candour_outbox');
  tempDir = mkdtempSync(path.join(tmpdir(), 'candour-outbox-'));
  const handle = await openDatabase({ dataDir: tempDir });
  return { ...handle, dispose: () => handle.close() };
}

/** The same database through a new connection, as a restarted or second instance opens it. */
async function reopen(): Promise<DatabaseHandle> {
  if (database.url) return openDatabase({ url: database.url, dataDir: '' });
  return openDatabase({ dataDir: tempDir! });
}

const email = (key: string) => seed.people[key]!.email;
const person = (key: string) => seed.people[key]!.personId;

/** A case held by these people (the store does not look inside the bytes). */
async function file(db: DatabaseHandle['db'], holders: string[]): Promise<string> {
  const caseId = randomUUID();
  const reporterBox = new Uint8Array(randomBytes(32));
  await submitCase(db, {
    organisationId: seed.organisationId,
    caseId,
    submissionId: randomUUID(),
    lookupHash: new Uint8Array(randomBytes(32)),
    reporterSignPublicKey: new Uint8Array(randomBytes(32)),
    reporterBoxPublicKey: reporterBox,
    track: 'whistleblowing',
    // The store checks only that the report's header binds the reporter's box key.
    reportCiphertext: Uint8Array.from([VERSION.report, ...reporterBox, ...randomBytes(200)]),
    recipients: holders.map((k) => ({
      personId: person(k),
      sealedKey: new Uint8Array(randomBytes(120))
    })),
    reporterSealedKey: new Uint8Array(randomBytes(88))
  });
  return caseId;
}

const at = (time: string) => new Date(`2026-03-02T${time}Z`);

function count(list: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of list) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

beforeAll(async () => {
  port = await startSmtp();
  database = await openPersistent();
  seed = (await seedDemo(database.db, { password: (p) => `outbox-${p.key}-password` }))!;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await database?.dispose();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

beforeEach(async () => {
  refuseWith = null;
  delivered.length = 0;
  await database.db.delete(noticeOutbox);
  await setNoticeInterval(database.db, seed.organisationId, 60);
});

describe(`notice outbox (${pg ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('holds reporter notices to the next full hour, one per person; staff ones go at once', async () => {
    const mail = notifier();
    const caseId = await file(database.db, ['chair', 'committee1']);
    // Reporter messages at 10:07 and 10:40.
    await enqueueCaseNotice(database.db, caseId, { by: 'reporter' }, at('10:07:00'));
    await enqueueCaseNotice(database.db, caseId, { by: 'reporter' }, at('10:40:00'));
    for (const time of ['10:07:00', '10:40:00', '10:59:59']) {
      expect(await deliverDueNotices(database.db, mail, at(time))).toEqual({ sent: 0, failed: 0 });
    }
    expect(delivered).toEqual([]);
    expect(await deliverDueNotices(database.db, mail, at('11:00:00'))).toEqual({
      sent: 2,
      failed: 0
    });
    expect(count(delivered)).toEqual({ [email('chair')]: 1, [email('committee1')]: 1 });

    // A staff reply at 10:07 goes to the other holder at 10:07, not to its writer.
    delivered.length = 0;
    const trigger = { by: 'staff', personId: person('chair') } as const;
    await enqueueCaseNotice(database.db, caseId, trigger, at('10:07:00'));
    expect(await deliverDueNotices(database.db, mail, at('10:07:00'))).toEqual({
      sent: 1,
      failed: 0
    });
    expect(delivered).toEqual([email('committee1')]);
    mail.close();
  });

  it('uses the organisation’s shorter interval when it chose one, never sending at once', async () => {
    expect(nextBatchAt(at('10:07:00'), 60)).toEqual(at('11:00:00'));
    expect(nextBatchAt(at('10:07:00'), 30)).toEqual(at('10:30:00'));
    expect(nextBatchAt(at('10:07:00'), 15)).toEqual(at('10:15:00'));
    expect(nextBatchAt(at('11:00:00'), 60)).toEqual(at('12:00:00'));
    await setNoticeInterval(database.db, seed.organisationId, 15);
    const mail = notifier();
    const caseId = await file(database.db, ['chair']);
    await enqueueCaseNotice(database.db, caseId, { by: 'reporter' }, at('10:07:00'));
    expect((await deliverDueNotices(database.db, mail, at('10:07:00'))).sent).toBe(0);
    expect((await deliverDueNotices(database.db, mail, at('10:14:59'))).sent).toBe(0);
    expect((await deliverDueNotices(database.db, mail, at('10:15:00'))).sent).toBe(1);
    mail.close();
  });

  it('keeps notices while the mail server refuses, and delivers each exactly once when it accepts', async () => {
    const mail = notifier();
    const caseId = await file(database.db, ['chair', 'committee1', 'committee2']);
    await enqueueCaseNotice(database.db, caseId, { by: 'reporter' }, at('10:07:00'));
    refuseWith = 421;
    const logged: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
    try {
      expect(await deliverDueNotices(database.db, mail, at('11:00:00'))).toEqual({
        sent: 0,
        failed: 3
      });
      // The admin sees how many and the code, never an address.
      const health = await noticeHealth(database.db, seed.organisationId);
      expect(health).toEqual({ failing: 3, lastCode: '421' });
      expect(JSON.stringify(health)).not.toContain('@');
      // Backoff: nothing is tried again within the first minute.
      expect(await deliverDueNotices(database.db, mail, at('11:00:30'))).toEqual({
        sent: 0,
        failed: 0
      });
      expect(await deliverDueNotices(database.db, mail, at('11:01:00'))).toEqual({
        sent: 0,
        failed: 3
      });
    } finally {
      vi.restoreAllMocks();
    }
    expect(logged.join('')).not.toContain('@');
    // The server accepts again: every notice arrives, once per person.
    refuseWith = null;
    expect(await deliverDueNotices(database.db, mail, at('11:05:00'))).toEqual({
      sent: 3,
      failed: 0
    });
    expect(await deliverDueNotices(database.db, mail, at('13:00:00'))).toEqual({
      sent: 0,
      failed: 0
    });
    expect(count(delivered)).toEqual({
      [email('chair')]: 1,
      [email('committee1')]: 1,
      [email('committee2')]: 1
    });
    expect(await noticeHealth(database.db, seed.organisationId)).toEqual({
      failing: 0,
      lastCode: null
    });
    mail.close();
  });

  it('loses nothing when the server restarts between a failure and the retry', async () => {
    const caseId = await file(database.db, ['chair', 'committee1']);
    await enqueueCaseNotice(database.db, caseId, { by: 'reporter' }, at('10:07:00'));
    refuseWith = 451;
    const before = notifier();
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await deliverDueNotices(database.db, before, at('11:00:00'))).failed).toBe(2);
    } finally {
      vi.restoreAllMocks();
    }
    before.close();
    // A restart: the process's memory is gone; only the database remains.
    if (!pg) await database.close();
    const restarted = await reopen();
    try {
      refuseWith = null;
      const after = notifier();
      expect(await deliverDueNotices(restarted.db, after, at('11:10:00'))).toEqual({
        sent: 2,
        failed: 0
      });
      after.close();
      expect(count(delivered)).toEqual({ [email('chair')]: 1, [email('committee1')]: 1 });
    } finally {
      if (pg) await restarted.close();
      else database = { ...restarted, dispose: () => restarted.close() };
    }
  });

  it(
    pg
      ? 'two instances on one PostgreSQL send each notice once'
      : 'two delivery runs at once send each notice once (one PGlite instance)',
    async () => {
      const second = pg ? await reopen() : database;
      try {
        const holders = ['chair', 'committee1', 'committee2', 'committee3'];
        let expected = 0;
        for (let i = 0; i < 10; i++) {
          const caseId = await file(database.db, holders);
          // Staff notices at distinct times: each is its own notice.
          const trigger = { by: 'staff', personId: person('coordinator') } as const;
          const ids = await enqueueCaseNotice(database.db, caseId, trigger, at(`10:${10 + i}:00`));
          expected += ids.length;
        }
        expect(expected).toBe(40);
        const a = notifier();
        const b = notifier();
        const runs = await Promise.all([
          deliverDueNotices(database.db, a, at('10:30:00')),
          deliverDueNotices(second.db, b, at('10:30:00')),
          deliverDueNotices(database.db, a, at('10:30:00')),
          deliverDueNotices(second.db, b, at('10:30:00'))
        ]);
        a.close();
        b.close();
        expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(40);
        expect(delivered).toHaveLength(40);
        expect(count(delivered)).toEqual(Object.fromEntries(holders.map((k) => [email(k), 10])));
        expect(await database.db.select().from(noticeOutbox)).toEqual([]);
      } finally {
        if (second !== database) await second.close();
      }
    }
  );

  it('stores whom and when only: no case, no address', async () => {
    const caseId = await file(database.db, ['chair']);
    await enqueueCaseNotice(database.db, caseId, { by: 'reporter' }, at('10:07:00'));
    const rows = await database.db
      .select()
      .from(noticeOutbox)
      .where(eq(noticeOutbox.personId, person('chair')));
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(
      ['attempts', 'claimedUntil', 'dueAt', 'id', 'lastError', 'personId'].sort()
    );
    expect(JSON.stringify(rows)).not.toContain(caseId);
    expect(JSON.stringify(rows)).not.toContain('@');
    // Due at the batch time, which says no more than the hour.
    expect(new Date(rows[0]!.dueAt).toISOString()).toBe('2026-03-02T11:00:00.000Z');
  });
});
