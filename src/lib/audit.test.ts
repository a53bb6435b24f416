import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  auditHash,
  auditMessage,
  GENESIS_HASH,
  REDACTED_ACTION,
  verifyAuditChain,
  type AuditFields,
  type AuditRow
} from './audit';

async function chain(events: AuditFields[]): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (const [i, fields] of events.entries()) {
    const hash = await auditHash(fields, prev);
    rows.push({ ...fields, seq: i + 1, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

const base = {
  organisationId: 'org',
  actorKind: 'staff' as const,
  actorPersonId: 'p',
  occurredOn: '2026-11-27',
  occurredAt: null
};

function redact(row: AuditRow): AuditRow {
  return {
    ...row,
    caseId: null,
    actorKind: 'system',
    actorPersonId: null,
    action: REDACTED_ACTION,
    detail: {}
  };
}

describe('audit hash', () => {
  it('is the SHA-256 of the framed event, as every stored event was hashed', async () => {
    const fields: AuditFields = {
      organisationId: '00000000-0000-4000-8000-000000000001',
      caseId: '00000000-0000-4000-8000-000000000002',
      actorKind: 'staff',
      actorPersonId: '00000000-0000-4000-8000-000000000003',
      action: 'case.acknowledged',
      detail: { stage: 1, to: ['b', 'a'] },
      occurredOn: '2026-03-04',
      occurredAt: '2026-03-04T10:11:12.000Z',
      format: 2
    };
    const prev = new Uint8Array(32).fill(7);
    const hash = await auditHash(fields, prev);
    const independent = createHash('sha256').update(auditMessage(fields, prev)).digest();
    expect(Buffer.from(hash).toString('hex')).toBe(independent.toString('hex'));
    // Pinned (the value the WebCrypto version gave): a change would break every stored chain.
    expect(Buffer.from(hash).toString('hex')).toBe(
      '0c7eac3de83f9818ffb807762fb793dd1b3e3d569008ebd1682f63e119c2d88b'
    );
  });
});

describe('audit chain with a deleted case', () => {
  it('takes a redacted event on its hashes only when a later case.deleted names it', async () => {
    const rows = await chain([
      { ...base, caseId: 'a', action: 'case.submitted', detail: {} },
      { ...base, caseId: 'b', action: 'case.submitted', detail: {} },
      { ...base, caseId: null, action: 'case.deleted', detail: { redacted: [1] } }
    ]);
    expect(await verifyAuditChain([redact(rows[0]!), rows[1]!, rows[2]!])).toMatchObject({
      ok: true
    });
  });

  it('refuses a redaction no deletion names', async () => {
    const rows = await chain([
      { ...base, caseId: 'a', action: 'case.submitted', detail: {} },
      { ...base, caseId: 'b', action: 'case.submitted', detail: {} },
      { ...base, caseId: null, action: 'case.deleted', detail: { redacted: [1] } }
    ]);
    expect(await verifyAuditChain([rows[0]!, redact(rows[1]!), rows[2]!])).toMatchObject({
      ok: false,
      seq: 2,
      reason: 'altered'
    });
  });
});

describe('audit chains per case (format 2)', () => {
  async function perCase(events: AuditFields[]): Promise<AuditRow[]> {
    const rows: AuditRow[] = [];
    const last = new Map<string, Uint8Array>();
    for (const [i, fields] of events.entries()) {
      const row = { ...fields, format: 2 as const };
      const prev = last.get(fields.caseId ?? '') ?? GENESIS_HASH;
      const hash = await auditHash(row, prev);
      rows.push({ ...row, seq: i + 1, prevHash: prev, hash });
      last.set(fields.caseId ?? '', hash);
    }
    return rows;
  }

  it('links each event to its own case, so one case verifies without the others', async () => {
    const rows = await perCase([
      { ...base, caseId: 'a', action: 'case.submitted', detail: {} },
      { ...base, caseId: 'b', action: 'case.submitted', detail: {} },
      { ...base, caseId: 'a', action: 'case.updated', detail: {} },
      { ...base, caseId: null, action: 'person.reinvite_sent', detail: {} }
    ]);
    expect(await verifyAuditChain(rows)).toMatchObject({ ok: true });
    expect(await verifyAuditChain(rows.filter((r) => r.caseId === 'a'))).toMatchObject({
      ok: true
    });
    // A deleted middle event of a case breaks that case's next link.
    expect(await verifyAuditChain([rows[1]!, rows[2]!, rows[3]!])).toMatchObject({
      ok: false,
      seq: 3,
      reason: 'broken_link'
    });
  });
});
