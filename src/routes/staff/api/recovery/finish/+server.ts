import { error, json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { fromBase64 } from '$lib/crypto';
import { recoveryFinishSchema } from '$lib/schemas/staff';
import { consume } from '$lib/server/auth/rate-limit';
import { accountLimitKey, SIGN_IN_LIMIT } from '$lib/server/auth/login';
import { createSession, endAllSessions, setSessionCookie } from '$lib/server/auth/sessions';
import { credentials } from '$lib/server/db/schema';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { credentialValues, verifyRecoveryProof } from '$lib/server/staff/accounts';
import type { RequestHandler } from './$types';

/**
 * A new password and a new recovery code for the same key pairs (the public keys must not
 * change, or every case sealed to them would be lost).
 */
export const POST: RequestHandler = async ({ request, cookies }) => {
  const input = await readJson(request, recoveryFinishSchema, 4096);
  const database = await db();
  const limit = await consume(database, accountLimitKey('recovery', input.email), SIGN_IN_LIMIT);
  if (!limit.allowed)
    error(429, { message: 'Too many attempts. Please wait and try again.', code: 'locked' });
  const found = await verifyRecoveryProof(database, input.email, fromBase64(input.recoveryProof));
  if (!found)
    error(401, { message: 'That email and recovery code do not match.', code: 'rejected' });
  const [current] = await database
    .select()
    .from(credentials)
    .where(eq(credentials.personId, found.personId));
  const values = await credentialValues(input.enrolment);
  if (
    !current ||
    Buffer.compare(Buffer.from(current.boxPublicKey), Buffer.from(values.boxPublicKey)) !== 0 ||
    Buffer.compare(Buffer.from(current.signPublicKey), Buffer.from(values.signPublicKey)) !== 0
  ) {
    error(400, { message: 'Recovery must keep the same keys.', code: 'keys_changed' });
  }
  await database
    .update(credentials)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(credentials.personId, found.personId));
  await endAllSessions(database, found.personId);
  setSessionCookie(cookies, await createSession(database, found.personId));
  return json({ ok: true });
};
