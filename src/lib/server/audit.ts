import { asc, desc, eq, sql } from 'drizzle-orm';
import {
  auditHash,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditFields,
  type AuditRow
} from '$lib/audit';
import type { Database } from './db';
import { auditEvents } from './db/schema';

/**
 * Appends one event to its organisation's chain. Call it inside the transaction that makes the
 * change, so the event and the change commit together. Appends to one organisation take turns
 * (a transaction-scoped advisory lock), so two events never claim the same predecessor.
 */
export async function appendAudit(tx: Database, fields: AuditFields): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`candour-audit:${fields.organisationId}`}, 0))`
  );
  const [last] = await auditHeadQuery(tx, fields.organisationId);
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Store exactly what is hashed: milliseconds, so the database's microseconds add nothing.
  const occurredAt =
    fields.occurredAt === null ? null : new Date(new Date(fields.occurredAt).getTime());
  const row = { ...fields, occurredAt };
  await tx.insert(auditEvents).values({ ...row, prevHash, hash: await auditHash(row, prevHash) });
}

/** The last event of one organisation's chain (its hash is the next event's predecessor). */
export function auditHeadQuery(db: Database, organisationId: string) {
  return db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.organisationId, organisationId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
}

/** One organisation's events in chain order. */
export function auditChainQuery(db: Database, organisationId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.organisationId, organisationId))
    .orderBy(asc(auditEvents.seq));
}

/** One organisation's chain in order, as the shared verifier takes it. */
export async function readAuditChain(db: Database, organisationId: string): Promise<AuditRow[]> {
  const rows = await auditChainQuery(db, organisationId);
  return rows.map((r) => ({
    seq: r.seq,
    organisationId: r.organisationId,
    caseId: r.caseId,
    actorKind: r.actorKind,
    actorPersonId: r.actorPersonId,
    action: r.action,
    detail: r.detail as AuditRow['detail'],
    occurredOn: r.occurredOn,
    occurredAt: r.occurredAt,
    prevHash: r.prevHash,
    hash: r.hash
  }));
}

export async function verifyOrganisationAudit(db: Database, organisationId: string) {
  return verifyAuditChain(await readAuditChain(db, organisationId));
}
