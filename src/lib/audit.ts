/**
 * The audit chain, shared by the server (which appends) and browsers (which verify). Pure: hashes
 * with libsodium's SHA-256 (src/lib/crypto), the same in Node and in any browser, and at once:
 * no asynchronous job per event, which a submission and a chain check would each wait for.
 *
 * hash = SHA-256( canonical("candour/audit/v1", organisationId, caseId, actorKind, actorPersonId,
 *                           action, json(detail), occurredOn, occurredAt, prevHash) )
 * where canonical() frames each field as u32(length) ‖ UTF-8 bytes, absent values are the empty
 * string (ids are UUIDs, so never empty), json() sorts object keys, and occurredAt is an ISO-8601
 * instant in milliseconds.
 *
 * Which event is an event's predecessor depends on its format:
 * - format 1 (older events, "candour/audit/v1"): the organisation's previous format-1 event, so
 *   one chain ran through every case of the organisation;
 * - format 2 ("candour/audit/v2"): the previous event of the same case (of any format), or, for
 *   an event about no case, the organisation's previous event about no case. So a case's chain
 *   depends on that case alone, and checking it needs nothing of any other case.
 * A chain's first event has 32 zero bytes as prevHash.
 */
import { ready, sha256 } from './crypto';

export type AuditJson =
  string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };

export interface AuditFields {
  organisationId: string;
  caseId: string | null;
  actorKind: 'reporter' | 'staff' | 'system';
  actorPersonId: string | null;
  action: string;
  /** Non-content facts only: ids, stages, body kinds. */
  detail: Record<string, AuditJson>;
  /** YYYY-MM-DD. */
  occurredOn: string;
  /** Null for reporter actions, which keep the day only. */
  occurredAt: Date | string | null;
  /** 2 for every new event; 1 (the default) for events written before chains were per case. */
  format?: AuditFormat;
}

export type AuditFormat = 1 | 2;
export const CURRENT_AUDIT_FORMAT: AuditFormat = 2;

export interface AuditRow extends AuditFields {
  seq: number;
  prevHash: Uint8Array;
  hash: Uint8Array;
}

export const AUDIT_DOMAIN = 'candour/audit/v1';
export const AUDIT_DOMAIN_V2 = 'candour/audit/v2';
export const GENESIS_HASH: Uint8Array = new Uint8Array(32);

/** JSON with object keys sorted at every level, so jsonb's reordering cannot change a hash. */
export function canonicalJson(value: AuditJson): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function instant(value: Date | string | null): string {
  if (value === null) return '';
  return (typeof value === 'string' ? new Date(value) : value).toISOString();
}

function frame(fields: (string | Uint8Array)[]): Uint8Array {
  const encoder = new TextEncoder();
  const parts = fields.map((f) => (typeof f === 'string' ? encoder.encode(f) : f));
  const out = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.length);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

/** The bytes that are hashed for one event. */
export function auditMessage(fields: AuditFields, prevHash: Uint8Array): Uint8Array {
  return frame([
    fields.format === 2 ? AUDIT_DOMAIN_V2 : AUDIT_DOMAIN,
    fields.organisationId,
    fields.caseId ?? '',
    fields.actorKind,
    fields.actorPersonId ?? '',
    fields.action,
    canonicalJson(fields.detail),
    fields.occurredOn,
    instant(fields.occurredAt),
    prevHash
  ]);
}

export async function auditHash(fields: AuditFields, prevHash: Uint8Array): Promise<Uint8Array> {
  await ready();
  return sha256(auditMessage(fields, prevHash));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export type ChainCheck =
  | { ok: true; head: Uint8Array; count: number }
  | { ok: false; seq: number; reason: 'altered' | 'broken_link' };

/**
 * Checks one organisation's events in `seq` order: each hash must match its fields and each
 * prevHash the hash of its predecessor (see the top of this file). A changed row fails as
 * `altered`, a deleted or reordered one as `broken_link` at the next row of its chain. A deleted
 * tail of a chain is only caught by comparing with a head recorded earlier.
 */
export async function verifyAuditChain(rows: readonly AuditRow[]): Promise<ChainCheck> {
  const redactable = redactedBySomeDeletion(rows);
  /** The last hash of each format-1 chain and of each case (any format). */
  let organisation = GENESIS_HASH;
  const lastOfCase = new Map<string, Uint8Array>();
  let previous = GENESIS_HASH;
  for (const row of rows) {
    const caseKey = row.caseId ?? '';
    const expectedPrev =
      row.format === 2 ? (lastOfCase.get(caseKey) ?? GENESIS_HASH) : organisation;
    if (!sameBytes(row.prevHash, expectedPrev))
      return { ok: false, seq: row.seq, reason: 'broken_link' };
    // A deleted case's format-1 event keeps its place in the organisation's chain and its
    // hashes; a later `case.deleted` names it. (Format-2 events of a deleted case are removed
    // with their case's chain.)
    if (row.format !== 2 && row.action === REDACTED_ACTION && redactable.has(row.seq)) {
      organisation = row.hash;
      previous = row.hash;
      continue;
    }
    const expected = await auditHash(row, row.prevHash);
    if (!sameBytes(expected, row.hash)) return { ok: false, seq: row.seq, reason: 'altered' };
    if (row.format !== 2) organisation = row.hash;
    lastOfCase.set(caseKey, row.hash);
    previous = row.hash;
  }
  return { ok: true, head: previous, count: rows.length };
}

/** What a deleted case's audit events become: their links stay, their fields are cleared. */
export const REDACTED_ACTION = 'redacted';

/**
 * The seqs that `case.deleted` events say they cleared (`detail.redacted`); a row may be taken on
 * its hashes alone only if a deletion in the chain names it, so a redaction is itself recorded.
 */
function redactedBySomeDeletion(rows: readonly AuditRow[]): Set<number> {
  const seqs = new Set<number>();
  for (const row of rows) {
    if (row.action !== 'case.deleted') continue;
    const list = row.detail.redacted;
    if (Array.isArray(list)) for (const seq of list) if (typeof seq === 'number') seqs.add(seq);
  }
  return seqs;
}
