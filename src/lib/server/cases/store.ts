import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Track } from '$lib/schemas/common';
import { appendAudit } from '../audit';
import type { Database } from '../db';
import {
  caseEntries,
  caseKeys,
  cases,
  credentials,
  organisations,
  people,
  unitLinks
} from '../db/schema';
import {
  CaseStoreError,
  type Actor,
  type CaseRecord,
  type EntryRecord,
  type Holder
} from './types';
import { encodeSystemRecord, type SystemRecord } from './system-record';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** UTC `YYYY-MM-DD`: the only time kept for reporter actions. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function actorColumns(actor: Actor) {
  return actor.kind === 'staff'
    ? { actorKind: 'staff' as const, actorPersonId: actor.personId }
    : { actorKind: actor.kind, actorPersonId: null };
}

/** Reporter events keep the day only; staff and system events the instant too. */
function auditTime(actor: Actor, day: string) {
  return { occurredOn: day, occurredAt: actor.kind === 'reporter' ? null : new Date() };
}

/** The columns of an EntryRecord. */
const entryColumns = {
  id: caseEntries.id,
  seq: caseEntries.seq,
  kind: caseEntries.kind,
  senderKind: caseEntries.senderKind,
  senderPersonId: caseEntries.senderPersonId,
  epoch: caseEntries.epoch,
  ciphertext: caseEntries.ciphertext,
  createdOn: caseEntries.createdOn,
  createdAt: caseEntries.createdAt
};

/** The columns of a CaseRecord, shared with the staff queries. */
export const caseColumns = {
  id: cases.id,
  organisationId: cases.organisationId,
  track: cases.track,
  stage: cases.stage,
  status: cases.status,
  keyEpoch: cases.keyEpoch,
  reporterSignPublicKey: cases.reporterSignPublicKey,
  reporterBoxPublicKey: cases.reporterBoxPublicKey,
  reportCiphertext: cases.reportCiphertext,
  receivedOn: cases.receivedOn,
  stageStartedOn: cases.stageStartedOn,
  acknowledgedOn: cases.acknowledgedOn,
  respondedOn: cases.respondedOn,
  closedOn: cases.closedOn
};

/**
 * People who may be sealed a case of this organisation: its own people and those of the external
 * bodies linked to it, active or on leave, with keys the unit has signed.
 */
export async function eligibleHolderIds(
  db: Database,
  organisationId: string,
  personIds: readonly string[]
): Promise<Map<string, { unitId: string; unitKind: string }>> {
  const found = new Map<string, { unitId: string; unitKind: string }>();
  if (personIds.length === 0) return found;
  const bodies = await db
    .select({ id: unitLinks.bodyId })
    .from(unitLinks)
    .where(eq(unitLinks.organisationId, organisationId));
  const units = [organisationId, ...bodies.map((b) => b.id)];
  const rows = await db
    .select({ personId: people.id, unitId: people.organisationId, unitKind: organisations.kind })
    .from(people)
    .innerJoin(credentials, eq(credentials.personId, people.id))
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(
      and(
        inArray(people.id, [...personIds]),
        inArray(people.organisationId, units),
        inArray(people.status, ['active', 'on_leave']),
        sql`${credentials.rosterSignature} is not null`
      )
    );
  for (const row of rows) found.set(row.personId, { unitId: row.unitId, unitKind: row.unitKind });
  return found;
}

async function requireEligible(
  db: Database,
  organisationId: string,
  personIds: readonly string[]
): Promise<Map<string, { unitId: string; unitKind: string }>> {
  const unique = [...new Set(personIds)];
  if (unique.length !== personIds.length) {
    throw new CaseStoreError('invalid', 'A person is listed twice.');
  }
  const found = await eligibleHolderIds(db, organisationId, unique);
  if (found.size !== unique.length) {
    throw new CaseStoreError('invalid', 'Someone listed cannot receive cases here.');
  }
  return found;
}

export interface SubmitCaseInput {
  organisationId: string;
  /** Chosen by the reporter's browser (bound into the report's AD). */
  caseId: string;
  /** Chosen by the reporter's browser once per report: a retry finds the same case. */
  submissionId: string;
  lookupHash: Uint8Array;
  reporterSignPublicKey: Uint8Array;
  reporterBoxPublicKey: Uint8Array;
  track: Track;
  reportCiphertext: Uint8Array;
  /** Epoch-0 bundles (CK and SK) sealed to each recipient. */
  recipients: { personId: string; sealedKey: Uint8Array }[];
  /** Epoch-0 bundle (CK only) sealed to the reporter's own box key. */
  reporterSealedKey: Uint8Array;
  day?: string;
}

/**
 * Files a case with its sealed keys and a `case.submitted` audit event, in one transaction.
 * Idempotent by `submissionId`: a retry returns the case the first attempt made (`created:
 * false`) and writes nothing. A submission id reused with a different case key is a conflict.
 */
export async function submitCase(
  db: Database,
  input: SubmitCaseInput
): Promise<{ case: CaseRecord; created: boolean }> {
  if (input.recipients.length === 0) {
    throw new CaseStoreError('invalid', 'A case needs at least one recipient.');
  }
  const day = input.day ?? today();
  const existing = await findBySubmission(db, input);
  if (existing) return { case: existing, created: false };
  await requireEligible(
    db,
    input.organisationId,
    input.recipients.map((r) => r.personId)
  );
  const created = await db
    .transaction(async (tx: Tx) => {
      const inserted = await tx
        .insert(cases)
        .values({
          id: input.caseId,
          organisationId: input.organisationId,
          submissionId: input.submissionId,
          lookupHash: input.lookupHash,
          reporterSignPublicKey: input.reporterSignPublicKey,
          reporterBoxPublicKey: input.reporterBoxPublicKey,
          track: input.track,
          reportCiphertext: input.reportCiphertext,
          receivedOn: day,
          stageStartedOn: day
        })
        .onConflictDoNothing({ target: cases.submissionId })
        .returning({ id: cases.id });
      // A concurrent retry got there first: nothing more to write.
      if (inserted.length === 0) return false;
      await tx.insert(caseKeys).values([
        ...input.recipients.map((r) => ({
          caseId: input.caseId,
          personId: r.personId,
          epoch: 0,
          sealedKey: r.sealedKey,
          grantedOn: day
        })),
        {
          caseId: input.caseId,
          personId: null,
          epoch: 0,
          sealedKey: input.reporterSealedKey,
          grantedOn: day
        }
      ]);
      await appendAudit(tx, {
        organisationId: input.organisationId,
        caseId: input.caseId,
        actorKind: 'reporter',
        actorPersonId: null,
        action: 'case.submitted',
        detail: { track: input.track, recipients: input.recipients.map((r) => r.personId) },
        occurredOn: day,
        occurredAt: null
      });
      return true;
    })
    .catch(async (error: unknown) => {
      // The case id or lookup hash is taken: a retry racing us, or a genuine clash.
      const again = await findBySubmission(db, input);
      if (again) return false;
      if (isUniqueViolation(error))
        throw new CaseStoreError('conflict', 'That case already exists.');
      throw error;
    });
  const record = await findBySubmission(db, input);
  if (!record) throw new CaseStoreError('conflict', 'The case could not be filed.');
  return { case: record, created };
}

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; cause?: { code?: string } })?.code ??
    (error as { cause?: { code?: string } })?.cause?.code;
  return code === '23505';
}

async function findBySubmission(
  db: Database,
  input: Pick<SubmitCaseInput, 'submissionId' | 'organisationId' | 'lookupHash'>
): Promise<CaseRecord | null> {
  const [row] = await db
    .select({ ...caseColumns, lookupHash: cases.lookupHash })
    .from(cases)
    .where(eq(cases.submissionId, input.submissionId));
  if (!row) return null;
  const same =
    row.organisationId === input.organisationId &&
    row.lookupHash.length === input.lookupHash.length &&
    row.lookupHash.every((b, i) => b === input.lookupHash[i]);
  if (!same) throw new CaseStoreError('conflict', 'That submission id belongs to another case.');
  const { lookupHash: _omit, ...record } = row;
  void _omit;
  return record;
}

/** The reporter's way in: the case whose lookup hash this is, within this organisation. */
export async function findCaseByLookupHash(
  db: Database,
  organisationId: string,
  lookupHash: Uint8Array
): Promise<CaseRecord | null> {
  const [row] = await db
    .select(caseColumns)
    .from(cases)
    .where(and(eq(cases.lookupHash, lookupHash), eq(cases.organisationId, organisationId)));
  return row ?? null;
}

/**
 * A case as one staff member may see it, or null unless they hold a live (non-revoked) key row:
 * callers answer 404 for null, whatever else the person is (an admin included).
 * `sealedKeys` are that person's bundles, one per epoch they were given.
 */
export async function loadCaseForStaff(
  db: Database,
  caseId: string,
  personId: string
): Promise<{ case: CaseRecord; sealedKeys: { epoch: number; sealedKey: Uint8Array }[] } | null> {
  const keys = await db
    .select({ epoch: caseKeys.epoch, sealedKey: caseKeys.sealedKey })
    .from(caseKeys)
    .where(
      and(eq(caseKeys.caseId, caseId), eq(caseKeys.personId, personId), isNull(caseKeys.revokedOn))
    )
    .orderBy(asc(caseKeys.epoch));
  if (keys.length === 0) return null;
  const [row] = await db.select(caseColumns).from(cases).where(eq(cases.id, caseId));
  return row ? { case: row, sealedKeys: keys } : null;
}

/** Cases this person holds a live key for, newest first (an inbox). */
export async function listCasesForStaff(db: Database, personId: string): Promise<CaseRecord[]> {
  return db
    .selectDistinct(caseColumns)
    .from(cases)
    .innerJoin(caseKeys, eq(caseKeys.caseId, cases.id))
    .where(and(eq(caseKeys.personId, personId), isNull(caseKeys.revokedOn)))
    .orderBy(sql`${cases.receivedOn} desc`, asc(cases.id));
}

/** The reporter's own bundles (CK only), one per epoch. */
export async function reporterSealedKeys(
  db: Database,
  caseId: string
): Promise<{ epoch: number; sealedKey: Uint8Array }[]> {
  return db
    .select({ epoch: caseKeys.epoch, sealedKey: caseKeys.sealedKey })
    .from(caseKeys)
    .where(and(eq(caseKeys.caseId, caseId), isNull(caseKeys.personId), isNull(caseKeys.revokedOn)))
    .orderBy(asc(caseKeys.epoch));
}

/** Everyone who holds a live key row, with the epochs they hold; `personId` null is the reporter. */
export async function holdersOf(db: Database, caseId: string): Promise<Holder[]> {
  const rows = await db
    .select({ personId: caseKeys.personId, epoch: caseKeys.epoch, grantedOn: caseKeys.grantedOn })
    .from(caseKeys)
    .where(and(eq(caseKeys.caseId, caseId), isNull(caseKeys.revokedOn)))
    .orderBy(asc(caseKeys.epoch), asc(caseKeys.id));
  const byPerson = new Map<string | null, Holder>();
  for (const row of rows) {
    const holder = byPerson.get(row.personId) ?? {
      personId: row.personId,
      epochs: [],
      since: row.grantedOn
    };
    holder.epochs.push(row.epoch);
    byPerson.set(row.personId, holder);
  }
  return [...byPerson.values()];
}

/**
 * The case's entries in order. Notes (under the staff-only key) only when `includeNotes`: pass
 * true for a staff holder, never for the reporter.
 */
export async function listEntries(
  db: Database,
  caseId: string,
  options: { includeNotes: boolean }
): Promise<EntryRecord[]> {
  return db
    .select(entryColumns)
    .from(caseEntries)
    .where(
      options.includeNotes
        ? eq(caseEntries.caseId, caseId)
        : and(eq(caseEntries.caseId, caseId), ne(caseEntries.kind, 'note'))
    )
    .orderBy(asc(caseEntries.seq));
}

export interface AppendEntryInput {
  caseId: string;
  /** Client-chosen, bound into the entry's AD and signature: a retry writes nothing new. */
  entryId: string;
  kind: 'message' | 'note' | 'action';
  actor: Actor;
  epoch: number;
  ciphertext: Uint8Array;
  day?: string;
}

async function caseOrThrow(db: Database, caseId: string): Promise<CaseRecord> {
  const [row] = await db.select(caseColumns).from(cases).where(eq(cases.id, caseId));
  if (!row) throw new CaseStoreError('not_found', 'No such case.');
  return row;
}

/**
 * Appends a message, note or action (and an audit event without content). Reporters may only
 * write messages; a staff actor must hold the case. The epoch must be one the case has. Returns
 * `created: false` when an entry with this id and these bytes already exists (a retry).
 */
export async function appendEntry(
  db: Database,
  input: AppendEntryInput
): Promise<{ entry: EntryRecord; created: boolean }> {
  const record = await caseOrThrow(db, input.caseId);
  if (input.actor.kind === 'reporter' && input.kind !== 'message') {
    throw new CaseStoreError('invalid', 'A reporter can only send messages.');
  }
  if (input.actor.kind === 'staff') await requireHolder(db, input.caseId, input.actor.personId);
  if (input.epoch < 0 || input.epoch > record.keyEpoch) {
    throw new CaseStoreError('invalid', 'Unknown key epoch.');
  }
  return writeEntry(db, record, { ...input, day: input.day ?? today() });
}

async function writeEntry(
  db: Database,
  record: CaseRecord,
  input: AppendEntryInput & { day: string },
  extra?: (tx: Database) => Promise<void>
): Promise<{ entry: EntryRecord; created: boolean }> {
  const prior = await entryById(db, input.entryId);
  if (prior) return { entry: sameEntryOrConflict(prior, input), created: false };
  const created = await db.transaction(async (tx: Tx) => {
    const inserted = await tx
      .insert(caseEntries)
      .values({
        id: input.entryId,
        caseId: input.caseId,
        kind: input.kind,
        senderKind: input.actor.kind,
        senderPersonId: input.actor.kind === 'staff' ? input.actor.personId : null,
        epoch: input.epoch,
        ciphertext: input.ciphertext,
        createdOn: input.day,
        createdAt: input.actor.kind === 'reporter' ? null : new Date()
      })
      .onConflictDoNothing({ target: caseEntries.id })
      .returning({ id: caseEntries.id });
    if (inserted.length === 0) return false;
    if (extra) await extra(tx);
    else
      await appendAudit(tx, {
        organisationId: record.organisationId,
        caseId: record.id,
        ...actorColumns(input.actor),
        action: `entry.${input.kind}`,
        detail: { entryId: input.entryId },
        ...auditTime(input.actor, input.day)
      });
    return true;
  });
  const entry = await entryById(db, input.entryId);
  if (!entry) throw new CaseStoreError('conflict', 'The entry could not be written.');
  return { entry: sameEntryOrConflict(entry, input), created };
}

function sameEntryOrConflict(entry: EntryRecord & { caseId: string }, input: AppendEntryInput) {
  const same =
    entry.caseId === input.caseId &&
    entry.kind === input.kind &&
    entry.senderKind === input.actor.kind &&
    entry.ciphertext.length === input.ciphertext.length &&
    entry.ciphertext.every((b, i) => b === input.ciphertext[i]);
  if (!same) throw new CaseStoreError('conflict', 'That entry id is taken.');
  const { caseId: _omit, ...rest } = entry;
  void _omit;
  return rest;
}

async function entryById(db: Database, id: string) {
  const [row] = await db
    .select({ ...entryColumns, caseId: caseEntries.caseId })
    .from(caseEntries)
    .where(eq(caseEntries.id, id));
  return row ?? null;
}

async function requireHolder(db: Database, caseId: string, personId: string): Promise<void> {
  const [row] = await db
    .select({ id: caseKeys.id })
    .from(caseKeys)
    .where(
      and(eq(caseKeys.caseId, caseId), eq(caseKeys.personId, personId), isNull(caseKeys.revokedOn))
    )
    .limit(1);
  if (!row) throw new CaseStoreError('not_found', 'No such case.');
}

export interface AddHoldersInput {
  caseId: string;
  actor: Actor;
  /** `refer` and `grant` are staff decisions; `escalate` is the reporter's or a staff member's. */
  action: 'refer' | 'grant' | 'escalate';
  /** Bundles for each newcomer, one per epoch they should read (sealed by a holder of CK). */
  holders: { personId: string; epoch: number; sealedKey: Uint8Array }[];
  /** Escalations: the stage the case moves to, if it moves. */
  toStage?: number;
  /** Non-content facts for the audit and the system entry, e.g. `{ body: 'lado' }`. */
  detail?: Record<string, string | number>;
  /**
   * Client-chosen id of the visible system entry that records this for everyone on the case;
   * a retry with the same id changes nothing.
   */
  systemEntryId: string;
  day?: string;
}

/**
 * Gives newcomers access by storing the bundles a CK holder sealed to them, records a system
 * entry (visible to everyone on the case, reporter included) and an audit event, and moves the
 * stage when asked. Anyone holding CK may do it; a staff actor must hold the case. Newcomers must
 * be eligible people of the organisation or its linked bodies.
 */
export async function addHolders(
  db: Database,
  input: AddHoldersInput
): Promise<{ created: boolean; case: CaseRecord }> {
  const record = await caseOrThrow(db, input.caseId);
  if (input.actor.kind === 'staff') await requireHolder(db, input.caseId, input.actor.personId);
  if (input.holders.length === 0) throw new CaseStoreError('invalid', 'Nobody to add.');
  for (const h of input.holders) {
    if (h.epoch < 0 || h.epoch > record.keyEpoch) {
      throw new CaseStoreError('invalid', 'Unknown key epoch.');
    }
  }
  if (input.toStage !== undefined && input.toStage !== record.stage + 1) {
    throw new CaseStoreError('invalid', 'A case moves one stage at a time.');
  }
  const personIds = [...new Set(input.holders.map((h) => h.personId))];
  const pairs = new Set(input.holders.map((h) => `${h.personId}:${h.epoch}`));
  if (pairs.size !== input.holders.length) {
    throw new CaseStoreError('invalid', 'A bundle is listed twice.');
  }
  await requireEligible(db, record.organisationId, personIds);
  const day = input.day ?? today();
  const system: SystemRecord = {
    event:
      input.action === 'escalate' ? 'escalated' : input.action === 'refer' ? 'referred' : 'granted',
    personIds,
    ...(input.toStage !== undefined ? { stage: input.toStage } : {}),
    ...(input.detail ?? {})
  };
  const result = await writeEntry(
    db,
    record,
    {
      caseId: record.id,
      entryId: input.systemEntryId,
      kind: 'action',
      actor: { kind: 'system' },
      epoch: record.keyEpoch,
      ciphertext: encodeSystemRecord(system),
      day
    },
    async (tx) => {
      await tx
        .insert(caseKeys)
        .values(
          input.holders.map((h) => ({
            caseId: record.id,
            personId: h.personId,
            epoch: h.epoch,
            sealedKey: h.sealedKey,
            grantedBy: input.actor.kind === 'staff' ? input.actor.personId : null,
            grantedOn: day
          }))
        )
        .onConflictDoNothing();
      // A revoked holder who is added again gets access back.
      await tx
        .update(caseKeys)
        .set({ revokedOn: null })
        .where(and(eq(caseKeys.caseId, record.id), inArray(caseKeys.personId, personIds)));
      if (input.toStage !== undefined) {
        await tx
          .update(cases)
          .set({
            stage: input.toStage,
            stageStartedOn: day,
            status: 'new',
            acknowledgedOn: null,
            respondedOn: null
          })
          .where(and(eq(cases.id, record.id), eq(cases.stage, record.stage)));
      } else if (input.action === 'escalate') {
        await tx.update(cases).set({ status: 'escalated' }).where(eq(cases.id, record.id));
      }
      await appendAudit(tx, {
        organisationId: record.organisationId,
        caseId: record.id,
        ...actorColumns(input.actor),
        action: `case.${system.event}`,
        detail: { ...system, entryId: input.systemEntryId },
        ...auditTime(input.actor, day)
      });
    }
  );
  return { created: result.created, case: await caseOrThrow(db, record.id) };
}

export interface RevokeHolderInput {
  caseId: string;
  /** A staff holder: only staff hold SK, which the new epoch needs. */
  actor: { kind: 'staff'; personId: string };
  personId: string;
  /** Must be the case's current epoch + 1. */
  newEpoch: number;
  /**
   * The new epoch's bundles for every remaining holder (staff: CK and SK; `personId: null`, the
   * reporter: CK only). Exactly the remaining live holders, no more and no fewer.
   */
  sealedKeys: { personId: string | null; sealedKey: Uint8Array }[];
  day?: string;
}

/**
 * Removes a holder and rotates: their rows are marked revoked, the case moves to `newEpoch`, and
 * the remaining holders get that epoch's bundles. The removed person never receives the new
 * epoch; what they already read they may have kept (see PROTOCOL.md §4).
 */
export async function revokeHolder(db: Database, input: RevokeHolderInput): Promise<CaseRecord> {
  const record = await caseOrThrow(db, input.caseId);
  await requireHolder(db, input.caseId, input.actor.personId);
  if (input.newEpoch !== record.keyEpoch + 1) {
    throw new CaseStoreError('conflict', 'The case has moved on; reload and try again.');
  }
  const holders = await holdersOf(db, input.caseId);
  if (!holders.some((h) => h.personId === input.personId)) {
    throw new CaseStoreError('not_found', 'That person does not hold this case.');
  }
  const remaining = holders.filter((h) => h.personId !== input.personId).map((h) => h.personId);
  const given = input.sealedKeys.map((k) => k.personId);
  const sameSet =
    given.length === remaining.length &&
    new Set(given).size === given.length &&
    remaining.every((p) => given.includes(p));
  if (!sameSet) {
    throw new CaseStoreError('invalid', 'The new keys must go to exactly the remaining holders.');
  }
  const day = input.day ?? today();
  await db.transaction(async (tx: Tx) => {
    const moved = await tx
      .update(cases)
      .set({ keyEpoch: input.newEpoch })
      .where(and(eq(cases.id, record.id), eq(cases.keyEpoch, record.keyEpoch)))
      .returning({ id: cases.id });
    if (moved.length === 0) throw new CaseStoreError('conflict', 'The case has moved on.');
    await tx
      .update(caseKeys)
      .set({ revokedOn: day })
      .where(and(eq(caseKeys.caseId, record.id), eq(caseKeys.personId, input.personId)));
    await tx.insert(caseKeys).values(
      input.sealedKeys.map((k) => ({
        caseId: record.id,
        personId: k.personId,
        epoch: input.newEpoch,
        sealedKey: k.sealedKey,
        grantedBy: input.actor.personId,
        grantedOn: day
      }))
    );
    await appendAudit(tx, {
      organisationId: record.organisationId,
      caseId: record.id,
      ...actorColumns(input.actor),
      action: 'case.revoked',
      detail: { personId: input.personId, epoch: input.newEpoch },
      ...auditTime(input.actor, day)
    });
  });
  return caseOrThrow(db, record.id);
}

export interface UpdateCaseInput {
  caseId: string;
  actor: Actor;
  stage?: number;
  status?: CaseRecord['status'];
  acknowledgedOn?: string | null;
  respondedOn?: string | null;
  closedOn?: string | null;
  stageStartedOn?: string;
  day?: string;
}

/** Changes stage, status or dates (facts the server may know), with an audit event. */
export async function updateCase(db: Database, input: UpdateCaseInput): Promise<CaseRecord> {
  const record = await caseOrThrow(db, input.caseId);
  if (input.actor.kind === 'staff') await requireHolder(db, input.caseId, input.actor.personId);
  const patch = Object.fromEntries(
    (['stage', 'status', 'acknowledgedOn', 'respondedOn', 'closedOn', 'stageStartedOn'] as const)
      .filter((k) => input[k] !== undefined)
      .map((k) => [k, input[k]])
  ) as Partial<typeof cases.$inferInsert>;
  if (Object.keys(patch).length === 0) return record;
  const day = input.day ?? today();
  await db.transaction(async (tx: Tx) => {
    await tx.update(cases).set(patch).where(eq(cases.id, record.id));
    await appendAudit(tx, {
      organisationId: record.organisationId,
      caseId: record.id,
      ...actorColumns(input.actor),
      action: 'case.updated',
      detail: Object.fromEntries(
        Object.entries(patch).map(([k, v]) => [k, v === null ? '' : (v as string | number)])
      ),
      ...auditTime(input.actor, day)
    });
  });
  return caseOrThrow(db, record.id);
}
