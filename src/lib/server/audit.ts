import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import {
  auditHash,
  CURRENT_AUDIT_FORMAT,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditFields,
  type AuditRow
} from '$lib/audit';
import type { Database } from './db';
import { auditEvents } from './db/schema';

/**
 * Appends one event to its chain: its case's, or for an event about no case, its organisation's
 * (src/lib/audit.ts). Call it inside the transaction that makes the change, so the event and the
 * change commit together. Appends to one chain take turns (a transaction-scoped advisory lock),
 * so two events never claim the same predecessor.
 */
export async function appendAudit(tx: Database, fields: AuditFields): Promise<void> {
  await tx.execute(sql`select ${lockAuditChain(fields.organisationId, fields.caseId)}`);
  await appendAuditLocked(tx, fields);
}

/**
 * Takes one chain's lock (a case's, or the organisation's events about no case) for the rest of
 * the transaction: an expression, so a write can take it in the statement it makes anyway. The
 * chain's head must then be read by a later statement (its snapshot comes after the lock), as
 * appendAuditLocked does.
 */
export function lockAuditChain(organisationId: string, caseId: string | null): SQL {
  const chain = `candour-audit:${organisationId}:${caseId ?? ''}`;
  return sql`pg_advisory_xact_lock(hashtextextended(${chain}, 0))`;
}

/** appendAudit for a transaction that holds the chain's lock already (lockAuditChain). */
export async function appendAuditLocked(tx: Database, fields: AuditFields): Promise<void> {
  const [last] = await auditHeadQuery(tx, fields.organisationId, fields.caseId);
  await tx.insert(auditEvents).values(await auditRowAfter(fields, last?.hash ?? null));
}

/**
 * The row that appends `fields` after the event whose hash is `prevHash` (null: the chain's
 * first event), for a writer that read the head itself under the chain's lock.
 */
export async function auditRowAfter(fields: AuditFields, prevHash: Uint8Array | null) {
  const prev = prevHash ?? GENESIS_HASH;
  // Store exactly what is hashed: milliseconds, so the database's microseconds add nothing.
  const occurredAt =
    fields.occurredAt === null ? null : new Date(new Date(fields.occurredAt).getTime());
  const row = { ...fields, occurredAt, format: CURRENT_AUDIT_FORMAT };
  return { ...row, prevHash: prev, hash: await auditHash(row, prev) };
}

/** The last event of one case's chain, or of the organisation's events about no case. */
export function auditHeadQuery(db: Database, organisationId: string, caseId: string | null) {
  return db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organisationId, organisationId),
        caseId === null ? isNull(auditEvents.caseId) : eq(auditEvents.caseId, caseId)
      )
    )
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

/** Rows as the shared verifier takes them. */
export function toAuditRows(rows: (typeof auditEvents.$inferSelect)[]): AuditRow[] {
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
    hash: r.hash,
    format: r.format === 2 ? 2 : 1
  }));
}

/** One organisation's events (every chain) in order, as the shared verifier takes them. */
export async function readAuditChain(db: Database, organisationId: string): Promise<AuditRow[]> {
  return toAuditRows(await auditChainQuery(db, organisationId));
}

export async function verifyOrganisationAudit(db: Database, organisationId: string) {
  return verifyAuditChain(await readAuditChain(db, organisationId));
}
