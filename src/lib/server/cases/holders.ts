/**
 * Who holds a case: the sealed bundles (one per person and epoch), giving newcomers access
 * (refer, grant, escalate) and taking it away with a rotation (revoke).
 */
import { and, asc, eq, inArray, isNull, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { appendAudit } from '../audit';
import type { Database } from '../db';
import { caseKeys, cases, credentials, organisations, people, unitLinks } from '../db/schema';
import { checkWriter, insertEntry, writeEntry, type SignedEntry } from './entries';
import {
  actorColumns,
  auditTime,
  caseColumns,
  caseOrThrow,
  requireHolder,
  today,
  type Tx
} from './store';
import { CaseStoreError, type Actor, type CaseRecord, type Holder } from './types';

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
  const rows = await db
    .select({ personId: people.id, unitId: people.organisationId, unitKind: organisations.kind })
    .from(people)
    .innerJoin(credentials, eq(credentials.personId, people.id))
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eligibleHolder(organisationId, personIds));
  for (const row of rows) found.set(row.personId, { unitId: row.unitId, unitKind: row.unitKind });
  return found;
}

/**
 * The condition on `people` joined with their `credentials`: one of these persons who may be
 * sealed a case of this organisation (eligibleHolderIds). One place, also read by the
 * submission's single look-up.
 */
export function eligibleHolder(
  organisationId: string | Placeholder,
  personIds: readonly (string | Placeholder)[]
): SQL {
  return and(
    inArray(people.id, [...personIds]),
    or(
      eq(people.organisationId, organisationId),
      inArray(
        people.organisationId,
        sql`(select ${unitLinks.bodyId} from ${unitLinks} where ${unitLinks.organisationId} = ${organisationId})`
      )
    ),
    inArray(people.status, ['active', 'on_leave']),
    sql`${credentials.rosterSignature} is not null`
  )!;
}

export async function requireEligible(
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

export interface AddHoldersInput {
  caseId: string;
  actor: Actor;
  /** `refer` and `grant` are staff decisions; `escalate` is the reporter's or a staff member's. */
  action: 'refer' | 'grant' | 'escalate';
  /** Bundles for each newcomer, one per epoch they should read (sealed by a holder of CK). */
  holders: { personId: string; epoch: number; sealedKey: Uint8Array }[];
  /** Escalations: the stage the case moves to, if it moves. */
  toStage?: number;
  /** Non-content facts for the audit, e.g. `{ body: 'lado' }`. */
  detail?: Record<string, string | number>;
  /**
   * The event as the actor's browser wrote and signed it (an action from staff, a message from
   * the reporter), in the case's chain, for everyone on the case to see; a retry with the same
   * entry id changes nothing.
   */
  event: SignedEntry;
  day?: string;
}

/**
 * Gives newcomers access by storing the bundles a CK holder sealed to them, records the actor's
 * signed event * entry (visible to everyone on the case, reporter included) and an audit event, and moves the
 * stage when asked. Anyone holding CK may do it; a staff actor must hold the case. Newcomers must
 * be eligible people of the organisation or its linked bodies.
 */
export async function addHolders(
  db: Database,
  input: AddHoldersInput
): Promise<{ created: boolean; case: CaseRecord }> {
  const record = await caseOrThrow(db, input.caseId);
  if (input.actor.kind === 'staff') await requireHolder(db, input.caseId, input.actor.personId);
  // Moving to the next stage may add nobody: its people (the chair at stage 3) may hold it already.
  if (input.holders.length === 0 && input.toStage === undefined) {
    throw new CaseStoreError('invalid', 'Nobody to add.');
  }
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
  const event =
    input.action === 'escalate' ? 'escalated' : input.action === 'refer' ? 'referred' : 'granted';
  const facts = {
    event,
    personIds,
    ...(input.toStage !== undefined ? { stage: input.toStage } : {}),
    ...(input.detail ?? {})
  };
  const entry = {
    caseId: record.id,
    ...input.event,
    kind: input.actor.kind === 'reporter' ? ('message' as const) : ('action' as const),
    actor: input.actor,
    day
  };
  checkWriter(record, entry);
  const result = await writeEntry(db, record, entry, async (tx) => {
    if (input.holders.length > 0) {
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
    }
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
      action: `case.${event}`,
      detail: { ...facts, entryId: input.event.entryId },
      ...auditTime(input.actor, day)
    });
  });
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
  /** The remover's signed `revoked` event, under the new epoch, in the case's chain. */
  event: Omit<SignedEntry, 'epoch'>;
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
    const written = await insertEntry(
      tx,
      { ...record, keyEpoch: input.newEpoch },
      {
        caseId: record.id,
        ...input.event,
        epoch: input.newEpoch,
        kind: 'action',
        actor: input.actor,
        day
      }
    );
    if (!written) throw new CaseStoreError('conflict', 'That entry id is taken.');
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
      detail: { personId: input.personId, epoch: input.newEpoch, entryId: input.event.entryId },
      ...auditTime(input.actor, day)
    });
  });
  return caseOrThrow(db, record.id);
}
