import { lookupHash, verifyRequest, type SignPublicKey } from '$lib/crypto';
import type { Database } from '../db';
import { today } from './store';
import { findCaseByLookupHash } from './submissions';
import type { CaseRecord } from './types';

/** The header that carries `signRequest(reporterSign, { method, path, body, day })`. */
export const SIGNATURE_HEADER = 'x-candour-signature';
/** The UTC day the signature was made for; today or yesterday is accepted. */
export const DAY_HEADER = 'x-candour-day';

export type ReporterAuth = { ok: true; case: CaseRecord } | { ok: false; reason: 'not_found' };

function acceptedDays(now: Date): string[] {
  return [today(now), today(new Date(now.getTime() - 86_400_000))];
}

/**
 * Finds the reporter's case by lookup token and checks the request's signature with the case's
 * reporter sign key. Unknown token, wrong organisation, bad or stale signature: all `not_found`,
 * so a caller cannot tell them apart.
 */
export async function authenticateReporter(
  db: Database,
  request: {
    organisationId: string;
    lookupToken: Uint8Array;
    method: string;
    path: string;
    body: Uint8Array;
    day: string | null;
    signature: string | null;
    /** `chunk`: a file chunk's raw body, signed over its BLAKE2b hash (PROTOCOL.md §7). */
    kind?: 'json' | 'chunk';
  },
  now = new Date()
): Promise<ReporterAuth> {
  if (!request.signature || !request.day || !acceptedDays(now).includes(request.day)) {
    return { ok: false, reason: 'not_found' };
  }
  const record = await findCaseByLookupHash(
    db,
    request.organisationId,
    lookupHash(request.lookupToken)
  );
  if (!record) return { ok: false, reason: 'not_found' };
  const valid = verifyRequest(record.reporterSignPublicKey as SignPublicKey, request.signature, {
    method: request.method,
    path: request.path,
    body: request.body,
    day: request.day,
    kind: request.kind
  });
  return valid ? { ok: true, case: record } : { ok: false, reason: 'not_found' };
}
