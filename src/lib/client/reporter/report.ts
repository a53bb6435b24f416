import type { VerifiedKeys } from '$lib/client/roster';
import type { ContentKey, DerivationPhase, ReporterKeys } from '$lib/crypto';
import type { BodyKind, RosterMember, Track } from '$lib/routing';
import { checkFiledReceipt, keepReceipt, type CheckedReceipt } from './receipt';
import { signedPost, withRetry } from './requests';

export const CATEGORIES = [
  'policy_breach',
  'below_standards',
  'criminal',
  'health_safety',
  'child_risk',
  'service',
  'other'
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The report as the reporter wrote it. Encrypted whole; the server never sees any of it. */
export interface ReportDocument {
  version: 1;
  track: Track;
  category: Category | null;
  whatHappened: string;
  when: string;
  where: string;
  /** People chosen from the roster (their ids also drive routing) and anyone else, as typed. */
  involved: { personId: string; name: string }[];
  involvedOthers: string;
  aboutStaff: 'yes' | 'no' | 'unsure' | null;
  /** The team (project) it is about, from the organisation's policy; null: not sure or none. */
  team?: string | null;
  othersKnow: string;
  outcome: string;
  contact: string;
  /**
   * Fingerprints of the keys this report was sent under: the organisation's unit key and each
   * linked body's, by unit id. Only the content key opens them; a returning reporter's browser
   * refuses a roster signed under any other key (docs/PROTOCOL.md §6).
   */
  keys?: KeyPins;
}

export interface KeyPins {
  organisation: string;
  bodies: Record<string, string>;
}

/** The fingerprints of the unit keys served with the roster, to pin in a new report. */
export async function pinsOf(
  units: readonly { id: string; kind: string; signingPublicKey: string | null }[]
): Promise<KeyPins> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const fp = (key: string | null) => (key ? crypto.fingerprint(crypto.fromBase64(key)) : '');
  const organisation = units.find((u) => u.kind === 'organisation');
  const bodies = units.filter((u) => u.kind !== 'organisation');
  return {
    organisation: fp(organisation?.signingPublicKey ?? null),
    bodies: Object.fromEntries(
      bodies.filter((b) => b.signingPublicKey).map((b) => [b.id, fp(b.signingPublicKey)])
    )
  };
}

export function emptyReport(): ReportDocument {
  return {
    version: 1,
    track: 'whistleblowing',
    category: null,
    whatHappened: '',
    when: '',
    where: '',
    involved: [],
    involvedOthers: '',
    aboutStaff: null,
    team: null,
    othersKnow: '',
    outcome: '',
    contact: ''
  };
}

export type SendPhase = DerivationPhase | 'encrypting' | 'sending' | 'sent';

export interface Sent {
  caseKey: string;
  caseId: string;
  receivedOn: string;
  /** Kept in this page only, to send the report's files once the case exists. */
  reporter: ReporterKeys;
  contentKey: ContentKey;
  /** The server's signed proof of filing, as checked here; null when none came back. */
  receipt: CheckedReceipt | null;
  /** Whether the checked receipt was sealed and kept with the case. */
  receiptKept: boolean;
}

/**
 * Makes the case key, derives the reporter keys in a worker, encrypts and signs the report,
 * seals the case keys to each recipient's verified box key (verifiedKeys) and to the
 * reporter's own box key, and files it. Retries reuse the same submission id.
 */
export async function sendReport(
  slug: string,
  organisationId: string,
  verified: VerifiedKeys,
  recipients: RosterMember[],
  report: ReportDocument,
  onPhase: (phase: SendPhase) => void
): Promise<Sent> {
  // Throws before any slow work if anyone is not on the verified roster.
  const boxKeys = recipients.map((r) => verified.boxKey(r.personId));
  const crypto = await import('$lib/crypto');
  const { deriveCaseKeysInWorker } = await import('$lib/crypto/client');
  await crypto.ready();
  const caseKey = crypto.generateCaseKey();
  const reporter = await deriveCaseKeysInWorker(crypto.parseCaseKey(caseKey), organisationId, {
    onPhase
  });
  onPhase('encrypting');
  const keys = crypto.newCaseKeys();
  const caseId = globalThis.crypto.randomUUID();
  const submissionId = globalThis.crypto.randomUUID();
  const body = {
    submissionId,
    caseId,
    track: report.track,
    lookupToken: crypto.toBase64(reporter.lookupToken),
    reporterSignPublicKey: crypto.toBase64(reporter.sign.publicKey),
    reporterBoxPublicKey: crypto.toBase64(reporter.box.publicKey),
    reportCiphertext: crypto.toBase64(
      crypto.encryptReport(
        keys.contentKey,
        caseId,
        { ...report, keys: await pinsOf(verified.units) },
        reporter.sign,
        reporter.box.publicKey
      )
    ),
    recipients: recipients.map((r, i) => ({
      personId: r.personId,
      sealedKey: crypto.toBase64(
        crypto.sealCaseKeysFor(boxKeys[i]!, keys, { includeStaffKey: true })
      )
    })),
    reporterSealedKey: crypto.toBase64(
      crypto.sealCaseKeysFor(reporter.box.publicKey, keys, { includeStaffKey: false })
    )
  };
  onPhase('sending');
  const result = await withRetry(() =>
    signedPost<{ caseId: string; receivedOn: string; receipt?: unknown }>(
      `/o/${encodeURIComponent(slug)}/api/cases`,
      body,
      reporter.sign
    )
  );
  // Checked against the published key and the ciphertext this browser sent, never the server's word.
  const receipt = await checkFiledReceipt(result.receipt, {
    organisationId,
    caseId,
    reportCiphertext: crypto.fromBase64(body.reportCiphertext)
  });
  let receiptKept = false;
  if (receipt?.check.ok && receipt.receipt) {
    receiptKept = await keepReceipt(slug, reporter, receipt.receipt).then(
      () => true,
      () => false
    );
  }
  onPhase('sent');
  return {
    caseKey,
    caseId: result.caseId,
    receivedOn: result.receivedOn,
    receipt,
    receiptKept,
    reporter,
    contentKey: keys.contentKey
  };
}

/** Members of an external body who would receive the case through a rule with these roles. */
export function bodyMembers(
  roster: RosterMember[],
  kind: BodyKind,
  roles: readonly string[],
  involved: readonly string[]
): RosterMember[] {
  return roster.filter(
    (m) =>
      m.unitKind === kind &&
      m.keysSigned !== false &&
      m.status === 'active' &&
      !involved.includes(m.personId) &&
      m.roles.some((r) => roles.includes(r))
  );
}
