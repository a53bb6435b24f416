// A reporter's client outside the browser, for load, fault and crash tests and the load bench:
// the same crypto calls and the same signed requests the reporter pages make
// (src/lib/client/reporter/report.ts and follow-up.ts). Every request goes through `send`, so
// anything a submission must carry later is added in one place.
import { randomUUID } from 'node:crypto';
import {
  chainGenesis,
  formatPowToken,
  fromBase64,
  lookupHash,
  solvePow,
  deriveCaseKeys,
  entryLink,
  encryptEntry,
  encryptReport,
  generateCaseKey,
  generateStaffKeys,
  newCaseKeys,
  parseCaseKey,
  randomBytes,
  ready,
  sealCaseKeysFor,
  signRequest,
  toBase64,
  utf8,
  type BoxPublicKey,
  type CaseKeys,
  type LookupToken,
  type ReporterKeys
} from '../../src/lib/crypto/index';

export interface Recipient {
  personId: string;
  box: BoxPublicKey;
}

/** A report sealed and ready to send; resending the same body files nothing new. */
export interface PreparedCase {
  slug: string;
  caseId: string;
  submissionId: string;
  reporter: ReporterKeys;
  keys: CaseKeys;
  body: string;
  /** The case chain's head after the messages prepared so far (they are sent in order). */
  head: Uint8Array;
  /** The submission's proof-of-work, solved ahead (presolve); else solved when sent. */
  proof?: Proof;
}

/** A proof-of-work token and the UTC day it was solved for. */
export interface Proof {
  day: string;
  token: string;
}

export interface PreparedMessage {
  entryId: string;
  body: string;
}

export interface Answer {
  status: number;
  json: unknown;
}

/**
 * Reporter keys as the browser derives them from a new case key (Argon2id), or, with
 * `derive: false`, fresh random keys of the same shapes: the server cannot tell them apart and
 * never sees how they were made, so load runs spend their time on the server instead.
 */
export async function reporterKeys(organisationId: string, derive = true): Promise<ReporterKeys> {
  await ready();
  if (derive) return deriveCaseKeys(parseCaseKey(generateCaseKey()), organisationId);
  const pair = generateStaffKeys();
  return { lookupToken: randomBytes(32) as LookupToken, sign: pair.sign, box: pair.box };
}

/** A 4 KB report, encrypted and signed, its case keys sealed to each recipient and the reporter. */
export function prepareCase(
  slug: string,
  reporter: ReporterKeys,
  recipients: readonly Recipient[],
  text = 'A report written for load testing. '.repeat(117),
  /** Fields of the report document to set (track, category, involved, …). */
  fields: Record<string, unknown> = {}
): PreparedCase {
  const keys = newCaseKeys();
  const caseId = randomUUID();
  const submissionId = randomUUID();
  const report = {
    version: 1,
    track: 'whistleblowing',
    category: 'other',
    whatHappened: text,
    when: 'last week',
    where: 'the centre',
    involved: [],
    involvedOthers: '',
    aboutStaff: null,
    othersKnow: '',
    outcome: '',
    contact: '',
    ...fields
  };
  const body = JSON.stringify({
    submissionId,
    caseId,
    track: report.track,
    lookupToken: toBase64(reporter.lookupToken),
    reporterSignPublicKey: toBase64(reporter.sign.publicKey),
    reporterBoxPublicKey: toBase64(reporter.box.publicKey),
    reportCiphertext: toBase64(
      encryptReport(keys.contentKey, caseId, report, reporter.sign, reporter.box.publicKey)
    ),
    recipients: recipients.map((r) => ({
      personId: r.personId,
      sealedKey: toBase64(sealCaseKeysFor(r.box, keys, { includeStaffKey: true }))
    })),
    reporterSealedKey: toBase64(
      sealCaseKeysFor(reporter.box.publicKey, keys, { includeStaffKey: false })
    )
  });
  return {
    slug,
    caseId,
    submissionId,
    reporter,
    keys,
    body,
    head: chainGenesis(caseId, 'case')
  };
}

/** The next follow-up message under the case's first key epoch, linked to the one before. */
export function prepareMessage(filed: PreparedCase, text: string): PreparedMessage {
  const entryId = randomUUID();
  const ciphertext = encryptEntry({
    caseId: filed.caseId,
    entryId,
    senderRole: 'reporter',
    kind: 'message',
    key: filed.keys.contentKey,
    body: { text, sentOn: new Date().toISOString().slice(0, 10) },
    signer: filed.reporter.sign,
    prev: filed.head
  });
  filed.head = entryLink(ciphertext);
  const body = JSON.stringify({
    lookupToken: toBase64(filed.reporter.lookupToken),
    entryId,
    epoch: 0,
    ciphertext: toBase64(ciphertext)
  });
  return { entryId, body };
}

/**
 * One signed reporter POST. Throws when no answer came within `timeoutMs` (the request may or
 * may not have been stored, exactly as for a browser that gave up).
 */
export async function send(
  baseUrl: string,
  path: string,
  body: string,
  reporter: ReporterKeys,
  timeoutMs = 30_000,
  proof?: Proof
): Promise<Answer> {
  const day = new Date().toISOString().slice(0, 10);
  const signed = signedHeaders(reporter, path, body, day);
  let difficulty: number | undefined;
  // As the browser does: when the server asks for more work than it advertised (the day's
  // submissions grew meanwhile), solve again at the difficulty it names and resend.
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(new URL(path, baseUrl), {
      method: 'POST',
      headers: {
        ...signed,
        'x-candour-pow':
          attempt === 0 && proof?.day === day
            ? proof.token
            : await proofOfWork(baseUrl, path, body, day, timeoutMs, difficulty)
      },
      body,
      signal: AbortSignal.timeout(timeoutMs)
    });
    const json = (await response.json().catch(() => null)) as { difficulty?: number } | null;
    if (response.status !== 428 || attempt === 2 || !json?.difficulty) {
      return { status: response.status, json };
    }
    difficulty = json.difficulty;
  }
}

/** The headers of a signed reporter POST, but its proof-of-work. */
export function signedHeaders(reporter: ReporterKeys, path: string, body: string, day: string) {
  return {
    'content-type': 'application/json',
    'x-candour-signature': signRequest(reporter.sign, {
      method: 'POST',
      path,
      body: utf8(body),
      day
    }),
    'x-candour-day': day
  };
}

/**
 * The proof-of-work a reporter's browser solves before each request (src/lib/client/reporter/pow.ts,
 * docs/PROTOCOL.md §12): a submission bound to its case id, a look-up to its lookup hash.
 */
async function proofOfWork(
  baseUrl: string,
  path: string,
  body: string,
  day: string,
  timeoutMs: number,
  asked?: number
): Promise<string> {
  const purpose = path.endsWith('/api/cases') ? 'submit' : 'lookup';
  const difficulty = asked ?? (await advertisedDifficulty(baseUrl, path, purpose, timeoutMs));
  const fields = JSON.parse(body) as { caseId?: string; lookupToken?: string };
  const binding =
    purpose === 'submit'
      ? utf8(fields.caseId ?? '')
      : lookupHash(fromBase64(fields.lookupToken ?? '') as LookupToken);
  return formatPowToken(difficulty, solvePow({ purpose, path, day, binding, difficulty }));
}

/**
 * Solves `filed`'s submission proof now, at `difficulty` (an organisation's asks for its first
 * cases of a day: SUBMIT_BASE_DIFFICULTY), so that a load run times the server, not the search.
 */
export function presolve(filed: PreparedCase, difficulty: number): PreparedCase {
  const day = new Date().toISOString().slice(0, 10);
  const path = submitPath(filed.slug);
  const nonce = solvePow({ purpose: 'submit', path, day, binding: utf8(filed.caseId), difficulty });
  return { ...filed, proof: { day, token: formatPowToken(difficulty, nonce) } };
}

async function advertisedDifficulty(
  baseUrl: string,
  path: string,
  purpose: 'lookup' | 'submit',
  timeoutMs: number
): Promise<number> {
  const apiPrefix = /^\/o\/[^/]+\/api/.exec(path)?.[0] ?? '';
  const answer = await fetch(new URL(`${apiPrefix}/pow`, baseUrl), {
    signal: AbortSignal.timeout(timeoutMs)
  });
  return ((await answer.json()) as Record<typeof purpose, number>)[purpose];
}

export const submitPath = (slug: string) => `/o/${encodeURIComponent(slug)}/api/cases`;
export const messagePath = (slug: string) => `/o/${encodeURIComponent(slug)}/api/case/messages`;

export function submit(baseUrl: string, filed: PreparedCase, timeoutMs?: number) {
  return send(baseUrl, submitPath(filed.slug), filed.body, filed.reporter, timeoutMs, filed.proof);
}

export function followUp(
  baseUrl: string,
  filed: PreparedCase,
  message: PreparedMessage,
  timeoutMs?: number
) {
  return send(baseUrl, messagePath(filed.slug), message.body, filed.reporter, timeoutMs);
}
