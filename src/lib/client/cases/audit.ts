/**
 * Checks one case's audit events in the browser with the shared chain hash ($lib/audit). The
 * server sends this case's events in full and, for every other event of the organisation, only
 * its hashes: each of this case's events must hash to what is stored, and every link of the
 * whole chain must hold, so a changed or deleted row shows up without revealing other cases.
 */
import { auditHash, GENESIS_HASH, type AuditRow } from '$lib/audit';
import type { CaseAuditRow } from '$lib/server/cases/staff-queries';

export type CaseAuditCheck =
  | { ok: true; events: number; chainLength: number }
  | { ok: false; seq: number | null; reason: 'altered' | 'broken_link' | 'missing' };

function fromB64(value: string): Uint8Array {
  const text = atob(value.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export async function verifyCaseAudit(
  rows: readonly CaseAuditRow[],
  caseId: string
): Promise<CaseAuditCheck> {
  let previous = GENESIS_HASH;
  let events = 0;
  let first: CaseAuditRow | undefined;
  for (const row of rows) {
    const prevHash = fromB64(row.prevHash);
    const hash = fromB64(row.hash);
    if (!same(prevHash, previous)) return { ok: false, seq: row.seq, reason: 'broken_link' };
    if (row.own) {
      if (row.caseId !== caseId) return { ok: false, seq: row.seq, reason: 'altered' };
      const fields: AuditRow = {
        seq: row.seq,
        organisationId: row.organisationId,
        caseId: row.caseId,
        actorKind: row.actorKind,
        actorPersonId: row.actorPersonId,
        action: row.action,
        detail: row.detail,
        occurredOn: row.occurredOn,
        occurredAt: row.occurredAt,
        prevHash,
        hash
      };
      if (!same(await auditHash(fields, prevHash), hash)) {
        return { ok: false, seq: row.seq, reason: 'altered' };
      }
      first ??= row;
      events++;
    }
    previous = hash;
  }
  // Every case starts with its submission; a chain without it lost the case's first event.
  if (!first || !first.own || first.action !== 'case.submitted') {
    return { ok: false, seq: null, reason: 'missing' };
  }
  return { ok: true, events, chainLength: rows.length };
}
