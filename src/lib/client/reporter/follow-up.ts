import { ApiError } from '$lib/client/api';
import { decodeServerRecord, eventOf, type CaseEvent } from '$lib/client/cases/events';
import type { ServedUnit, VerifiedKeys } from '$lib/client/roster';
import type { ChainCheck, ContentKey, DerivationPhase, ReporterKeys } from '$lib/crypto';
import type { ReporterCaseView } from '$lib/schemas/cases';
import { filesOf, type FileRecord } from '$lib/client/files/record';
import { pinsOf, type ReportDocument } from './report';
import { openKeptReceipt, type CheckedReceipt } from './receipt';
import { signedPost, withRetry } from './requests';

type Crypto = typeof import('$lib/crypto');

export interface OpenCase {
  keys: ReporterKeys;
  view: ReporterCaseView;
  report: ReportDocument;
  contentKeys: Map<number, ContentKey>;
  messages: ShownEntry[];
  chain: ChainCheck;
  /**
   * Set when the roster is served under a key other than the one the report was sent under:
   * nobody on it is trusted, nothing is sealed to them and their messages are not believed.
   */
  pinProblem: 'organisation' | 'body' | null;
  /** The proof of filing kept with the case, opened with the case key and checked again. */
  receipt: CheckedReceipt | null;
}

export type ShownEntry =
  | {
      id: string;
      from: 'reporter' | 'staff';
      senderPersonId: string | null;
      on: string;
      text: string;
      /** Files the entry carries (name, key, hash: only inside the signed entry). */
      files: FileRecord[];
      verified: true;
      /** The stage this message is the formal (final) response of, as its signed body says. */
      finalForStage?: number;
    }
  | { id: string; from: 'staff'; senderPersonId: string | null; on: string; verified: false }
  /** Signed by whoever did it (the reporter, or a verified member of staff). */
  | { id: string; from: 'event'; senderPersonId: string | null; on: string; event: CaseEvent }
  /** An old case's record the server wrote: a claim nobody signed. */
  | { id: string; from: 'system'; on: string; system: CaseEvent }
  /** An entry without the link and signature every entry of this case has: made up. */
  | { id: string; from: 'forged'; on: string };

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

/** Compares the unit keys served now with those the report was sent under. */
async function pinProblemOf(
  report: ReportDocument,
  units: ServedUnit[]
): Promise<OpenCase['pinProblem']> {
  if (!report.keys) return null;
  const served = await pinsOf(units);
  if (served.organisation !== report.keys.organisation) return 'organisation';
  for (const [unitId, pinned] of Object.entries(report.keys.bodies)) {
    if (unitId in served.bodies && served.bodies[unitId] !== pinned) return 'body';
  }
  return null;
}

export async function fetchView(slug: string, keys: ReporterKeys, crypto: Crypto) {
  return withRetry(() =>
    signedPost<ReporterCaseView>(
      `/o/${encodeURIComponent(slug)}/api/case`,
      { lookupToken: crypto.toBase64(keys.lookupToken) },
      keys.sign
    )
  );
}

/**
 * Opens the case: the server finds it by lookup token and checks the request signature; the
 * browser opens its bundles, checks the report's signature and the keys it was sent under,
 * follows the case's chain of entries, checks every staff entry's signature against the
 * verified roster, and decrypts. Whatever does not verify is shown as such.
 */
export async function openCase(
  slug: string,
  keys: ReporterKeys,
  units: ServedUnit[],
  verified: VerifiedKeys | null
): Promise<OpenCase> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const view = await fetchView(slug, keys, crypto);
  const contentKeys = new Map<number, ContentKey>();
  for (const sealed of view.reporterKeys) {
    const opened = crypto.openSealedCaseKeys(crypto.fromBase64(sealed.sealedKey), keys.box);
    contentKeys.set(opened.epoch, opened.contentKey);
  }
  const opened = crypto.openReport(
    contentKeys.get(0)!,
    view.caseId,
    crypto.fromBase64(view.reportCiphertext),
    keys.sign.publicKey
  );
  const report = opened.body as ReportDocument;
  const pinProblem = await pinProblemOf(report, units);
  const trusted = pinProblem ? null : verified;
  const raw = view.entries.map((e) => ({ ...e, bytes: crypto.fromBase64(e.ciphertext) }));
  const chain = crypto.verifyChains(
    view.caseId,
    raw.map((e) => ({ id: e.id, kind: e.kind, bytes: e.bytes })),
    { strict: opened.version >= crypto.VERSION.report, chains: ['case'] }
  );
  const forged = new Set(
    chain.problems.filter((p) => p.reason === 'unsigned').map((p) => p.entryId)
  );
  const messages = raw.map((entry): ShownEntry => {
    if (forged.has(entry.id)) return { id: entry.id, from: 'forged', on: entry.createdOn };
    if (entry.senderKind === 'system') {
      const system = decodeServerRecord(entry.bytes);
      return system
        ? { id: entry.id, from: 'system', on: entry.createdOn, system }
        : { id: entry.id, from: 'forged', on: entry.createdOn };
    }
    const senderRole = entry.senderKind === 'reporter' ? 'reporter' : 'staff';
    const signKey =
      senderRole === 'reporter'
        ? keys.sign.publicKey
        : entry.senderPersonId
          ? (trusted?.signKey(entry.senderPersonId) ?? null)
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
        ciphertext: entry.bytes,
        senderSignPublicKey: signKey
      });
      const event = eventOf(body);
      if (event) {
        return {
          id: entry.id,
          from: 'event',
          senderPersonId: entry.senderPersonId,
          on: entry.createdOn,
          event
        };
      }
      const { text, purpose, stage } = body as {
        text?: unknown;
        purpose?: unknown;
        stage?: unknown;
      };
      const final = senderRole === 'staff' && purpose === 'final' && typeof stage === 'number';
      return {
        id: entry.id,
        from: senderRole,
        senderPersonId: entry.senderPersonId,
        on: entry.createdOn,
        text: typeof text === 'string' ? text : '',
        files: filesOf(body),
        verified: true,
        ...(final ? { finalForStage: stage } : {})
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
  const organisationId = units.find((u) => u.kind === 'organisation')?.id ?? '';
  const receipt = await openKeptReceipt(view.sealedReceipt, keys.box, {
    organisationId,
    caseId: view.caseId,
    reportCiphertext: crypto.fromBase64(view.reportCiphertext)
  });
  return { keys, view, report, contentKeys, messages, chain, pinProblem, receipt };
}

/**
 * Writes a signed entry linked to the case's chain head as this browser saw it; if someone
 * wrote in between (409), reads the case again and writes once more on the new head.
 */
async function linked(
  slug: string,
  open: Pick<OpenCase, 'keys' | 'view'>,
  write: (prev: Uint8Array, crypto: Crypto) => Promise<unknown>
): Promise<void> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const head = (view: ReporterCaseView) =>
    crypto.chainHead(
      view.caseId,
      'case',
      view.entries.map((e) => crypto.fromBase64(e.ciphertext))
    );
  try {
    await write(head(open.view), crypto);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
    await write(head(await fetchView(slug, open.keys, crypto)), crypto);
  }
}

/**
 * Sends a signed, encrypted reporter message under the case's current epoch, carrying the
 * records of files already uploaded (src/lib/client/files/upload.ts).
 */
export async function sendMessage(
  slug: string,
  open: Pick<OpenCase, 'keys' | 'view' | 'contentKeys'>,
  text: string,
  files: FileRecord[] = []
): Promise<void> {
  const epoch = Math.max(...open.contentKeys.keys());
  await linked(slug, open, async (prev, crypto) => {
    const entryId = globalThis.crypto.randomUUID();
    const ciphertext = crypto.encryptEntry({
      caseId: open.view.caseId,
      entryId,
      senderRole: 'reporter',
      kind: 'message',
      key: open.contentKeys.get(epoch)!,
      body: {
        text,
        sentOn: new Date().toISOString().slice(0, 10),
        ...(files.length > 0 ? { files } : {})
      },
      signer: open.keys.sign,
      prev
    });
    return withRetry(() =>
      signedPost(
        `/o/${encodeURIComponent(slug)}/api/case/messages`,
        {
          lookupToken: crypto.toBase64(open.keys.lookupToken),
          entryId,
          epoch,
          ciphertext: crypto.toBase64(ciphertext),
          ...(files.length > 0 ? { fileIds: files.map((f) => f.id) } : {})
        },
        open.keys.sign
      )
    );
  });
}

/**
 * Seals every content key the reporter holds (CK only: the reporter has no SK) to each newcomer's
 * verified box key (verifiedKeys), and records the escalation as the reporter's own
 * signed event in the case's chain.
 */
export async function escalate(
  slug: string,
  open: OpenCase,
  verified: VerifiedKeys,
  target: { kind: 'next_stage' } | { kind: 'body'; body: string },
  personIds: string[]
): Promise<void> {
  if (open.pinProblem) throw new ApiError(400, 'untrusted roster');
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
  const epoch = Math.max(...open.contentKeys.keys());
  const event: CaseEvent = {
    event: 'escalated',
    personIds,
    body: target.kind === 'body' ? target.body : 'next_stage',
    ...(target.kind === 'next_stage' ? { stage: open.view.stage + 1 } : {})
  };
  await linked(slug, open, async (prev) => {
    const entryId = globalThis.crypto.randomUUID();
    const ciphertext = crypto.encryptEntry({
      caseId: open.view.caseId,
      entryId,
      senderRole: 'reporter',
      kind: 'message',
      key: open.contentKeys.get(epoch)!,
      body: { text: '', event },
      signer: open.keys.sign,
      prev
    });
    return withRetry(() =>
      signedPost(
        `/o/${encodeURIComponent(slug)}/api/case/escalate`,
        {
          lookupToken: crypto.toBase64(open.keys.lookupToken),
          event: { entryId, epoch, ciphertext: crypto.toBase64(ciphertext) },
          target,
          holders
        },
        open.keys.sign
      )
    );
  });
}
