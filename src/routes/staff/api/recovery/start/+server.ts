import { error, json } from '@sveltejs/kit';
import { fromBase64, toBase64 } from '$lib/crypto';
import { recoveryStartSchema } from '$lib/schemas/staff';
import { consume } from '$lib/server/auth/rate-limit';
import { accountLimitKey, SIGN_IN_LIMIT } from '$lib/server/auth/login';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { verifyRecoveryProof } from '$lib/server/staff/accounts';
import type { RequestHandler } from './$types';

/** Proof of the recovery code gets back the keys wrapped under it, to rewrap with a new password. */
export const POST: RequestHandler = async ({ request }) => {
  const input = await readJson(request, recoveryStartSchema, 1024);
  const database = await db();
  const limit = await consume(database, accountLimitKey('recovery', input.email), SIGN_IN_LIMIT);
  if (!limit.allowed)
    error(429, { message: 'Too many attempts. Please wait and try again.', code: 'locked' });
  const found = await verifyRecoveryProof(database, input.email, fromBase64(input.recoveryProof));
  if (!found)
    error(401, { message: 'That email and recovery code do not match.', code: 'rejected' });
  return json({ recoveryWrappedKeys: toBase64(found.recoveryWrappedKeys) });
};
