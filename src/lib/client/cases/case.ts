/**
 * A holder's browser side of a case: opens the sealed bundles with the keyring, verifies and
 * decrypts the report and entries, and makes every ciphertext and sealed bundle the staff case
 * endpoints accept. Nothing here sends plaintext anywhere.
 */
import { api } from '$lib/client/api';
import {
  RosterTrustError,
  UnverifiedMemberError,
  verifiedKeys,
  type ServedUnit,
  type VerifiedKeys
} from '$lib/client/roster';
import { browserPins } from '$lib/client/roster-pins';
import type { ReportDocument } from '$lib/client/reporter/report';
import type { BoxPublicKey, ContentKey, SignPublicKey, StaffKeys, StaffOnlyKey } from '$lib/crypto';
import { deadlinesFor, type Policy, type RosterMember, type Track } from '$lib/routing';
import type {
  CaseAuditRow,
  CaseOrganisation,
  CaseSummary,
  InboxCase
} from '$lib/server/cases/staff-queries';
import type { Holder } from '$lib/server/cases/types';
import { verifyCaseAudit, type CaseAuditCheck } from './audit';
import type { EntryPurpose, Outcome } from './schemas';

type Crypto = typeof import('$lib/crypto');

async function loadCrypto(): Promise<Crypto> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  return crypto;
}

/** UTC day, as the server records it. */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export type DeadlineKind = 'acknowledge' | 'reply';

export interface NextDeadline {
  kind: DeadlineKind;
  date: string;
  overdue: boolean;
}

/** The deadline the holders must meet next, from the organisation's policy; null when none. */
export function nextDeadline(
  policy: Policy | null,
  c: Pick<
    CaseSummary,
    'track' | 'stage' | 'stageStartedOn' | 'acknowledgedOn' | 'respondedOn' | 'status'
  >,
  day = utcToday()
): NextDeadline | null {
  if (!policy?.tracks[c.track] || c.status === 'closed') return null;
  let due;
  try {
    due = deadlinesFor(policy, c.track, c.stage, {
      receivedOn: c.stageStartedOn,
      acknowledgedOn: c.acknowledgedOn,
      respondedOn: c.respondedOn
    });
  } catch {
    return null;
  }
  if (!c.acknowledgedOn && due.acknowledgeBy) {
    return { kind: 'acknowledge', date: due.acknowledgeBy, overdue: day > due.acknowledgeBy };
  }
  if (!c.respondedOn && due.replyBy) {
    return { kind: 'reply', date: due.replyBy, overdue: day > due.replyBy };
  }
  return null;
}

export interface InboxRow {
  caseId: string;
  track: Track;
  category: string | null;
  receivedOn: string;
  stage: number;
  status: CaseSummary['status'];
  organisation: string;
  next: NextDeadline | null;
  /** False when the report's signature or decryption failed. */
  readable: boolean;
}

/**
 * Opens each case's epoch-0 bundle (the report is always under it) and decrypts the report,
 * then sorts: overdue first, then by the nearest deadline, then newest.
 */
export async function openInbox(
  inbox: { cases: InboxCase[]; organisations: CaseOrganisation[] },
  keys: StaffKeys,
  day = utcToday()
): Promise<InboxRow[]> {
  const crypto = await loadCrypto();
  const orgs = new Map(inbox.organisations.map((o) => [o.id, o]));
  const rows = inbox.cases.map((c): InboxRow => {
    const org = orgs.get(c.organisationId);
    let category: string | null = null;
    let readable = true;
    try {
      const first = c.sealedKeys[0]!;
      const opened = crypto.openSealedCaseKeys(crypto.fromBase64(first.sealedKey), keys.box);
      const report = crypto.decryptReport(
        opened.contentKey,
        c.caseId,
        crypto.fromBase64(c.reportCiphertext),
        crypto.fromBase64(c.reporterSignPublicKey) as SignPublicKey
      ) as Partial<ReportDocument>;
      category = typeof report.category === 'string' ? report.category : null;
    } catch {
      readable = false;
    }
    return {
      caseId: c.caseId,
      track: c.track,
      category,
      receivedOn: c.receivedOn,
      stage: c.stage,
      status: c.status,
      organisation: org?.name ?? '',
      next: nextDeadline(org?.policy ?? null, c, day),
      readable
    };
  });
  return rows.sort(compareRows);
}

function compareRows(a: InboxRow, b: InboxRow): number {
  const ao = a.next?.overdue ? 0 : 1;
  const bo = b.next?.overdue ? 0 : 1;
  if (ao !== bo) return ao - bo;
  const ad = a.next?.date ?? '9999-12-31';
  const bd = b.next?.date ?? '9999-12-31';
  if (ad !== bd) return ad < bd ? -1 : 1;
  return a.receivedOn < b.receivedOn ? 1 : a.receivedOn > b.receivedOn ? -1 : 0;
}

export async function fetchInbox() {
  return api.get<{ cases: InboxCase[]; organisations: CaseOrganisation[] }>('/staff/api/cases');
}

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
}

export interface SystemFacts {
  event: string;
  personIds: string[];
  stage?: number;
  body?: string;
  purpose?: string;
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
  | { state: 'system'; system: SystemFacts }
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
  /** Person ids the report names as involved: never given access. */
  involved: Set<string>;
}

/** System entries are `0x00 ‖ UTF-8 JSON` in the clear (docs/PROTOCOL.md, system entries). */
function decodeSystem(bytes: Uint8Array): SystemFacts | null {
  if (bytes[0] !== 0x00) return null;
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes.subarray(1))) as SystemFacts;
    return { ...value, personIds: Array.isArray(value.personIds) ? value.personIds : [] };
  } catch {
    return null;
  }
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

/** The verified keys, or the reason the roster was refused: nothing is sealed without them. */
function trusted(opened: OpenedCase): VerifiedKeys {
  if (!opened.keys) throw opened.rosterProblem ?? new RosterTrustError('', 'unsigned');
  return opened.keys;
}

export async function fetchCase(caseId: string): Promise<CaseDetail> {
  return api.get<CaseDetail>(`/staff/api/cases/${encodeURIComponent(caseId)}`);
}

/**
 * Opens every bundle this person holds, verifies the roster, the report's signature (the
 * reporter's key from the case) and each entry's (staff keys from the verified roster only),
 * decrypts, and checks the case's audit events against the chain.
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
  const report = crypto.decryptReport(
    contentKeys.get(0)!,
    c.caseId,
    crypto.fromBase64(c.reportCiphertext),
    reporterSign
  ) as ReportDocument;
  const { keys: verified, problem } = await checkRoster(detail.units);
  const entries = detail.entries.map((e): ShownEntry => {
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
    const bytes = crypto.fromBase64(e.ciphertext);
    if (e.senderKind === 'system') {
      const system = decodeSystem(bytes);
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
        ciphertext: bytes,
        senderSignPublicKey: signKey
      });
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
    involved: new Set((report.involved ?? []).map((p) => p.personId))
  };
}

function caseUrl(caseId: string, action: string): string {
  return `/staff/api/cases/${encodeURIComponent(caseId)}/${action}`;
}

/** Encrypts and signs an entry under the current epoch (notes under its staff-only key). */
export async function sendEntry(
  opened: OpenedCase,
  keys: StaffKeys,
  purpose: EntryPurpose,
  body: EntryBody
): Promise<void> {
  const crypto = await loadCrypto();
  const c = opened.detail.case;
  const epoch = c.keyEpoch;
  const entryId = globalThis.crypto.randomUUID();
  const full: EntryBody = {
    ...body,
    purpose,
    stage: c.stage,
    writtenAt: new Date().toISOString()
  };
  const context = { caseId: c.caseId, entryId, senderRole: 'staff' as const };
  let ciphertext: Uint8Array;
  if (purpose === 'note') {
    const key = opened.staffKeys.get(epoch);
    if (!key) throw new Error('no staff-only key for the current epoch');
    ciphertext = crypto.encryptEntry({
      ...context,
      kind: 'note',
      key,
      body: full,
      signer: keys.sign
    });
  } else {
    const key = opened.contentKeys.get(epoch);
    if (!key) throw new Error('no content key for the current epoch');
    ciphertext = crypto.encryptEntry({
      ...context,
      kind: purpose === 'action' ? 'action' : 'message',
      key,
      body: full,
      signer: keys.sign
    });
  }
  await api.post(caseUrl(c.caseId, 'entries'), {
    entryId,
    purpose,
    epoch,
    ciphertext: crypto.toBase64(ciphertext)
  });
}

export async function acknowledge(caseId: string): Promise<void> {
  await api.post(caseUrl(caseId, 'acknowledge'), {});
}

export async function changeStatus(caseId: string, status: string): Promise<void> {
  await api.post(caseUrl(caseId, 'status'), { status });
}

/** Thrown before anything is sealed: the report names this person as involved. */
export class NamedAsInvolvedError extends Error {
  override name = 'NamedAsInvolvedError';
  constructor(readonly personIds: string[]) {
    super('named as involved');
  }
}

export { RosterTrustError, UnverifiedMemberError };

/**
 * Every epoch's keys (content and staff-only) sealed to each newcomer's roster-verified box key.
 * Refuses anyone the report names as involved: the server cannot know, so this is the check.
 */
async function sealForNewcomers(opened: OpenedCase, personIds: string[]) {
  const named = personIds.filter((id) => opened.involved.has(id));
  if (named.length > 0) throw new NamedAsInvolvedError(named);
  const crypto = await loadCrypto();
  const verified = trusted(opened);
  return personIds.flatMap((personId) => {
    const box = verified.boxKey(personId);
    return [...opened.contentKeys].map(([epoch, contentKey]) => {
      const staffKey = opened.staffKeys.get(epoch);
      return {
        personId,
        epoch,
        sealedKey: crypto.toBase64(
          crypto.sealCaseKeysFor(
            box,
            staffKey ? { epoch, contentKey, staffKey } : { epoch, contentKey },
            { includeStaffKey: Boolean(staffKey) }
          )
        )
      };
    });
  });
}

export async function refer(
  opened: OpenedCase,
  target: { kind: 'tier' } | { kind: 'body'; body: string },
  personIds: string[]
): Promise<void> {
  const holders = await sealForNewcomers(opened, personIds);
  await api.post(caseUrl(opened.detail.case.caseId, 'refer'), {
    referralId: globalThis.crypto.randomUUID(),
    target,
    holders
  });
}

export async function grant(
  opened: OpenedCase,
  personIds: string[],
  purpose: 'colleague' | 'panel'
): Promise<void> {
  const holders = await sealForNewcomers(opened, personIds);
  await api.post(caseUrl(opened.detail.case.caseId, 'grant'), {
    grantId: globalThis.crypto.randomUUID(),
    purpose,
    holders
  });
}

/**
 * Removes a holder: new epoch keys, sealed to every remaining holder (staff get the staff-only
 * key too, the reporter only the content key). What is written afterwards is under keys the
 * removed person never receives.
 */
export async function revoke(opened: OpenedCase, personId: string): Promise<void> {
  const crypto = await loadCrypto();
  const c = opened.detail.case;
  const verified = trusted(opened);
  const next = crypto.rotateCaseKeys({ epoch: c.keyEpoch });
  const sealedKeys = opened.detail.holders
    .filter((h) => h.personId !== personId)
    .map((h) => {
      if (h.personId === null) {
        return {
          personId: null,
          sealedKey: crypto.toBase64(
            crypto.sealCaseKeysFor(
              crypto.fromBase64(c.reporterBoxPublicKey) as BoxPublicKey,
              next,
              { includeStaffKey: false }
            )
          )
        };
      }
      return {
        personId: h.personId,
        sealedKey: crypto.toBase64(
          crypto.sealCaseKeysFor(verified.boxKey(h.personId), next, { includeStaffKey: true })
        )
      };
    });
  await api.post(caseUrl(c.caseId, 'revoke'), {
    personId,
    newEpoch: next.epoch,
    sealedKeys
  });
}

/**
 * The stage-2 investigator: whoever sent stage 2's final response, else the first staff member
 * who wrote to the reporter at stage 2. Never on the stage-3 panel.
 */
export function stage2Investigator(opened: OpenedCase): string | null {
  const stage2 = opened.entries.filter(
    (e) => e.state === 'ok' && e.from === 'staff' && e.kind === 'message' && e.body.stage === 2
  );
  const final = stage2.find((e) => e.state === 'ok' && e.body.purpose === 'final');
  return (final ?? stage2[0])?.senderPersonId ?? null;
}
