import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encryptReport,
  generateStaffKeys,
  lookupHash,
  newCaseKeys,
  randomBytes,
  ready,
  sealCaseKeysFor,
  sealReceipt,
  type BoxPublicKey,
  type LookupToken,
  type ReporterKeys
} from '../../src/lib/crypto';
import { verifyOrganisationAudit } from '../../src/lib/server/audit';
import { consume } from '../../src/lib/server/auth/rate-limit';
import {
  appendEntry,
  CaseStoreError,
  submitCase,
  today,
  updateCase
} from '../../src/lib/server/cases';
import {
  auditEvents,
  caseFileChunks,
  caseFiles,
  cases,
  credentials,
  organisations
} from '../../src/lib/server/db/schema';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import { deadlineKey } from '../../src/lib/server/notify';
import { receiptFor, storeSealedReceipt } from '../../src/lib/server/receipts';
import { deleteCaseAtReview } from '../../src/lib/server/records/deletion';
import { reviewListFor, reviewNoticeKey, reviewSweep } from '../../src/lib/server/records/review';
import type { Notifier } from '../../src/lib/server/notify';
import { rowsOfCase, schemaTables } from '../support/case-rows';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { linkedEntry } from '../support/entries';

let database: TestDatabase;
let seed: DemoSeed;

async function boxOf(key: string): Promise<BoxPublicKey> {
  const [row] = await database.db
    .select({ box: credentials.boxPublicKey })
    .from(credentials)
    .where(eq(credentials.personId, seed.people[key]!.personId));
  return row!.box as BoxPublicKey;
}

function reporterKeys(): ReporterKeys {
  const pair = generateStaffKeys();
  return { lookupToken: randomBytes(32) as LookupToken, sign: pair.sign, box: pair.box };
}

/** A complaint as a browser files it, with a message, an attachment, a receipt and a notice claim. */
async function fileFullCase(recipients: string[]) {
  const reporter = reporterKeys();
  const keys = newCaseKeys();
  const caseId = randomUUID();
  const { case: record } = await submitCase(database.db, {
    organisationId: seed.organisationId,
    caseId,
    submissionId: randomUUID(),
    lookupHash: lookupHash(reporter.lookupToken),
    reporterSignPublicKey: reporter.sign.publicKey,
    reporterBoxPublicKey: reporter.box.publicKey,
    track: 'complaint',
    reportCiphertext: encryptReport(
      keys.contentKey,
      caseId,
      { what: 'x' },
      reporter.sign,
      reporter.box.publicKey
    ),
    recipients: await Promise.all(
      recipients.map(async (k) => ({
        personId: seed.people[k]!.personId,
        sealedKey: sealCaseKeysFor(await boxOf(k), keys, { includeStaffKey: true })
      }))
    ),
    reporterSealedKey: sealCaseKeysFor(reporter.box.publicKey, keys, { includeStaffKey: false })
  });
  const entryId = randomUUID();
  await appendEntry(database.db, {
    caseId,
    entryId,
    kind: 'message',
    actor: { kind: 'reporter' },
    epoch: 0,
    ciphertext: await linkedEntry(database.db, {
      caseId,
      entryId,
      senderRole: 'reporter',
      kind: 'message',
      key: keys.contentKey,
      body: { text: 'more' },
      signer: reporter.sign
    })
  });
  const fileId = randomUUID();
  await database.db.insert(caseFiles).values({
    id: fileId,
    caseId,
    entryId,
    uploaderKind: 'reporter',
    paddedSize: 65_536,
    chunkCount: 2,
    startedOn: today()
  });
  await database.db.insert(caseFileChunks).values([
    { fileId, caseId, index: 0, data: randomBytes(32) },
    { fileId, caseId, index: 1, data: randomBytes(32) }
  ]);
  const receipt = await receiptFor(database.db, record);
  await storeSealedReceipt(database.db, caseId, sealReceipt(receipt, reporter.box.publicKey));
  await consume(database.db, deadlineKey(caseId, today()), { max: 1, windowMs: 86_400_000 });
  const chair = { kind: 'staff' as const, personId: seed.people.chair!.personId };
  await updateCase(database.db, { caseId, actor: chair, status: 'closed', closedOn: today() });
  return caseId;
}

/** Moves a case's dates back, as if it had been filed and closed years ago. */
async function age(caseId: string, receivedOn: string, closedOn: string) {
  await database.db
    .update(cases)
    .set({ receivedOn, stageStartedOn: receivedOn, closedOn })
    .where(eq(cases.id, caseId));
}

const quietNotifier = { enabled: false } as unknown as Notifier;

beforeAll(async () => {
  await ready();
  database = await createTestDatabase();
  seed = (await seedDemo(database.db, { password: (p) => `integration-${p.key}-password` }))!;
});

afterAll(async () => {
  await database?.dispose();
});

describe('retention review and deletion', () => {
  it('a case deleted at review leaves zero rows in every table that held it', async () => {
    const kept = await fileFullCase(['chair', 'complaintsOfficer']);
    const doomed = await fileFullCase(['chair', 'complaintsOfficer']);
    await age(doomed, '2015-01-05', '2015-03-01');

    const before = await rowsOfCase(database.db, doomed);
    for (const table of [
      'cases',
      'case_keys',
      'case_entries',
      'case_files',
      'case_file_chunks',
      'case_receipts',
      'audit_events',
      'rate_limits'
    ]) {
      expect(before[table], table).toBeGreaterThan(0);
    }
    expect(Object.keys(before).length).toBe(schemaTables().length);

    // Someone who does not hold it cannot, whatever their role; the admin holds nothing.
    await expect(
      deleteCaseAtReview(database.db, doomed, {
        kind: 'staff',
        personId: seed.people.admin!.personId
      })
    ).rejects.toMatchObject({ code: 'not_found' });
    // A case not yet due is refused, and nothing changes.
    await expect(
      deleteCaseAtReview(database.db, kept, {
        kind: 'staff',
        personId: seed.people.chair!.personId
      })
    ).rejects.toBeInstanceOf(CaseStoreError);

    const review = await reviewListFor(database.db, seed.people.chair!.personId);
    expect(review.find((r) => r.caseId === doomed)?.review).toMatchObject({
      state: 'due',
      dueOn: '2021-03-01'
    });

    await deleteCaseAtReview(database.db, doomed, {
      kind: 'staff',
      personId: seed.people.chair!.personId
    });

    const after = await rowsOfCase(database.db, doomed);
    expect(
      Object.values(after).every((n) => n === 0),
      JSON.stringify(after)
    ).toBe(true);
    // The other case is untouched.
    expect((await rowsOfCase(database.db, kept)).case_keys).toBeGreaterThan(0);
    // The decision is on the audit trail, and the organisation's chain still verifies.
    const [deleted] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'case.deleted'));
    expect(deleted).toMatchObject({
      actorKind: 'staff',
      actorPersonId: seed.people.chair!.personId,
      caseId: null
    });
    expect(deleted!.detail).toMatchObject({ track: 'complaint', reason: 'review' });
    expect(await verifyOrganisationAudit(database.db, seed.organisationId)).toMatchObject({
      ok: true
    });
  });

  it('tells holders ahead of review, and deletes nothing unless the organisation turned it on', async () => {
    const caseId = await fileFullCase(['chair']);
    await age(caseId, '2010-01-01', '2010-02-01');
    const sent: string[] = [];
    const notifier = {
      enabled: true,
      send: async (to: string) => void sent.push(to)
    } as unknown as Notifier;
    const first = await reviewSweep(database.db, notifier);
    expect(first.deleted).toBe(0);
    expect(first.noticed).toBeGreaterThanOrEqual(1);
    // Once per case and review date.
    const again = await reviewSweep(database.db, notifier);
    expect(again.noticed).toBe(0);
    expect((await rowsOfCase(database.db, caseId)).cases).toBe(1);
    expect(reviewNoticeKey(caseId, '2016-02-01')).toContain(caseId);

    const [org] = await database.db
      .select({ policy: organisations.policy })
      .from(organisations)
      .where(eq(organisations.id, seed.organisationId));
    await database.db
      .update(organisations)
      .set({ policy: { ...(org!.policy as object), records: { autoDelete: true } } })
      .where(eq(organisations.id, seed.organisationId));
    const swept = await reviewSweep(database.db, quietNotifier);
    expect(swept.deleted).toBeGreaterThanOrEqual(1);
    expect(Object.values(await rowsOfCase(database.db, caseId)).every((n) => n === 0)).toBe(true);
    const automatic = await database.db
      .select()
      .from(auditEvents)
      .where(sql`action = 'case.deleted' and actor_kind = 'system'`);
    expect(automatic.length).toBeGreaterThanOrEqual(1);
  });
});
