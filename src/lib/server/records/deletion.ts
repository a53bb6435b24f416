/**
 * Deleting a case at the end of its retention period (docs/RECORDS.md): a holder's decision, or the
 * organisation's automatic deletion where it turned that on. One transaction removes every row
 * of the case — the case, its keys, entries, attachments and their chunks, the receipt (all by
 * cascade from `cases`) and any notice claim naming it — and records the decision on the audit
 * trail. The case's own audit chain goes with it; events of older cases in the organisation-wide
 * chain keep their place and hashes but lose their fields, and `case.deleted` names them, so that
 * chain still verifies.
 */
import { and, eq, like } from 'drizzle-orm';
import { REDACTED_ACTION } from '$lib/audit';
import { ready, sha256, toHex, utf8 } from '$lib/crypto';
import { reviewOf } from '$lib/records/retention';
import { policySchema } from '$lib/routing';
import { appendAudit } from '../audit';
import { CaseStoreError } from '../cases/types';
import { caseOrThrow, requireHolder, today, type Tx } from '../cases/store';
import type { Database } from '../db';
import { auditEvents, cases, organisations, rateLimits } from '../db/schema';

export type DeletionActor = { kind: 'staff'; personId: string } | { kind: 'system' };

/** SHA-256 hex of the case id: lets someone who holds the id find the record of its deletion. */
async function caseRef(caseId: string): Promise<string> {
  await ready();
  return toHex(sha256(utf8(caseId)));
}

/**
 * Deletes a closed case whose review has fallen due (and is not under legal hold). A staff actor
 * must hold the case; anything else is refused (not_found for a case they cannot see, conflict
 * for one not yet due) and nothing changes.
 */
export async function deleteCaseAtReview(
  db: Database,
  caseId: string,
  actor: DeletionActor,
  day = today()
): Promise<void> {
  if (actor.kind === 'staff') await requireHolder(db, caseId, actor.personId);
  const record = await caseOrThrow(db, caseId);
  const [org] = await db
    .select({ policy: organisations.policy })
    .from(organisations)
    .where(eq(organisations.id, record.organisationId));
  const parsed = policySchema.safeParse(org?.policy);
  const review = reviewOf(parsed.success ? parsed.data : null, record.track, record, day);
  if (review.state !== 'due') {
    throw new CaseStoreError('conflict', 'This case has not come up for review.');
  }
  const ref = await caseRef(caseId);
  await db.transaction(async (tx: Tx) => {
    // Lock the case row: a concurrent write to it waits, then finds it gone.
    const locked = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.id, caseId))
      .for('update');
    if (locked.length === 0) throw new CaseStoreError('not_found', 'No such case.');
    // Format-2 events form the case's own chain (PROTOCOL.md §7) and go with the case. Older
    // format-1 events are links of the organisation's chain: they stay, cleared of every field.
    await tx
      .delete(auditEvents)
      .where(and(eq(auditEvents.caseId, caseId), eq(auditEvents.format, 2)));
    const own = await tx
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(eq(auditEvents.caseId, caseId));
    await tx
      .update(auditEvents)
      .set({
        caseId: null,
        actorKind: 'system',
        actorPersonId: null,
        action: REDACTED_ACTION,
        detail: {}
      })
      .where(eq(auditEvents.caseId, caseId));
    await tx.delete(rateLimits).where(like(rateLimits.key, `%${caseId}%`));
    await tx.delete(cases).where(eq(cases.id, caseId));
    await appendAudit(tx, {
      organisationId: record.organisationId,
      caseId: null,
      actorKind: actor.kind,
      actorPersonId: actor.kind === 'staff' ? actor.personId : null,
      action: 'case.deleted',
      detail: {
        caseRef: ref,
        track: record.track,
        receivedOn: record.receivedOn,
        closedOn: record.closedOn,
        reviewDueOn: review.dueOn,
        reason: actor.kind === 'staff' ? 'review' : 'automatic',
        redacted: own.map((r) => r.seq).sort((a, b) => a - b)
      },
      occurredOn: day,
      occurredAt: new Date()
    });
  });
}
