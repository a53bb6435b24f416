import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decryptEntry,
  decryptReport,
  deriveCaseKeys,
  derivePasswordSecrets,
  encryptReport,
  enrolStaff,
  openUnitSigningKey,
  signRosterEntry,
  toBase64,
  fromBase64,
  generateCaseKey,
  newCaseKeys,
  openSealedCaseKeys,
  parseCaseKey,
  ready,
  rotateCaseKeys,
  sealCaseKeysFor,
  signRequest,
  unwrapStaffKeys,
  utf8,
  verifyChains,
  type BoxPublicKey,
  type CaseKeys,
  type ReporterKeys,
  type SignPublicKey,
  type StaffKeys
} from '../../src/lib/crypto';
import { verifyAuditChain } from '../../src/lib/audit';
import { readAuditChain } from '../../src/lib/server/audit';
import {
  addHolders,
  appendEntry,
  authenticateReporter,
  CaseStoreError,
  holdersOf,
  listCasesForStaff,
  listEntries,
  loadCaseForStaff,
  reporterSealedKeys,
  revokeHolder,
  submitCase,
  today,
  updateCase
} from '../../src/lib/server/cases';
import { stage2InvestigatorFromAudit } from '../../src/lib/server/cases/staff-queries';
import {
  auditEvents,
  cases,
  caseKeys,
  credentials,
  people,
  signingKeyGrants
} from '../../src/lib/server/db/schema';
import { lookupHash } from '../../src/lib/crypto';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import {
  acceptInvitation,
  requestReinvite,
  storeRosterSignature
} from '../../src/lib/server/staff/accounts';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { linkedEntry, signedEvent } from '../support/entries';

let database: TestDatabase;
let seed: DemoSeed;
const staffKeys = new Map<string, StaffKeys>();

async function keysOf(key: string): Promise<StaffKeys> {
  const cached = staffKeys.get(key);
  if (cached) return cached;
  const person = seed.people[key]!;
  const [row] = await database.db
    .select()
    .from(credentials)
    .where(eq(credentials.personId, person.personId));
  const secrets = await derivePasswordSecrets(person.password, row!.passwordSalt);
  const keys = unwrapStaffKeys(row!.passwordWrappedKeys, secrets.keyEncryptionKey);
  staffKeys.set(key, keys);
  return keys;
}

async function boxOf(key: string): Promise<BoxPublicKey> {
  const [row] = await database.db
    .select({ box: credentials.boxPublicKey })
    .from(credentials)
    .where(eq(credentials.personId, seed.people[key]!.personId));
  return row!.box as BoxPublicKey;
}

interface Filed {
  caseId: string;
  submissionId: string;
  reporter: ReporterKeys;
  keys: CaseKeys;
  input: Parameters<typeof submitCase>[1];
}

async function file(recipients: string[], report: unknown = { what: 'x' }): Promise<Filed> {
  const reporter = await deriveCaseKeys(parseCaseKey(generateCaseKey()), seed.organisationId);
  const keys = newCaseKeys();
  const caseId = randomUUID();
  const submissionId = randomUUID();
  const input = {
    organisationId: seed.organisationId,
    caseId,
    submissionId,
    lookupHash: lookupHash(reporter.lookupToken),
    reporterSignPublicKey: reporter.sign.publicKey,
    reporterBoxPublicKey: reporter.box.publicKey,
    track: 'whistleblowing' as const,
    reportCiphertext: encryptReport(
      keys.contentKey,
      caseId,
      report,
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
  };
  await submitCase(database.db, input);
  return { caseId, submissionId, reporter, keys, input };
}

beforeAll(async () => {
  await ready();
  database = await createTestDatabase();
  seed = (await seedDemo(database.db, { password: (p) => `integration-${p.key}-password` }))!;
});

afterAll(async () => {
  await database?.dispose();
});

describe(`case store (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('files a case once, however often the submission is retried', async () => {
    const filed = await file(['chair', 'committee1']);
    const again = await submitCase(database.db, filed.input);
    const third = await Promise.all([
      submitCase(database.db, filed.input),
      submitCase(database.db, filed.input)
    ]);
    expect(again.created).toBe(false);
    expect(again.case.id).toBe(filed.caseId);
    expect(third.map((r) => r.case.id)).toEqual([filed.caseId, filed.caseId]);
    const rows = await database.db
      .select()
      .from(cases)
      .where(eq(cases.submissionId, filed.submissionId));
    expect(rows).toHaveLength(1);
    const keyRows = await database.db
      .select()
      .from(caseKeys)
      .where(eq(caseKeys.caseId, filed.caseId));
    expect(keyRows).toHaveLength(3);
    const submitted = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, filed.caseId), eq(auditEvents.action, 'case.submitted')));
    expect(submitted).toHaveLength(1);
    expect(submitted[0]!.occurredAt).toBeNull();
    expect(submitted[0]!.actorPersonId).toBeNull();
  });

  it('answers a new submission with the case exactly as stored, and a retry alike', async () => {
    const filed = await file(['chair']);
    const input = { ...filed.input, caseId: randomUUID(), submissionId: randomUUID() };
    const other = await deriveCaseKeys(parseCaseKey(generateCaseKey()), seed.organisationId);
    input.lookupHash = lookupHash(other.lookupToken);
    const first = await submitCase(database.db, input);
    const retry = await submitCase(database.db, input);
    const stored = await loadCaseForStaff(database.db, input.caseId, seed.people.chair!.personId);
    expect(first.created).toBe(true);
    expect(retry.created).toBe(false);
    const plain = (r: object) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, v instanceof Uint8Array ? [...v] : v])
      );
    expect(plain(first.case)).toEqual(plain(stored!.case));
    expect(plain(retry.case)).toEqual(plain(stored!.case));
  });

  it('seals a case only to people who may hold it: not a person of an unlinked body', async () => {
    const filed = await file(['chair']);
    const [stranger] = await database.db
      .select({ id: people.id })
      .from(people)
      .where(
        sql`${people.organisationId} <> ${seed.organisationId}
        and ${people.organisationId} not in (select body_id from unit_links
          where organisation_id = ${seed.organisationId})`
      )
      .limit(1);
    const other = await deriveCaseKeys(parseCaseKey(generateCaseKey()), seed.organisationId);
    const attempt = {
      ...filed.input,
      caseId: randomUUID(),
      submissionId: randomUUID(),
      lookupHash: lookupHash(other.lookupToken),
      recipients: [
        filed.input.recipients[0]!,
        { personId: stranger!.id, sealedKey: new Uint8Array(90) }
      ]
    };
    await expect(submitCase(database.db, attempt)).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      submitCase(database.db, {
        ...attempt,
        recipients: [filed.input.recipients[0]!, filed.input.recipients[0]!]
      })
    ).rejects.toMatchObject({ code: 'invalid' });
    const rows = await database.db.select().from(cases).where(eq(cases.id, attempt.caseId));
    expect(rows).toHaveLength(0);
  });

  it('refuses a submission id reused with another case key, and unknown recipients', async () => {
    const filed = await file(['chair']);
    const other = await deriveCaseKeys(parseCaseKey(generateCaseKey()), seed.organisationId);
    await expect(
      submitCase(database.db, { ...filed.input, lookupHash: lookupHash(other.lookupToken) })
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      submitCase(database.db, {
        ...filed.input,
        caseId: randomUUID(),
        submissionId: randomUUID(),
        lookupHash: lookupHash(other.lookupToken),
        recipients: [{ personId: randomUUID(), sealedKey: new Uint8Array(90) }]
      })
    ).rejects.toBeInstanceOf(CaseStoreError);
  });

  it('shows a case only to people holding a live key, never to a named admin', async () => {
    const filed = await file(['chair', 'committee1'], { what: 'left a child alone' });
    const coordinator = seed.people.coordinator!.personId;
    // Even an administrator who is named gets nothing.
    await database.db.update(people).set({ isAdmin: true }).where(eq(people.id, coordinator));
    expect(await loadCaseForStaff(database.db, filed.caseId, coordinator)).toBeNull();
    expect((await listCasesForStaff(database.db, coordinator)).map((c) => c.id)).not.toContain(
      filed.caseId
    );
    await expect(
      appendEntry(database.db, {
        caseId: filed.caseId,
        entryId: randomUUID(),
        kind: 'note',
        actor: { kind: 'staff', personId: coordinator },
        epoch: 0,
        ciphertext: new Uint8Array(100)
      })
    ).rejects.toMatchObject({ code: 'not_found' });

    const chair = await loadCaseForStaff(database.db, filed.caseId, seed.people.chair!.personId);
    expect(chair).not.toBeNull();
    const opened = openSealedCaseKeys(chair!.sealedKeys[0]!.sealedKey, (await keysOf('chair')).box);
    expect(opened.staffKey).toBeDefined();
    expect(
      decryptReport(
        opened.contentKey,
        filed.caseId,
        chair!.case.reportCiphertext,
        chair!.case.reporterSignPublicKey as SignPublicKey
      )
    ).toEqual({ what: 'left a child alone' });
    // Riverside has one administrator again, as the re-invite tests below expect.
    await database.db.update(people).set({ isAdmin: false }).where(eq(people.id, coordinator));
  });

  it('keeps notes from the reporter and lets the reporter write only messages', async () => {
    const filed = await file(['chair']);
    const chairKeys = await keysOf('chair');
    const noteId = randomUUID();
    await appendEntry(database.db, {
      caseId: filed.caseId,
      entryId: noteId,
      kind: 'note',
      actor: { kind: 'staff', personId: seed.people.chair!.personId },
      epoch: 0,
      ciphertext: await linkedEntry(database.db, {
        caseId: filed.caseId,
        entryId: noteId,
        senderRole: 'staff',
        kind: 'note',
        key: filed.keys.staffKey,
        body: { text: 'internal' },
        signer: chairKeys.sign
      })
    });
    const replyId = randomUUID();
    await appendEntry(database.db, {
      caseId: filed.caseId,
      entryId: replyId,
      kind: 'message',
      actor: { kind: 'staff', personId: seed.people.chair!.personId },
      epoch: 0,
      ciphertext: await linkedEntry(database.db, {
        caseId: filed.caseId,
        entryId: replyId,
        senderRole: 'staff',
        kind: 'message',
        key: filed.keys.contentKey,
        body: { text: 'thank you' },
        signer: chairKeys.sign
      })
    });
    const forReporter = await listEntries(database.db, filed.caseId, { includeNotes: false });
    expect(forReporter.map((e) => e.kind)).toEqual(['message']);
    const forStaff = await listEntries(database.db, filed.caseId, { includeNotes: true });
    expect(forStaff.map((e) => e.kind).sort()).toEqual(['message', 'note']);
    expect(forStaff.find((e) => e.kind === 'message')!.createdAt).not.toBeNull();

    const reporterMessage = {
      caseId: filed.caseId,
      entryId: randomUUID(),
      kind: 'message' as const,
      actor: { kind: 'reporter' as const },
      epoch: 0,
      ciphertext: await linkedEntry(database.db, {
        caseId: filed.caseId,
        entryId: 'x',
        senderRole: 'reporter',
        kind: 'message',
        key: filed.keys.contentKey,
        body: { text: 'more' },
        signer: filed.reporter.sign
      })
    };
    const first = await appendEntry(database.db, reporterMessage);
    const retry = await appendEntry(database.db, reporterMessage);
    expect([first.created, retry.created]).toEqual([true, false]);
    expect(first.entry.createdAt).toBeNull();
    await expect(
      appendEntry(database.db, { ...reporterMessage, ciphertext: new Uint8Array(5) })
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      appendEntry(database.db, { ...reporterMessage, entryId: randomUUID(), kind: 'note' })
    ).rejects.toMatchObject({ code: 'invalid' });
  });

  it('keeps each chain a single line: a stale or missing link is refused', async () => {
    const filed = await file(['chair']);
    const chair = { kind: 'staff' as const, personId: seed.people.chair!.personId };
    const signer = (await keysOf('chair')).sign;
    const message = async (entryId: string) =>
      linkedEntry(database.db, {
        caseId: filed.caseId,
        entryId,
        senderRole: 'staff',
        kind: 'message',
        key: filed.keys.contentKey,
        body: { text: entryId },
        signer
      });
    // Two writers who saw the same head: the first is stored, the second must write again.
    const [a, b] = [randomUUID(), randomUUID()];
    const [first, second] = [await message(a), await message(b)];
    const input = { caseId: filed.caseId, kind: 'message' as const, actor: chair, epoch: 0 };
    await appendEntry(database.db, { ...input, entryId: a, ciphertext: first });
    await expect(
      appendEntry(database.db, { ...input, entryId: b, ciphertext: second })
    ).rejects.toMatchObject({ code: 'conflict' });
    await appendEntry(database.db, { ...input, entryId: b, ciphertext: await message(b) });
    // Bytes without a link (an old format, or made up) are refused outright.
    await expect(
      appendEntry(database.db, {
        ...input,
        entryId: randomUUID(),
        ciphertext: new Uint8Array(120)
      })
    ).rejects.toMatchObject({ code: 'invalid' });
    const stored = await listEntries(database.db, filed.caseId, { includeNotes: true });
    expect(stored.map((e) => e.id)).toEqual([a, b]);
    const check = verifyChains(
      filed.caseId,
      stored.map((e) => ({ id: e.id, kind: e.kind, bytes: e.ciphertext })),
      { strict: true, chains: ['case', 'notes'] }
    );
    expect(check.ok).toBe(true);
  });

  it('refuses a report that does not bind the reporter box key filed with it', async () => {
    const reporter = await deriveCaseKeys(parseCaseKey(generateCaseKey()), seed.organisationId);
    const keys = newCaseKeys();
    const caseId = randomUUID();
    const other = await deriveCaseKeys(parseCaseKey(generateCaseKey()), seed.organisationId);
    await expect(
      submitCase(database.db, {
        organisationId: seed.organisationId,
        caseId,
        submissionId: randomUUID(),
        lookupHash: lookupHash(reporter.lookupToken),
        reporterSignPublicKey: reporter.sign.publicKey,
        reporterBoxPublicKey: other.box.publicKey,
        track: 'whistleblowing',
        reportCiphertext: encryptReport(
          keys.contentKey,
          caseId,
          {},
          reporter.sign,
          reporter.box.publicKey
        ),
        recipients: [
          {
            personId: seed.people.chair!.personId,
            sealedKey: sealCaseKeysFor(await boxOf('chair'), keys, { includeStaffKey: true })
          }
        ],
        reporterSealedKey: sealCaseKeysFor(reporter.box.publicKey, keys, { includeStaffKey: false })
      })
    ).rejects.toMatchObject({ code: 'invalid' });
  });

  it('lets the reporter escalate to the LADO, visibly, and the LADO reads the thread', async () => {
    const filed = await file(['chair']);
    const lado = seed.people.lado!;
    const event = await signedEvent(database.db, {
      caseId: filed.caseId,
      signer: filed.reporter.sign,
      key: filed.keys.contentKey,
      senderRole: 'reporter',
      event: { event: 'escalated', personIds: [lado.personId], body: 'lado' }
    });
    const holders = [
      {
        personId: lado.personId,
        epoch: 0,
        sealedKey: sealCaseKeysFor(await boxOf('lado'), filed.keys, { includeStaffKey: false })
      }
    ];
    const result = await addHolders(database.db, {
      caseId: filed.caseId,
      actor: { kind: 'reporter' },
      action: 'escalate',
      holders,
      detail: { body: 'lado' },
      event
    });
    expect(result.created).toBe(true);
    expect(result.case.status).toBe('escalated');
    const retry = await addHolders(database.db, {
      caseId: filed.caseId,
      actor: { kind: 'reporter' },
      action: 'escalate',
      holders,
      detail: { body: 'lado' },
      event
    });
    expect(retry.created).toBe(false);
    const loaded = await loadCaseForStaff(database.db, filed.caseId, lado.personId);
    expect(loaded).not.toBeNull();
    const opened = openSealedCaseKeys(loaded!.sealedKeys[0]!.sealedKey, (await keysOf('lado')).box);
    expect(
      decryptReport(
        opened.contentKey,
        filed.caseId,
        loaded!.case.reportCiphertext,
        loaded!.case.reporterSignPublicKey as SignPublicKey
      )
    ).toEqual({ what: 'x' });
    const entries = await listEntries(database.db, filed.caseId, { includeNotes: false });
    // The escalation is the reporter's own signed entry in the case's chain; nothing unsigned.
    expect(entries.some((e) => e.senderKind === 'system')).toBe(false);
    const escalation = entries.find((e) => e.id === event.entryId)!;
    expect(escalation.senderKind).toBe('reporter');
    expect(
      decryptEntry({
        caseId: filed.caseId,
        entryId: event.entryId,
        senderRole: 'reporter',
        kind: 'message',
        key: filed.keys.contentKey,
        ciphertext: escalation.ciphertext,
        senderSignPublicKey: filed.reporter.sign.publicKey
      }).body
    ).toMatchObject({ event: { event: 'escalated', body: 'lado', personIds: [lado.personId] } });
    // The coordinator (not a body member) cannot be added, nor someone from nowhere.
    await expect(
      addHolders(database.db, {
        caseId: filed.caseId,
        actor: { kind: 'reporter' },
        action: 'escalate',
        holders: [{ personId: randomUUID(), epoch: 0, sealedKey: new Uint8Array(90) }],
        event: await signedEvent(database.db, {
          caseId: filed.caseId,
          signer: filed.reporter.sign,
          key: filed.keys.contentKey,
          senderRole: 'reporter',
          event: { event: 'escalated', personIds: [] }
        })
      })
    ).rejects.toMatchObject({ code: 'invalid' });
  });

  it('revokes a holder by rotating the keys to everyone else', async () => {
    const filed = await file(['chair', 'committee1']);
    const chair = seed.people.chair!.personId;
    const removed = seed.people.committee1!.personId;
    const next = rotateCaseKeys(filed.keys);
    const sealed = [
      {
        personId: chair,
        sealedKey: sealCaseKeysFor(await boxOf('chair'), next, { includeStaffKey: true })
      },
      {
        personId: null,
        sealedKey: sealCaseKeysFor(filed.reporter.box.publicKey, next, { includeStaffKey: false })
      }
    ];
    const event = await signedEvent(database.db, {
      caseId: filed.caseId,
      signer: (await keysOf('chair')).sign,
      key: next.contentKey,
      senderRole: 'staff',
      event: { event: 'revoked', personIds: [removed] },
      epoch: 1
    });
    // Leaving out a remaining holder is refused.
    await expect(
      revokeHolder(database.db, {
        caseId: filed.caseId,
        actor: { kind: 'staff', personId: chair },
        personId: removed,
        newEpoch: 1,
        sealedKeys: sealed.slice(0, 1),
        event
      })
    ).rejects.toMatchObject({ code: 'invalid' });
    const after = await revokeHolder(database.db, {
      caseId: filed.caseId,
      actor: { kind: 'staff', personId: chair },
      personId: removed,
      newEpoch: 1,
      sealedKeys: sealed,
      event
    });
    expect(after.keyEpoch).toBe(1);
    expect(await loadCaseForStaff(database.db, filed.caseId, removed)).toBeNull();
    const holders = await holdersOf(database.db, filed.caseId);
    expect(holders.map((h) => [h.personId, h.epochs])).toEqual(
      expect.arrayContaining([
        [chair, [0, 1]],
        [null, [0, 1]]
      ])
    );
    expect(holders.some((h) => h.personId === removed)).toBe(false);
    const reporterKeys = await reporterSealedKeys(database.db, filed.caseId);
    const opened = openSealedCaseKeys(reporterKeys[1]!.sealedKey, filed.reporter.box);
    expect(opened).toMatchObject({ epoch: 1 });
    expect(opened.staffKey).toBeUndefined();
    // A stale rotation (epoch already used) is a conflict.
    await expect(
      revokeHolder(database.db, {
        caseId: filed.caseId,
        actor: { kind: 'staff', personId: chair },
        personId: chair,
        newEpoch: 1,
        sealedKeys: [],
        event: { ...event, entryId: randomUUID() }
      })
    ).rejects.toMatchObject({ code: 'conflict' });
    // The removed person can no longer write.
    await expect(
      appendEntry(database.db, {
        caseId: filed.caseId,
        entryId: randomUUID(),
        kind: 'message',
        actor: { kind: 'staff', personId: removed },
        epoch: 1,
        ciphertext: new Uint8Array(100)
      })
    ).rejects.toMatchObject({ code: 'not_found' });
    // Entries at the new epoch open for the reporter with the new key.
    const entryId = randomUUID();
    const ciphertext = await linkedEntry(database.db, {
      caseId: filed.caseId,
      entryId,
      senderRole: 'staff',
      kind: 'message',
      key: next.contentKey,
      body: { text: 'after rotation' },
      signer: (await keysOf('chair')).sign
    });
    await appendEntry(database.db, {
      caseId: filed.caseId,
      entryId,
      kind: 'message',
      actor: { kind: 'staff', personId: chair },
      epoch: 1,
      ciphertext
    });
    expect(
      decryptEntry({
        caseId: filed.caseId,
        entryId,
        senderRole: 'staff',
        kind: 'message',
        key: opened.contentKey,
        ciphertext,
        senderSignPublicKey: (await keysOf('chair')).sign.publicKey
      }).body
    ).toEqual({ text: 'after rotation' });
  });

  it('authenticates reporter requests by signature and refuses bad ones alike', async () => {
    const filed = await file(['chair']);
    const body = utf8('{"x":1}');
    const day = today();
    const path = '/o/riverside/api/case';
    const signature = signRequest(filed.reporter.sign, { method: 'POST', path, body, day });
    const base = {
      organisationId: seed.organisationId,
      lookupToken: filed.reporter.lookupToken,
      method: 'POST',
      path,
      body,
      day,
      signature
    };
    const good = await authenticateReporter(database.db, base);
    expect(good.ok && good.case.id).toBe(filed.caseId);
    const other = await deriveCaseKeys(parseCaseKey(generateCaseKey()), seed.organisationId);
    const bad = [
      { ...base, body: utf8('{"x":2}') },
      { ...base, path: '/o/riverside/api/case/messages' },
      { ...base, signature: signRequest(other.sign, { method: 'POST', path, body, day }) },
      { ...base, signature: 'not-base64!' },
      { ...base, signature: null },
      { ...base, lookupToken: other.lookupToken },
      { ...base, organisationId: seed.people.lado!.unitId }
    ];
    for (const request of bad) {
      expect(await authenticateReporter(database.db, request)).toEqual({
        ok: false,
        reason: 'not_found'
      });
    }
    // Yesterday's signature is still accepted; one from two days ago is not.
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect((await authenticateReporter(database.db, base, tomorrow)).ok).toBe(true);
    const later = new Date(Date.now() + 2 * 86_400_000);
    expect((await authenticateReporter(database.db, base, later)).ok).toBe(false);
    expect(fromBase64(signature)).toHaveLength(64);
  });

  it('keeps an audit chain that verifies and detects a changed or deleted row', async () => {
    const rows = await readAuditChain(database.db, seed.organisationId);
    expect(rows.length).toBeGreaterThan(5);
    const check = await verifyAuditChain(rows);
    expect(check.ok).toBe(true);
    // Reporter events keep the day only.
    expect(rows.filter((r) => r.actorKind === 'reporter').every((r) => r.occurredAt === null)).toBe(
      true
    );

    // A row followed by another of its chain (its case's: docs/PROTOCOL.md §7).
    const victim = rows.find((r) => rows.some((s) => s.seq > r.seq && s.caseId === r.caseId))!;
    const successor = rows.find((s) => s.seq > victim.seq && s.caseId === victim.caseId)!;
    await database.db.execute(
      sql`update audit_events set action = 'case.nothing' where seq = ${victim.seq}`
    );
    const altered = await verifyAuditChain(await readAuditChain(database.db, seed.organisationId));
    expect(altered).toEqual({ ok: false, seq: victim.seq, reason: 'altered' });
    await database.db.execute(
      sql`update audit_events set action = ${victim.action} where seq = ${victim.seq}`
    );
    expect(
      (await verifyAuditChain(await readAuditChain(database.db, seed.organisationId))).ok
    ).toBe(true);

    await database.db.execute(sql`delete from audit_events where seq = ${victim.seq}`);
    const deleted = await verifyAuditChain(await readAuditChain(database.db, seed.organisationId));
    expect(deleted).toEqual({ ok: false, seq: successor.seq, reason: 'broken_link' });
  });

  it('serialises concurrent appends into one unbroken chain', async () => {
    const organisationId = seed.organisationId;
    const filed = await Promise.all([file(['chair']), file(['chair']), file(['committee1'])]);
    await Promise.all(
      filed.map(async (f) => {
        const entryId = randomUUID();
        return appendEntry(database.db, {
          caseId: f.caseId,
          entryId,
          kind: 'message',
          actor: { kind: 'reporter' },
          epoch: 0,
          ciphertext: await linkedEntry(database.db, {
            caseId: f.caseId,
            entryId,
            senderRole: 'reporter',
            kind: 'message',
            key: f.keys.contentKey,
            body: { text: 'at the same time' },
            signer: f.reporter.sign
          })
        });
      })
    );
    // Each case's chain verifies on its own (an earlier test broke another case's on purpose).
    const ids = new Set(filed.map((f) => f.caseId));
    const rows = (await readAuditChain(database.db, organisationId)).filter((r) =>
      ids.has(r.caseId ?? '')
    );
    expect((await verifyAuditChain(rows)).ok).toBe(true);
    // No two events claim the same predecessor; each chain (one per case, one for events
    // about no case) starts from the zero hash once.
    const linked = rows.filter((r) => r.prevHash.some((b) => b !== 0));
    const hashes = new Set(linked.map((r) => Buffer.from(r.prevHash).toString('hex')));
    expect(hashes.size).toBe(linked.length);
    const chains = new Set(rows.map((r) => r.caseId ?? ''));
    expect(rows.length - linked.length).toBe(chains.size);
  });
});

describe('a re-invited person', () => {
  it('loses keys sealed to their old key pairs; a colleague shares the case again', async () => {
    const filed = await file(['chair', 'committee3']);
    const samuel = seed.people.committee3!;
    const admin = seed.people.admin!;
    const session = {
      personId: admin.personId,
      organisationId: admin.unitId,
      displayName: admin.displayName,
      email: admin.email,
      isAdmin: true,
      isHost: true,
      mustEnrolTotp: false
    };
    const links: string[] = [];
    const mail = {
      enabled: true,
      notice: async () => {},
      invitationLink: async (_to: string, token: string) => void links.push(token)
    };
    // Riverside has one admin: the link goes straight to the person's own address.
    expect((await requestReinvite(database.db, session, samuel.personId, mail)).status).toBe(
      'sent'
    );
    const token = links[0]!;
    const enrolment = await enrolStaff('samuel forgot everything');
    const s = enrolment.server;
    await acceptInvitation(database.db, token, {
      boxPublicKey: toBase64(s.boxPublicKey),
      signPublicKey: toBase64(s.signPublicKey),
      passwordSalt: toBase64(s.passwordSalt),
      passwordWrappedKeys: toBase64(s.passwordWrappedKeys),
      recoveryWrappedKeys: toBase64(s.recoveryWrappedKeys),
      loginSecret: toBase64(s.loginSecret),
      recoveryProof: toBase64(s.recoveryProof)
    });
    expect(await loadCaseForStaff(database.db, filed.caseId, samuel.personId)).toBeNull();
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, filed.caseId), eq(auditEvents.action, 'case.keys_reset')));
    expect(events.map((e) => e.detail)).toEqual([{ personIds: [samuel.personId] }]);

    // An admin signs the new keys into the roster; until then nobody may share with them.
    const [grant] = await database.db
      .select()
      .from(signingKeyGrants)
      .where(eq(signingKeyGrants.personId, admin.personId));
    const unitKey = openUnitSigningKey(grant!.sealedSigningKey, (await keysOf('admin')).box);
    await storeRosterSignature(
      database.db,
      session,
      samuel.personId,
      signRosterEntry(unitKey.privateKey, {
        unitId: admin.unitId,
        personId: samuel.personId,
        roles: samuel.roles,
        boxPublicKey: s.boxPublicKey,
        signPublicKey: s.signPublicKey
      })
    );

    // The chair opens the case keys and seals them to Samuel's new box key.
    const chairKeys = await keysOf('chair');
    const held = (await loadCaseForStaff(database.db, filed.caseId, seed.people.chair!.personId))!;
    const opened = openSealedCaseKeys(held.sealedKeys[0]!.sealedKey, chairKeys.box);
    await addHolders(database.db, {
      caseId: filed.caseId,
      actor: { kind: 'staff', personId: seed.people.chair!.personId },
      action: 'grant',
      holders: [
        {
          personId: samuel.personId,
          epoch: 0,
          sealedKey: sealCaseKeysFor(
            s.boxPublicKey,
            { ...opened, staffKey: opened.staffKey! } as CaseKeys,
            {
              includeStaffKey: true
            }
          )
        }
      ],
      event: await signedEvent(database.db, {
        caseId: filed.caseId,
        signer: (await keysOf('chair')).sign,
        key: opened.contentKey,
        senderRole: 'staff',
        event: { event: 'granted', personIds: [samuel.personId] }
      })
    });
    const again = (await loadCaseForStaff(database.db, filed.caseId, samuel.personId))!;
    const reopened = openSealedCaseKeys(again.sealedKeys[0]!.sealedKey, enrolment.keys.box);
    expect(
      decryptReport(
        reopened.contentKey,
        filed.caseId,
        again.case.reportCiphertext,
        filed.reporter.sign.publicKey
      )
    ).toEqual({ what: 'x' });
  });
});

describe('the stage-3 panel', () => {
  it('knows from the audit trail who investigated at stage 2', async () => {
    const filed = await file(['chair', 'complaintsOfficer']);
    const chair = seed.people.chair!.personId;
    const officer = seed.people.complaintsOfficer!.personId;
    const write = async (personId: string) => {
      const entryId = randomUUID();
      return appendEntry(database.db, {
        caseId: filed.caseId,
        entryId,
        kind: 'message',
        actor: { kind: 'staff', personId },
        epoch: 0,
        ciphertext: await linkedEntry(database.db, {
          caseId: filed.caseId,
          entryId,
          senderRole: 'staff',
          kind: 'message',
          key: filed.keys.contentKey,
          body: { text: 'stage reply' },
          signer: (await keysOf('chair')).sign
        })
      });
    };
    const moveTo = (stage: number) =>
      updateCase(database.db, { caseId: filed.caseId, actor: { kind: 'system' }, stage });

    await write(chair); // stage 1: not an investigation at stage 2
    expect(await stage2InvestigatorFromAudit(database.db, filed.caseId)).toBeNull();
    await moveTo(2);
    await write(officer);
    expect(await stage2InvestigatorFromAudit(database.db, filed.caseId)).toBe(officer);
    // The stage's formal response names the investigator, whoever wrote first.
    await updateCase(database.db, {
      caseId: filed.caseId,
      actor: { kind: 'staff', personId: chair },
      respondedOn: today()
    });
    await moveTo(3);
    await write(officer); // stage 3 changes nothing
    expect(await stage2InvestigatorFromAudit(database.db, filed.caseId)).toBe(chair);
  });
});
