import { ApiError } from '$lib/client/api';
import type { ServedUnit } from '$lib/client/roster';
import type {
  BoxPublicKey,
  ContentKey,
  DerivationPhase,
  ReporterKeys,
  SignPublicKey
} from '$lib/crypto';
import type { ReporterCaseView } from '$lib/schemas/cases';
import type { ReportDocument } from './report';
import { signedPost, withRetry } from './requests';

export interface OpenCase {
  keys: ReporterKeys;
  view: ReporterCaseView;
  report: ReportDocument;
  contentKeys: Map<number, ContentKey>;
  messages: ShownEntry[];
}

export type ShownEntry =
  | {
      id: string;
      from: 'reporter' | 'staff';
      senderPersonId: string | null;
      on: string;
      text: string;
      verified: true;
    }
  | { id: string; from: 'staff'; senderPersonId: string | null; on: string; verified: false }
  | {
      id: string;
      from: 'system';
      on: string;
      system: NonNullable<ReporterCaseView['entries'][number]['system']>;
    };

/** Parses the key first: a typo throws CaseKeyTypoError before any slow work or request. */
export async function parseKey(input: string) {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  return crypto.parseCaseKey(input);
}

export async function deriveKeys(
  caseKey: Parameters<typeof import('$lib/crypto').deriveCaseKeys>[0],
  organisationId: string,
  onPhase: (phase: DerivationPhase) => void
): Promise<ReporterKeys> {
  const { deriveCaseKeysInWorker } = await import('$lib/crypto/client');
  return deriveCaseKeysInWorker(caseKey, organisationId, { onPhase });
}

function signKeyOf(units: ServedUnit[], verified: Set<string>, personId: string | null) {
  if (!personId || !verified.has(personId)) return null;
  return (
    units.flatMap((u) => u.members).find((m) => m.personId === personId)?.signPublicKey ?? null
  );
}

/**
 * Opens the case: the server finds it by lookup token and checks the request signature; the
 * browser opens its bundles, checks the report's signature and every staff message's signature
 * against the verified roster, and decrypts. A message whose signature fails is shown as such.
 */
export async function openCase(
  slug: string,
  keys: ReporterKeys,
  units: ServedUnit[],
  verifiedIds: Set<string>
): Promise<OpenCase> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const view = await withRetry(() =>
    signedPost<ReporterCaseView>(
      `/o/${encodeURIComponent(slug)}/api/case`,
      { lookupToken: crypto.toBase64(keys.lookupToken) },
      keys.sign
    )
  );
  const contentKeys = new Map<number, ContentKey>();
  for (const sealed of view.reporterKeys) {
    const opened = crypto.openSealedCaseKeys(crypto.fromBase64(sealed.sealedKey), keys.box);
    contentKeys.set(opened.epoch, opened.contentKey);
  }
  const report = crypto.decryptReport(
    contentKeys.get(0)!,
    view.caseId,
    crypto.fromBase64(view.reportCiphertext),
    keys.sign.publicKey
  ) as ReportDocument;
  const messages: ShownEntry[] = view.entries.map((entry) => {
    if (entry.senderKind === 'system' || !entry.ciphertext) {
      return { id: entry.id, from: 'system', on: entry.createdOn, system: entry.system! };
    }
    const senderRole = entry.senderKind === 'reporter' ? 'reporter' : 'staff';
    const signKey =
      senderRole === 'reporter'
        ? keys.sign.publicKey
        : signKeyOf(units, verifiedIds, entry.senderPersonId);
    const key = contentKeys.get(entry.epoch);
    try {
      if (!signKey || !key) throw new Error('unverifiable');
      const { body } = crypto.decryptEntry({
        caseId: view.caseId,
        entryId: entry.id,
        senderRole,
        kind: entry.kind,
        key,
        ciphertext: crypto.fromBase64(entry.ciphertext),
        senderSignPublicKey: (typeof signKey === 'string'
          ? crypto.fromBase64(signKey)
          : signKey) as SignPublicKey
      });
      const text = (body as { text?: unknown }).text;
      return {
        id: entry.id,
        from: senderRole,
        senderPersonId: entry.senderPersonId,
        on: entry.createdOn,
        text: typeof text === 'string' ? text : '',
        verified: true
      };
    } catch {
      return {
        id: entry.id,
        from: 'staff',
        senderPersonId: entry.senderPersonId,
        on: entry.createdOn,
        verified: false
      };
    }
  });
  return { keys, view, report, contentKeys, messages };
}

/** Sends a signed, encrypted reporter message under the case's current epoch. */
export async function sendMessage(slug: string, open: OpenCase, text: string): Promise<void> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const epoch = Math.max(...open.contentKeys.keys());
  const entryId = globalThis.crypto.randomUUID();
  const ciphertext = crypto.encryptEntry({
    caseId: open.view.caseId,
    entryId,
    senderRole: 'reporter',
    kind: 'message',
    key: open.contentKeys.get(epoch)!,
    body: { text, sentOn: new Date().toISOString().slice(0, 10) },
    signer: open.keys.sign
  });
  await withRetry(() =>
    signedPost(
      `/o/${encodeURIComponent(slug)}/api/case/messages`,
      {
        lookupToken: crypto.toBase64(open.keys.lookupToken),
        entryId,
        epoch,
        ciphertext: crypto.toBase64(ciphertext)
      },
      open.keys.sign
    )
  );
}

/**
 * Seals every content key the reporter holds (CK only: the reporter has no SK) to each newcomer,
 * whose roster signature the caller verified, and records the escalation.
 */
export async function escalate(
  slug: string,
  open: OpenCase,
  units: ServedUnit[],
  target: { kind: 'next_stage' } | { kind: 'body'; body: string },
  personIds: string[]
): Promise<void> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const members = units.flatMap((u) => u.members);
  const holders = personIds.flatMap((personId) => {
    const member = members.find((m) => m.personId === personId);
    if (!member) throw new ApiError(400, 'unknown recipient');
    const box = crypto.fromBase64(member.boxPublicKey) as BoxPublicKey;
    return [...open.contentKeys].map(([epoch, contentKey]) => ({
      personId,
      epoch,
      sealedKey: crypto.toBase64(
        crypto.sealCaseKeysFor(box, { epoch, contentKey }, { includeStaffKey: false })
      )
    }));
  });
  const escalationId = globalThis.crypto.randomUUID();
  await withRetry(() =>
    signedPost(
      `/o/${encodeURIComponent(slug)}/api/case/escalate`,
      { lookupToken: crypto.toBase64(open.keys.lookupToken), escalationId, target, holders },
      open.keys.sign
    )
  );
}
