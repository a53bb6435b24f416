/**
 * What every part of the case store shares: the transaction type, the day, the columns of a
 * case, how an actor is recorded, and the two checks most writes start with.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { caseKeys, cases } from '../db/schema';
import { CaseStoreError, type Actor, type CaseRecord } from './types';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** UTC `YYYY-MM-DD`: the only time kept for reporter actions. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function actorColumns(actor: Actor) {
  return actor.kind === 'staff'
    ? { actorKind: 'staff' as const, actorPersonId: actor.personId }
    : { actorKind: actor.kind, actorPersonId: null };
}

/** Reporter events keep the day only; staff and system events the instant too. */
export function auditTime(actor: Actor, day: string) {
  return { occurredOn: day, occurredAt: actor.kind === 'reporter' ? null : new Date() };
}

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

export async function caseOrThrow(db: Database, caseId: string): Promise<CaseRecord> {
  const [row] = await db.select(caseColumns).from(cases).where(eq(cases.id, caseId));
  if (!row) throw new CaseStoreError('not_found', 'No such case.');
  return row;
}

export async function requireHolder(db: Database, caseId: string, personId: string): Promise<void> {
  const [row] = await db
    .select({ id: caseKeys.id })
    .from(caseKeys)
    .where(
      and(eq(caseKeys.caseId, caseId), eq(caseKeys.personId, personId), isNull(caseKeys.revokedOn))
    )
    .limit(1);
  if (!row) throw new CaseStoreError('not_found', 'No such case.');
}
