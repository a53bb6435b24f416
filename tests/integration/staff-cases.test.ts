import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encryptReport,
  generateStaffKeys,
  newCaseKeys,
  randomBytes,
  ready,
  sealCaseKeysFor,
  type BoxPublicKey
} from '../../src/lib/crypto';
import { verifyAuditChain } from '../../src/lib/audit';
import { readAuditChain } from '../../src/lib/server/audit';
import { appendEntry, submitCase, updateCase } from '../../src/lib/server/cases';
import {
  caseAuditView,
  inboxFor,
  overdueCounts,
  organisationsById
} from '../../src/lib/server/cases/staff-queries';
import { verifyCaseAudit } from '../../src/lib/client/cases/audit';
import { auditEvents, credentials, rateLimits } from '../../src/lib/server/db/schema';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import { linkedEntry } from '../support/entries';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let seed: DemoSeed;

async function boxOf(key: string): Promise<BoxPublicKey> {
  const [row] = await database.db
    .select({ box: credentials.boxPublicKey })
    .from(credentials)
    .where(eq(credentials.personId, seed.people[key]!.personId));
  return row!.box as BoxPublicKey;
}

/** Files a case as a reporter's browser would (its own key pairs stand in for the derived ones). */
async function file(recipients: string[], day?: string): Promise<string> {
  const reporter = generateStaffKeys();
  const keys = newCaseKeys();
  const caseId = randomUUID();
  await submitCase(database.db, {
    organisationId: seed.organisationId,
    caseId,
    submissionId: randomUUID(),
    lookupHash: randomBytes(32),
    reporterSignPublicKey: reporter.sign.publicKey,
    reporterBoxPublicKey: reporter.box.publicKey,
    track: 'whistleblowing',
    reportCiphertext: encryptReport(
      keys.contentKey,
      caseId,
      { whatHappened: 'x' },
      reporter.sign,
      reporter.box.publicKey
    ),
    recipients: await Promise.all(
      recipients.map(async (k) => ({
        personId: seed.people[k]!.personId,
        sealedKey: sealCaseKeysFor(await boxOf(k), keys, { includeStaffKey: true })
      }))
    ),
    reporterSealedKey: sealCaseKeysFor(reporter.box.publicKey, keys, { includeStaffKey: false }),
    ...(day ? { day } : {})
  });
  return caseId;
}

beforeAll(async () => {
  await ready();
  database = await createTestDatabase();
  seed = (await seedDemo(database.db, { password: (p) => `staff-cases-${p.key}-password` }))!;
});

afterAll(async () => {
  await database?.dispose();
});

describe(`staff case queries (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let caseA: string;
  let caseB: string;

  it('lists only cases the person holds, with their bundles', async () => {
    caseA = await file(['chair']);
    caseB = await file(['coordinator'], '2026-10-01');
    const chair = await inboxFor(database.db, seed.people.chair!.personId);
    expect(chair.cases.map((c) => c.caseId)).toEqual([caseA]);
    expect(chair.cases[0]!.sealedKeys).toHaveLength(1);
    expect(chair.organisations.map((o) => o.id)).toEqual([seed.organisationId]);
    const admin = await inboxFor(database.db, seed.people.admin!.personId);
    expect(admin.cases).toEqual([]);
  });

  it('counts only the overdue cases the lead holds: a case they cannot read changes nothing', async () => {
    const [org] = await organisationsById(database.db, [seed.organisationId]);
    const countsFor = (key: string) =>
      overdueCounts(
        database.db,
        seed.organisationId,
        org!.policy,
        seed.people[key]!.personId,
        '2026-11-26'
      );
    // caseB (received 1 October, never acknowledged) is the coordinator's; caseA is the chair's.
    const chair = await countsFor('chair');
    expect(chair.open).toBe(1);
    expect(chair.byTrack.whistleblowing.acknowledge).toBe(0);
    expect(JSON.stringify(chair)).not.toContain(caseB);
    const coordinator = await countsFor('coordinator');
    expect(coordinator.open).toBe(1);
    expect(coordinator.byTrack.whistleblowing.acknowledge).toBe(1);
    // A report naming the coordinator, sent to the chair only, is invisible to the coordinator.
    const before = JSON.stringify(coordinator);
    await file(['chair'], '2026-10-01');
    expect(JSON.stringify(await countsFor('coordinator'))).toBe(before);
  });

  it('the case audit view verifies in the shared verifier and the browser check', async () => {
    const actor = { kind: 'staff' as const, personId: seed.people.chair!.personId };
    await updateCase(database.db, { caseId: caseA, actor, status: 'acknowledged' });
    const noteId = randomUUID();
    await appendEntry(database.db, {
      caseId: caseA,
      entryId: noteId,
      kind: 'note',
      actor,
      epoch: 0,
      ciphertext: await linkedEntry(database.db, {
        caseId: caseA,
        entryId: noteId,
        senderRole: 'staff',
        kind: 'note',
        key: newCaseKeys().staffKey,
        body: { text: 'a note' },
        signer: generateStaffKeys().sign
      })
    });
    await updateCase(database.db, { caseId: caseB, actor: { kind: 'system' }, status: 'closed' });
    expect(
      (await verifyAuditChain(await readAuditChain(database.db, seed.organisationId))).ok
    ).toBe(true);
    const view = await caseAuditView(database.db, seed.organisationId, caseA);
    // Nothing of any other case: not even its links.
    expect(view.every((r) => r.own)).toBe(true);
    expect(await verifyCaseAudit(view, caseA)).toMatchObject({ ok: true, events: 3 });
  });

  it('the audit view of a case does not change when a case its reader cannot read gets activity', async () => {
    // The chair holds caseA; caseB is the coordinator's, and the chair cannot read it.
    const before = await caseAuditView(database.db, seed.organisationId, caseA);
    const staff = { kind: 'staff' as const, personId: seed.people.coordinator!.personId };
    await updateCase(database.db, { caseId: caseB, actor: staff, status: 'acknowledged' });
    const noteId = randomUUID();
    await appendEntry(database.db, {
      caseId: caseB,
      entryId: noteId,
      kind: 'note',
      actor: staff,
      epoch: 0,
      ciphertext: await linkedEntry(database.db, {
        caseId: caseB,
        entryId: noteId,
        senderRole: 'staff',
        kind: 'note',
        key: newCaseKeys().staffKey,
        body: { text: 'a note on B' },
        signer: generateStaffKeys().sign
      })
    });
    // A new case about someone else, too.
    await file(['coordinator']);
    const after = await caseAuditView(database.db, seed.organisationId, caseA);
    expect(after).toEqual(before);
    expect(await verifyCaseAudit(after, caseA)).toMatchObject({ ok: true });
  });

  it("a reporter's event keeps the day only and is placed among its own case's events alone", async () => {
    const staff = { kind: 'staff' as const, personId: seed.people.coordinator!.personId };
    const counters = async () => (await database.db.select().from(rateLimits)).length;
    await updateCase(database.db, { caseId: caseB, actor: staff, status: 'responded' });
    const limitsBefore = await counters();
    const caseC = await file(['chair']);
    await updateCase(database.db, { caseId: caseB, actor: staff, status: 'acknowledged' });
    // No counter row records when a reporter acted.
    expect(await counters()).toBe(limitsBefore);
    const view = await caseAuditView(database.db, seed.organisationId, caseC);
    // Nothing in the view to place the reporter's event against: only this case's own events,
    // and the reporter's carries no time of day.
    expect(view.map((r) => r.own && r.caseId)).toEqual([caseC]);
    expect(view.every((r) => r.own && r.actorKind === 'reporter' && r.occurredAt === null)).toBe(
      true
    );
    expect(await verifyCaseAudit(view, caseC)).toMatchObject({ ok: true, events: 1 });
  });

  it('a tampered row is reported', async () => {
    const [row] = await database.db
      .select({ seq: auditEvents.seq, detail: auditEvents.detail })
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, caseA), eq(auditEvents.action, 'case.updated')));
    await database.db
      .update(auditEvents)
      .set({ detail: { status: 'closed' } })
      .where(eq(auditEvents.seq, row!.seq));
    const shared = await verifyAuditChain(await readAuditChain(database.db, seed.organisationId));
    expect(shared).toEqual({ ok: false, seq: row!.seq, reason: 'altered' });
    const view = await caseAuditView(database.db, seed.organisationId, caseA);
    expect(await verifyCaseAudit(view, caseA)).toEqual({
      ok: false,
      seq: row!.seq,
      reason: 'altered'
    });
    await database.db
      .update(auditEvents)
      .set({ detail: row!.detail as Record<string, string> })
      .where(eq(auditEvents.seq, row!.seq));
    expect(
      await verifyCaseAudit(await caseAuditView(database.db, seed.organisationId, caseA), caseA)
    ).toMatchObject({ ok: true });
  });

  it("a deleted row of the case is reported; another case's is none of its business", async () => {
    const [other] = await database.db
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, caseB), eq(auditEvents.action, 'entry.note')));
    await database.db.delete(auditEvents).where(eq(auditEvents.seq, other!.seq));
    expect(
      await verifyCaseAudit(await caseAuditView(database.db, seed.organisationId, caseA), caseA)
    ).toMatchObject({ ok: true });
    // A row in the middle of the case's chain (its acknowledgement, followed by the note).
    const [own] = await database.db
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, caseA), eq(auditEvents.action, 'case.updated')));
    await database.db.delete(auditEvents).where(eq(auditEvents.seq, own!.seq));
    const shared = await verifyAuditChain(await readAuditChain(database.db, seed.organisationId));
    expect(shared).toMatchObject({ ok: false, reason: 'broken_link' });
    const check = await verifyCaseAudit(
      await caseAuditView(database.db, seed.organisationId, caseA),
      caseA
    );
    expect(check).toMatchObject({ ok: false, reason: 'broken_link' });
    // Deleting the case's first event is caught even at the very start of the chain.
    await database.db.execute(
      sql`delete from audit_events where case_id = ${caseA} and action = 'case.submitted'`
    );
    const gone = await verifyCaseAudit(
      await caseAuditView(database.db, seed.organisationId, caseA),
      caseA
    );
    expect(gone.ok).toBe(false);
  });
});
