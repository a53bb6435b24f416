import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, eq, like } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  deriveCaseKeys,
  encryptReport,
  generateCaseKey,
  generateStaffKeys,
  lookupHash,
  newCaseKeys,
  parseCaseKey,
  ready,
  sealCaseKeysFor,
  type BoxPublicKey
} from '../../src/lib/crypto';
import { TRACKS } from '../../src/lib/routing';
import {
  addHolders,
  revokeHolder,
  submitCase,
  today,
  updateCase
} from '../../src/lib/server/cases';
import { credentials, people, rateLimits } from '../../src/lib/server/db/schema';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import {
  createNotifier,
  deadlineKey,
  dueCaseIds,
  notifyCaseEventNow,
  notifyDeadlines,
  notifyHolders,
  notifyHoldersLater,
  NOTICE_SUBJECT,
  type Notifier
} from '../../src/lib/server/notify';
import { signedEvent } from '../support/entries';
import { createTestDatabase, type TestDatabase } from '../support/database';

interface Received {
  rcptTo: string[];
  raw: string;
}

let database: TestDatabase;
let seed: DemoSeed;
let smtp: SMTPServer;
let port: number;
let notifier: Notifier;
const inbox: Received[] = [];
/** Addresses the test server answers 550 for, to make one delivery fail. */
const refused = new Set<string>();

const ORIGIN = 'https://candour.test';

const REPORT = {
  track: 'whistleblowing',
  category: 'unsupervised-contact',
  what: 'The coordinator left a child alone with a parent under a supervision order',
  where: 'the family room at the Mill Street centre',
  who: 'Priya Shah',
  outcome: 'Make sure supervised contact is always supervised'
};

function startSmtp(): Promise<number> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) callback(new Error('mailbox unavailable'));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8')
        });
        callback();
      });
    }
  });
  return new Promise((resolve) => {
    smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port));
  });
}

function emailOf(key: string): string {
  return seed.people[key]!.email;
}

function personOf(key: string): string {
  return seed.people[key]!.personId;
}

/** Every address that received mail since `from`, one entry per message. */
function recipientsSince(from: number): string[] {
  return inbox.slice(from).flatMap((m) => m.rcptTo);
}

async function waitForMail(count: number): Promise<void> {
  for (let i = 0; i < 100 && inbox.length < count; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
}

function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function parse(raw: string): { headers: string; subject: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const unfolded = headers.replace(/\r\n[ \t]+/g, ' ');
  const subject = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  const qp = /^Content-Transfer-Encoding: quoted-printable$/im.test(unfolded);
  const body = raw.slice(split + 4);
  return { headers: unfolded, subject, body: qp ? decodeQuotedPrintable(body) : body };
}

async function boxOf(key: string): Promise<BoxPublicKey> {
  const [row] = await database.db
    .select({ box: credentials.boxPublicKey })
    .from(credentials)
    .where(eq(credentials.personId, personOf(key)));
  return row!.box as BoxPublicKey;
}

/** Files a whistleblowing case through the case store, as the reporter's browser would. */
async function file(recipients: string[], day?: string) {
  const reporter = await deriveCaseKeys(parseCaseKey(generateCaseKey()), seed.organisationId);
  const keys = newCaseKeys();
  const caseId = randomUUID();
  const submissionId = randomUUID();
  await submitCase(database.db, {
    organisationId: seed.organisationId,
    caseId,
    submissionId,
    lookupHash: lookupHash(reporter.lookupToken),
    reporterSignPublicKey: reporter.sign.publicKey,
    reporterBoxPublicKey: reporter.box.publicKey,
    track: 'whistleblowing',
    reportCiphertext: encryptReport(
      keys.contentKey,
      caseId,
      REPORT,
      reporter.sign,
      reporter.box.publicKey
    ),
    recipients: await Promise.all(
      recipients.map(async (k) => ({
        personId: personOf(k),
        sealedKey: sealCaseKeysFor(await boxOf(k), keys, { includeStaffKey: true })
      }))
    ),
    reporterSealedKey: sealCaseKeysFor(reporter.box.publicKey, keys, { includeStaffKey: false }),
    ...(day ? { day } : {})
  });
  return { caseId, submissionId, keys, reporter };
}

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  await ready();
  database = await createTestDatabase();
  seed = (await seedDemo(database.db, { password: (p) => `notify-${p.key}-password` }))!;
  port = await startSmtp();
  notifier = createNotifier({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    SMTP_FROM: 'notices@candour.test',
    ORIGIN,
    PORT: 3000
  });
});

afterAll(async () => {
  notifier?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await database?.dispose();
});

afterEach(() => {
  refused.clear();
  vi.restoreAllMocks();
});

describe(`notifications (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('emails each holder of a new case once, and nobody else on the roster', async () => {
    const from = inbox.length;
    // The coordinator is named, so the case goes to the chair and a committee member.
    const filed = await file(['chair', 'committee1']);
    const result = await notifyHolders(database.db, notifier, {
      caseId: filed.caseId,
      event: 'new_case'
    });
    expect(result).toEqual({ sent: 2, failed: 0 });
    const got = recipientsSince(from);
    expect(got.sort()).toEqual([emailOf('chair'), emailOf('committee1')].sort());
    for (const key of Object.keys(seed.people).filter((k) => k !== 'chair' && k !== 'committee1')) {
      expect(got).not.toContain(emailOf(key));
    }
    // One message per person: nobody learns who else holds the case.
    for (const message of inbox.slice(from)) {
      expect(message.rcptTo).toHaveLength(1);
      expect(parse(message.raw).headers).not.toMatch(/^(Cc|Bcc):/im);
    }
  });

  it('holds no content, case id, track, category or organisation', async () => {
    const from = inbox.length;
    const filed = await file(['chair']);
    await notifyHolders(database.db, notifier, { caseId: filed.caseId, event: 'new_case' });
    const [message] = inbox.slice(from);
    expect(message).toBeDefined();
    const { subject, body } = parse(message!.raw);
    expect(subject).toBe(NOTICE_SUBJECT);
    expect(body).toContain('Something in Candour needs your attention.');
    expect(body).toContain(`${ORIGIN}/staff/sign-in`);
    const forbidden = [
      filed.caseId,
      filed.caseId.replaceAll('-', ''),
      filed.submissionId,
      ...Object.values(REPORT),
      ...TRACKS,
      'unsupervised',
      'supervision',
      'Riverside Child Contact Centre',
      seed.people.chair!.displayName,
      seed.people.coordinator!.displayName
    ];
    // The whole message, headers included (the To line is the holder's own address).
    const lower = message!.raw.toLowerCase();
    for (const word of forbidden) expect(lower).not.toContain(word.toLowerCase());
    expect(`${subject}\n${body}`.toLowerCase()).not.toContain('riverside');
    expect(`${subject}\n${body}`).not.toMatch(/case|number|categor|track|report/i);
  });

  it('sends the same notice whatever the event', async () => {
    const from = inbox.length;
    const filed = await file(['chair']);
    for (const event of ['new_case', 'new_message', 'deadline'] as const) {
      await notifyHolders(database.db, notifier, { caseId: filed.caseId, event });
    }
    const bodies = inbox.slice(from).map((m) => {
      const { subject, body } = parse(m.raw);
      return `${subject}\n${body}`;
    });
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
  });

  it('leaves out the actor, people on leave, and revoked holders; includes a referred body', async () => {
    const filed = await file(['chair', 'committee1', 'committee2']);
    // The server checks no signature: any key stands in for the chair's browser here.
    const chairSigner = generateStaffKeys().sign;
    await database.db
      .update(people)
      .set({ status: 'on_leave' })
      .where(eq(people.id, personOf('committee2')));
    try {
      let from = inbox.length;
      await notifyHolders(database.db, notifier, {
        caseId: filed.caseId,
        event: 'new_message',
        exceptPersonId: personOf('chair')
      });
      expect(recipientsSince(from)).toEqual([emailOf('committee1')]);

      // The chair refers to the LADO, then removes committee1 (which rotates the case key).
      await addHolders(database.db, {
        caseId: filed.caseId,
        actor: { kind: 'staff', personId: personOf('chair') },
        action: 'refer',
        holders: [
          {
            personId: personOf('lado'),
            epoch: 0,
            sealedKey: sealCaseKeysFor(await boxOf('lado'), filed.keys, { includeStaffKey: true })
          }
        ],
        detail: { body: 'lado' },
        event: await signedEvent(database.db, {
          caseId: filed.caseId,
          signer: chairSigner,
          key: filed.keys.contentKey,
          senderRole: 'staff',
          event: { event: 'referred', personIds: [personOf('lado')], body: 'lado' }
        })
      });
      const next = newCaseKeys();
      await revokeHolder(database.db, {
        caseId: filed.caseId,
        actor: { kind: 'staff', personId: personOf('chair') },
        personId: personOf('committee1'),
        newEpoch: 1,
        event: await signedEvent(database.db, {
          caseId: filed.caseId,
          signer: chairSigner,
          key: next.contentKey,
          senderRole: 'staff',
          event: { event: 'revoked', personIds: [personOf('committee1')] },
          epoch: 1
        }),
        sealedKeys: [
          ...(await Promise.all(
            ['chair', 'committee2', 'lado'].map(async (k) => ({
              personId: personOf(k),
              sealedKey: sealCaseKeysFor(await boxOf(k), next, { includeStaffKey: true })
            }))
          )),
          {
            personId: null,
            sealedKey: sealCaseKeysFor(filed.reporter.box.publicKey, next, {
              includeStaffKey: false
            })
          }
        ]
      });

      from = inbox.length;
      const result = await notifyHolders(database.db, notifier, {
        caseId: filed.caseId,
        event: 'new_message'
      });
      // The chair holds two epochs and still gets one email.
      expect(result).toEqual({ sent: 2, failed: 0 });
      expect(recipientsSince(from).sort()).toEqual([emailOf('chair'), emailOf('lado')].sort());
    } finally {
      await database.db
        .update(people)
        .set({ status: 'active' })
        .where(eq(people.id, personOf('committee2')));
    }
  });

  it('sends nothing for an unknown case', async () => {
    const from = inbox.length;
    const result = await notifyHolders(database.db, notifier, {
      caseId: randomUUID(),
      event: 'new_message'
    });
    expect(result).toEqual({ sent: 0, failed: 0 });
    expect(inbox.length).toBe(from);
  });

  it('sends nothing when SMTP is not configured', async () => {
    const filed = await file(['chair', 'committee1']);
    const from = inbox.length;
    const off = createNotifier({
      SMTP_URL: undefined,
      SMTP_FROM: 'notices@candour.test',
      ORIGIN,
      PORT: 3000
    });
    expect(off.enabled).toBe(false);
    expect(
      await notifyHolders(database.db, off, { caseId: filed.caseId, event: 'new_case' })
    ).toEqual({ sent: 0, failed: 0 });
    expect(await notifyDeadlines(database.db, off, today())).toEqual({
      sent: 0,
      failed: 0,
      cases: 0
    });
    // The runtime entry point reads the environment: unset means off, and no database is opened.
    vi.stubEnv('SMTP_URL', '');
    try {
      expect(await notifyCaseEventNow(filed.caseId, { by: 'reporter' })).toEqual({
        queued: 0,
        sent: 0,
        failed: 0
      });
    } finally {
      vi.unstubAllEnvs();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.length).toBe(from);
  });

  it('logs a failed delivery without the address, and still reaches the others', async () => {
    const filed = await file(['chair', 'committee1']);
    refused.add(emailOf('committee1'));
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const from = inbox.length;
    const result = await notifyHolders(database.db, notifier, {
      caseId: filed.caseId,
      event: 'new_case'
    });
    expect(result).toEqual({ sent: 1, failed: 1 });
    expect(recipientsSince(from)).toEqual([emailOf('chair')]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('notification failed');
    expect(lines[0]).not.toContain('@');
    expect(lines[0]).not.toContain(filed.caseId);
    expect(lines[0]).not.toMatch(/\d{2}:\d{2}/);
  });

  it('never breaks the caller: fire-and-forget returns at once, a dead server only logs', async () => {
    const filed = await file(['chair']);
    const from = inbox.length;
    expect(
      notifyHoldersLater(database.db, notifier, { caseId: filed.caseId, event: 'new_case' })
    ).toBeUndefined();
    await waitForMail(from + 1);
    expect(recipientsSince(from)).toEqual([emailOf('chair')]);

    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    // Nothing listens on port 9 here: the connection fails.
    const dead = createNotifier({
      SMTP_URL: 'smtp://127.0.0.1:9',
      SMTP_FROM: 'notices@candour.test',
      ORIGIN,
      PORT: 3000
    });
    const result = await notifyHolders(database.db, dead, {
      caseId: filed.caseId,
      event: 'new_case'
    });
    dead.close();
    expect(result).toEqual({ sent: 0, failed: 1 });
    expect(lines.join('')).toContain('notification failed');
    expect(lines.join('')).not.toContain('@');
  });

  it('keeps nodemailer from logging even when the URL asks it to', async () => {
    const filed = await file(['chair']);
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    for (const level of ['log', 'info', 'debug', 'warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        written.push(args.map(String).join(' '));
      });
    }
    const chatty = createNotifier({
      SMTP_URL: `smtp://127.0.0.1:${port}/?logger=true&debug=true`,
      SMTP_FROM: 'notices@candour.test',
      ORIGIN,
      PORT: 3000
    });
    const from = inbox.length;
    const result = await notifyHolders(database.db, chatty, {
      caseId: filed.caseId,
      event: 'new_case'
    });
    chatty.close();
    expect(result).toEqual({ sent: 1, failed: 0 });
    expect(recipientsSince(from)).toEqual([emailOf('chair')]);
    expect(written.join('')).not.toContain(emailOf('chair'));
  });

  it('reminds holders of an overdue case once a day, and stops once it is acknowledged', async () => {
    const day = today();
    // Whistleblowing asks for an acknowledgement within 7 days; this one arrived 30 days ago.
    const overdue = await file(['chair', 'committee1'], daysAgo(30));
    const fresh = await file(['committee3']);
    const due = await dueCaseIds(database.db, day);
    expect(due).toContain(overdue.caseId);
    expect(due).not.toContain(fresh.caseId);

    let from = inbox.length;
    const first = await notifyDeadlines(database.db, notifier, day);
    expect(first.failed).toBe(0);
    const got = recipientsSince(from);
    expect(got).toEqual(expect.arrayContaining([emailOf('chair'), emailOf('committee1')]));
    expect(got).not.toContain(emailOf('committee3'));
    const claims = await database.db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, deadlineKey(overdue.caseId, day)));
    expect(claims).toHaveLength(1);

    // A second sweep the same day (another instance, an hourly timer) sends nothing.
    from = inbox.length;
    expect(await notifyDeadlines(database.db, notifier, day)).toEqual({
      sent: 0,
      failed: 0,
      cases: 0
    });
    expect(inbox.length).toBe(from);

    await updateCase(database.db, {
      caseId: overdue.caseId,
      actor: { kind: 'staff', personId: personOf('chair') },
      status: 'acknowledged',
      acknowledgedOn: day
    });
    expect(await dueCaseIds(database.db, day)).not.toContain(overdue.caseId);
    const all = await database.db
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .where(and(like(rateLimits.key, 'notify-deadline:%')));
    expect(all.every((r) => !r.key.includes('@'))).toBe(true);
  });
});
