/** Changing what the server may know about a case: stage, status and dates. */
import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit';
import type { Database } from '../db';
import { cases } from '../db/schema';
import { actorColumns, auditTime, caseOrThrow, requireHolder, today, type Tx } from './store';
import type { Actor, CaseRecord } from './types';

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
