/**
 * Checks one case's audit chain in the browser with the shared chain hash ($lib/audit). The
 * server sends this case's events in full: each must hash to what is stored and link to the
 * case's previous event (format 2), so a changed or deleted row shows up, and nothing of any
 * other case is needed. For a case with events from before chains were per case (format 1), the
 * organisation's earlier format-1 events come as links only, and those links must hold too.
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
  /** The last format-1 event of the organisation, and the last event of this case. */
  let organisation = GENESIS_HASH;
  let ownLast = GENESIS_HASH;
  let events = 0;
  let first: CaseAuditRow | undefined;
  for (const row of rows) {
    const prevHash = fromB64(row.prevHash);
    const hash = fromB64(row.hash);
    const perCase = row.own && row.format === 2;
    if (!same(prevHash, perCase ? ownLast : organisation)) {
      return { ok: false, seq: row.seq, reason: 'broken_link' };
    }
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
        hash,
        format: row.format
      };
      if (!same(await auditHash(fields, prevHash), hash)) {
        return { ok: false, seq: row.seq, reason: 'altered' };
      }
      first ??= row;
      events++;
      ownLast = hash;
    }
    if (!perCase) organisation = hash;
  }
  // Every case starts with its submission; a chain without it lost the case's first event.
  if (!first || !first.own || first.action !== 'case.submitted') {
    return { ok: false, seq: null, reason: 'missing' };
  }
  return { ok: true, events, chainLength: rows.length };
}
