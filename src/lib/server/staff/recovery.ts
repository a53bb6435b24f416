import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { fromBase64 } from '$lib/crypto';
import type { Enrolment } from '$lib/schemas/staff';
import type { Database } from '../db';
import { credentials } from '../db/schema';
import { accountLimitKey, SIGN_IN_LIMIT } from '../auth/login';
import { consume } from '../auth/rate-limit';
import { secondFactorOk } from '../auth/second-factor';
import { credentialValues, verifyRecoveryProof } from './credentials';

/*
 * A recovery code replaces the password, never the second factor: where one is set up, both
 * steps ask for a current code. Someone who lost both is re-invited (docs/THREAT-MODEL.md).
 */

const rejected = () =>
  error(401, {
    message: 'That email, recovery code and two-factor code do not match.',
    code: 'rejected'
  });

async function proven(
  db: Database,
  input: { email: string; recoveryProof: string; code?: string | undefined },
  spend: boolean
) {
  const limit = await consume(db, accountLimitKey('recovery', input.email), SIGN_IN_LIMIT);
  if (!limit.allowed)
    error(429, { message: 'Too many attempts. Please wait and try again.', code: 'locked' });
  const found = await verifyRecoveryProof(db, input.email, fromBase64(input.recoveryProof));
  if (!found) rejected();
  if (!(await secondFactorOk(db, found!.totpSecret, found!.personId, input.code, { spend }))) {
    rejected();
  }
  return found!;
}

/** Proof of the recovery code (and the second factor) gets back the keys wrapped under it. */
export async function startRecovery(
  db: Database,
  input: { email: string; recoveryProof: string; code?: string | undefined }
): Promise<Uint8Array> {
  // The code is checked, not spent: the finishing step spends it.
  return (await proven(db, input, false)).recoveryWrappedKeys;
}

/**
 * A new password and recovery code for the same key pairs (the public keys must not change, or
 * every case sealed to them would be lost). Returns the person, for a new session.
 */
export async function finishRecovery(
  db: Database,
  input: { email: string; recoveryProof: string; code?: string | undefined; enrolment: Enrolment }
): Promise<string> {
  const found = await proven(db, input, true);
  const [current] = await db
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
  await db
    .update(credentials)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(credentials.personId, found.personId));
  return found.personId;
}
