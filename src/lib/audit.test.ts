import { describe, expect, it } from 'vitest';
import {
  auditHash,
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
