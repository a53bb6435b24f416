/**
 * Opening a case in a holder's browser: the sealed bundles with the keyring, the report and
 * every entry checked against keys the browser can trust (the reporter's from the signed report,
 * staff keys from the verified roster), the case's chains of entries followed link by link, and
 * the organisation's audit chain checked. Whatever the server serves is data to check.
 */
import { api } from '$lib/client/api';
import {
  RosterTrustError,
  verifiedKeys,
  type ServedUnit,
  type VerifiedKeys
} from '$lib/client/roster';
import { browserPins } from '$lib/client/roster-pins';
import type { ReportDocument } from '$lib/client/reporter/report';
import type {
  BoxPublicKey,
  ChainCheck,
  ContentKey,
  SignPublicKey,
  StaffKeys,
  StaffOnlyKey
} from '$lib/crypto';
import type { Policy, RosterMember } from '$lib/routing';
import type { CaseAuditRow, CaseSummary } from '$lib/server/cases/staff-queries';
import type { Holder } from '$lib/server/cases/types';
import type { FileRecord } from '$lib/client/files/record';
import { verifyCaseAudit, type CaseAuditCheck } from './audit';
import { loadCrypto } from './crypto';
import { decodeServerRecord, eventOf, type CaseEvent } from './events';
import type { EntryPurpose, Outcome } from './schemas';

/** The case endpoint's answer (see src/routes/staff/api/cases/[caseId]/+server.ts). */
export interface CaseDetail {
  case: CaseSummary;
  sealedKeys: { epoch: number; sealedKey: string }[];
  organisation: { id: string; slug: string; name: string; policy: Policy | null };
  units: ServedUnit[];
  holders: Holder[];
  names: Record<string, string>;
  entries: {
    id: string;
    seq: number;
    kind: 'message' | 'note' | 'action';
    senderKind: 'reporter' | 'staff' | 'system';
    senderPersonId: string | null;
    epoch: number;
    ciphertext: string;
    createdOn: string;
    createdAt: string | null;
  }[];
  audit: CaseAuditRow[];
}

/** What a staff member writes inside an entry; the reporter's page reads `text`. */
export interface EntryBody {
  text: string;
  purpose?: EntryPurpose;
  stage?: number;
  writtenAt?: string;
  actionTaken?: string;
  outcome?: Outcome;
  /** Set on event entries: what the writer did to the case. */
  event?: CaseEvent;
  /** Files the entry carries: their names, keys and hashes exist only here. */
  files?: FileRecord[];
}

export type ShownEntry = {
  id: string;
  seq: number;
  kind: 'message' | 'note' | 'action';
  from: 'reporter' | 'staff' | 'system';
  senderPersonId: string | null;
  on: string;
  at: string | null;
  epoch: number;
} & (
  | { state: 'ok'; body: EntryBody }
  /** Signed by the person who did it. */
  | { state: 'event'; event: CaseEvent }
  /** An old case's record the server wrote: nobody signed it. */
  | { state: 'system'; system: CaseEvent }
  /** No link and no signature where the case requires both: made up by someone. */
  | { state: 'forged' }
  | { state: 'unverified' }
  | { state: 'locked' }
);

export interface OpenedCase {
  detail: CaseDetail;
  report: ReportDocument;
  contentKeys: Map<number, ContentKey>;
  staffKeys: Map<number, StaffOnlyKey>;
  roster: RosterMember[];
  /** The verified keys; null when the served roster was refused (then `rosterProblem` says why). */
  keys: VerifiedKeys | null;
  rosterProblem: RosterTrustError | null;
  entries: ShownEntry[];
  audit: CaseAuditCheck;
  /** Both chains of entries, followed in the order served. */
  chain: ChainCheck;
  /** The reporter's box key as the signed report binds it; null for old reports (format 1). */
  reporterBoxPublicKey: BoxPublicKey | null;
  /** True when the server's copy of the reporter's box key is not the one the report binds. */
  reporterKeyMismatch: boolean;
  /** Person ids the report names as involved: never given access. */
  involved: Set<string>;
}

/** The roster, verified against this browser's pins; a refusal is kept, not thrown. */
async function checkRoster(units: ServedUnit[]) {
  try {
    return { keys: await verifiedKeys(units, { pins: browserPins() }), problem: null };
  } catch (error) {
    if (error instanceof RosterTrustError) return { keys: null, problem: error };
    throw error;
  }
}

export async function fetchCase(caseId: string): Promise<CaseDetail> {
  return api.get<CaseDetail>(`/staff/api/cases/${encodeURIComponent(caseId)}`);
}

/**
 * Opens every bundle this person holds, verifies the roster, the report's signature (the
 * reporter's key from the case, bound by the report itself) and each entry's (staff keys from
 * the verified roster only), follows the chains, decrypts, and checks the case's audit events.
 */
export async function openCase(detail: CaseDetail, keys: StaffKeys): Promise<OpenedCase> {
  const crypto = await loadCrypto();
  const contentKeys = new Map<number, ContentKey>();
  const staffKeys = new Map<number, StaffOnlyKey>();
  for (const sealed of detail.sealedKeys) {
    const opened = crypto.openSealedCaseKeys(crypto.fromBase64(sealed.sealedKey), keys.box);
    contentKeys.set(opened.epoch, opened.contentKey);
    if (opened.staffKey) staffKeys.set(opened.epoch, opened.staffKey);
  }
  const c = detail.case;
  const reporterSign = crypto.fromBase64(c.reporterSignPublicKey) as SignPublicKey;
  const opened = crypto.openReport(
    contentKeys.get(0)!,
    c.caseId,
    crypto.fromBase64(c.reportCiphertext),
    reporterSign
  );
  const report = opened.body as ReportDocument;
  const served = crypto.fromBase64(c.reporterBoxPublicKey);
  const reporterKeyMismatch =
    opened.reporterBoxPublicKey !== null &&
    !crypto.constantTimeEqual(opened.reporterBoxPublicKey, served);
  const { keys: verified, problem } = await checkRoster(detail.units);
  const raw = detail.entries.map((e) => ({ ...e, bytes: crypto.fromBase64(e.ciphertext) }));
  const chain = crypto.verifyChains(
    c.caseId,
    raw.map((e) => ({ id: e.id, kind: e.kind, bytes: e.bytes })),
    { strict: opened.version >= crypto.VERSION.report, chains: ['case', 'notes'] }
  );
  const forged = new Set(
    chain.problems.filter((p) => p.reason === 'unsigned').map((p) => p.entryId)
  );
  const entries = raw.map((e): ShownEntry => {
    const base = {
      id: e.id,
      seq: e.seq,
      kind: e.kind,
      from: e.senderKind,
      senderPersonId: e.senderPersonId,
      on: e.createdOn,
      at: e.createdAt,
      epoch: e.epoch
    };
    if (forged.has(e.id)) return { ...base, state: 'forged' };
    if (e.senderKind === 'system') {
      const system = decodeServerRecord(e.bytes);
      return system ? { ...base, state: 'system', system } : { ...base, state: 'unverified' };
    }
    const key = e.kind === 'note' ? staffKeys.get(e.epoch) : contentKeys.get(e.epoch);
    if (!key) return { ...base, state: 'locked' };
    const signKey =
      e.senderKind === 'reporter'
        ? reporterSign
        : e.senderKind === 'staff' && e.senderPersonId
          ? (verified?.signKey(e.senderPersonId) ?? null)
          : null;
    if (!signKey) return { ...base, state: 'unverified' };
    try {
      const { body } = crypto.decryptEntry({
        caseId: c.caseId,
        entryId: e.id,
        senderRole: e.senderKind === 'reporter' ? 'reporter' : 'staff',
        ...(e.kind === 'note'
          ? { kind: 'note' as const, key: key as StaffOnlyKey }
          : { kind: e.kind, key: key as ContentKey }),
        ciphertext: e.bytes,
        senderSignPublicKey: signKey
      });
      const event = eventOf(body);
      if (event) return { ...base, state: 'event', event };
      const b = (body ?? {}) as Partial<EntryBody>;
      return {
        ...base,
        state: 'ok',
        body: { ...b, text: typeof b.text === 'string' ? b.text : '' }
      };
    } catch {
      return { ...base, state: 'unverified' };
    }
  });
  return {
    detail,
    report,
    contentKeys,
    staffKeys,
    roster: verified?.members ?? [],
    keys: verified,
    rosterProblem: problem,
    entries,
    audit: await verifyCaseAudit(detail.audit, c.caseId),
    chain,
    reporterBoxPublicKey: opened.reporterBoxPublicKey,
    reporterKeyMismatch,
    involved: new Set((report.involved ?? []).map((p) => p.personId))
  };
}
