// A case written before reports bound the reporter's box key and before entries were chained
// (report and entry format 1, clear system records), frozen in tests/fixtures/case-v1.json by
// the code of that time. Both readers must still open it, say which parts are unchained, and
// show the server's old records as unsigned claims, not as facts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import fixture from '../../../../tests/fixtures/case-v1.json';
import { openCase as openReporterCase } from '$lib/client/reporter/follow-up';
import { verifiedKeys, type ServedUnit } from '$lib/client/roster';
import * as crypto from '$lib/crypto';
import type { ReporterCaseView } from '$lib/schemas/cases';
import { openCase, type CaseDetail } from './open';

await crypto.ready();

const keys = {
  box: {
    publicKey: crypto.fromBase64(fixture.staffKeys.boxPublicKey),
    privateKey: crypto.fromBase64(fixture.staffKeys.boxPrivateKey)
  },
  sign: {
    publicKey: crypto.fromBase64(fixture.staffKeys.signPublicKey),
    privateKey: crypto.fromBase64(fixture.staffKeys.signPrivateKey)
  }
} as unknown as crypto.StaffKeys;
const detail = fixture.detail as unknown as CaseDetail;

afterEach(() => vi.unstubAllGlobals());

describe('a case written in format 1', () => {
  it('opens for staff: report, messages and note verified, the old record shown unsigned', async () => {
    // A staff browser keeps its unit-key pins in localStorage; Node has none.
    const stored = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
      removeItem: (k: string) => void stored.delete(k)
    });
    const opened = await openCase(detail, keys);
    expect(opened.report.whatHappened).toBe('A report written in format 1.');
    expect(opened.reporterBoxPublicKey).toBeNull();
    expect(opened.reporterKeyMismatch).toBe(false);
    expect(opened.chain).toEqual({ ok: true, problems: [], legacy: 4 });
    expect(opened.entries.map((e) => e.state)).toEqual(['ok', 'ok', 'ok', 'system']);
    const texts = opened.entries.flatMap((e) => (e.state === 'ok' ? [e.body.text] : []));
    expect(texts).toEqual([
      'Reporter message in format 1.',
      'Staff reply in format 1.',
      'Note in format 1.'
    ]);
    expect(opened.audit.ok).toBe(true);
  });

  it('opens for the reporter with the case key', async () => {
    const caseKey = crypto.parseCaseKey(fixture.caseKey);
    const reporter = await crypto.deriveCaseKeys(caseKey, detail.organisation.id);
    // The stored rows are the frozen ones; the view around them is what today's server sends.
    const view = {
      ...fixture.reporterView,
      entries: detail.entries
        .filter((e) => e.kind !== 'note')
        .map(({ id, kind, senderKind, senderPersonId, epoch, createdOn, ciphertext }) => ({
          id,
          kind,
          senderKind,
          senderPersonId,
          epoch,
          createdOn,
          ciphertext
        }))
    };
    // The server asks for a little proof-of-work first (kept small here), then serves the case.
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) =>
      String(input).endsWith('/pow')
        ? new Response(JSON.stringify({ lookup: 4, submit: 4 }))
        : new Response(JSON.stringify(view))
    );
    const units = detail.units as ServedUnit[];
    const open = await openReporterCase('oldcase', reporter, units, await verifiedKeys(units));
    expect((open.view as ReporterCaseView).caseId).toBe(detail.case.caseId);
    expect(open.pinProblem).toBeNull();
    expect(open.chain).toEqual({ ok: true, problems: [], legacy: 3 });
    expect(open.messages.map((m) => m.from)).toEqual(['reporter', 'staff', 'system']);
    expect(open.messages[1]).toMatchObject({ verified: true, text: 'Staff reply in format 1.' });
  });

  it('a new entry written after the old ones chains to them', async () => {
    const last = crypto.fromBase64(detail.entries[3]!.ciphertext);
    const head = crypto.chainHead(detail.case.caseId, 'case', [last]);
    expect(head).toEqual(crypto.entryLink(last));
  });
});
