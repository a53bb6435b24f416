import argon2 from 'argon2';
import { eq } from 'drizzle-orm';
import { fromBase64 } from '$lib/crypto';
import type { Enrolment } from '$lib/schemas/staff';
import type { Database } from '../db';
import { credentials, people } from '../db/schema';
import { hashLoginSecret } from '../auth/login';

export async function credentialValues(enrolment: Enrolment) {
  return {
    boxPublicKey: fromBase64(enrolment.boxPublicKey),
    signPublicKey: fromBase64(enrolment.signPublicKey),
    passwordSalt: fromBase64(enrolment.passwordSalt),
    passwordWrappedKeys: fromBase64(enrolment.passwordWrappedKeys),
    recoveryWrappedKeys: fromBase64(enrolment.recoveryWrappedKeys),
    loginHash: await hashLoginSecret(fromBase64(enrolment.loginSecret)),
    recoveryHash: await hashLoginSecret(fromBase64(enrolment.recoveryProof))
  };
}

export async function verifyRecoveryProof(db: Database, email: string, proof: Uint8Array) {
  const [row] = await db
    .select({
      personId: people.id,
      status: people.status,
      recoveryHash: credentials.recoveryHash,
      wrapped: credentials.recoveryWrappedKeys,
      totpSecret: credentials.totpSecret
    })
    .from(people)
    .innerJoin(credentials, eq(credentials.personId, people.id))
    .where(eq(people.email, email));
  if (!row || row.status === 'removed') return null;
  if (!(await argon2.verify(row.recoveryHash, Buffer.from(proof)))) return null;
  return { personId: row.personId, recoveryWrappedKeys: row.wrapped, totpSecret: row.totpSecret };
}
