import type { VerifiedKeys } from '$lib/client/roster';
import type { ContentKey, DerivationPhase, ReporterKeys } from '$lib/crypto';
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

/**
 * Opens the case: the server finds it by lookup token and checks the request signature; the
 * browser opens its bundles, checks the report's signature and every staff message's signature
 * against the verified roster, and decrypts. A message whose signature fails, or any staff
 * message when the roster was refused (`verified` null), is shown as not verified.
 */
export async function openCase(
  slug: string,
  keys: ReporterKeys,
  verified: VerifiedKeys | null
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
        : entry.senderPersonId
          ? (verified?.signKey(entry.senderPersonId) ?? null)
          : null;
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
        senderSignPublicKey: signKey
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
 * Seals every content key the reporter holds (CK only: the reporter has no SK) to each newcomer's
 * verified box key (verifiedKeys), and records the escalation.
 */
export async function escalate(
  slug: string,
  open: OpenCase,
  verified: VerifiedKeys,
  target: { kind: 'next_stage' } | { kind: 'body'; body: string },
  personIds: string[]
): Promise<void> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const holders = personIds.flatMap((personId) => {
    const box = verified.boxKey(personId);
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
