import argon2 from 'argon2';
import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import {
  concatBytes,
  parsePowToken,
  randomBytes,
  ready,
  sha256,
  utf8,
  verifyPow
} from '$lib/crypto';
import type { Database } from '../db';
import { credentials, instanceSecrets, people } from '../db/schema';
import { attemptsSoFar, consume, reset } from './rate-limit';
import { secondFactorOk } from './second-factor';

export const SIGN_IN_PATH = '/staff/api/sign-in';

/** Server-side work factor for the login-secret hash (the browser already ran Argon2id). */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** A rate-limit key for one account's attempts, naming it by a hash rather than its address. */
export function accountLimitKey(purpose: 'sign-in' | 'recovery', email: string): string {
  return `${purpose}:${Buffer.from(sha256(utf8(email))).toString('hex')}`;
}

/** Recovery: five wrong answers in fifteen minutes pause it for the rest of the window. */
export const SIGN_IN_LIMIT = { max: 5, windowMs: 15 * 60 * 1000 };

/**
 * Sign-in never locks the real person out. After SIGN_IN_FREE_ATTEMPTS failures in the window,
 * each next attempt must carry a proof-of-work that doubles with every further failure, up to
 * SIGN_IN_MAX_DIFFICULTY (seconds in a browser): a guesser pays more and more, while the person
 * with the right password and code still gets in.
 */
export const SIGN_IN_FREE_ATTEMPTS = 5;
export const SIGN_IN_BASE_DIFFICULTY = 12;
export const SIGN_IN_MAX_DIFFICULTY = 20;

export function signInDifficulty(failures: number): number {
  if (failures < SIGN_IN_FREE_ATTEMPTS) return 0;
  return Math.min(
    SIGN_IN_MAX_DIFFICULTY,
    SIGN_IN_BASE_DIFFICULTY + failures - SIGN_IN_FREE_ATTEMPTS
  );
}

export async function hashLoginSecret(loginSecret: Uint8Array): Promise<string> {
  return argon2.hash(Buffer.from(loginSecret), ARGON2_OPTIONS);
}

async function instanceSecret(db: Database, name: string): Promise<Uint8Array> {
  const [existing] = await db.select().from(instanceSecrets).where(eq(instanceSecrets.name, name));
  if (existing) return existing.value;
  await ready();
  await db
    .insert(instanceSecrets)
    .values({ name, value: randomBytes(32) })
    .onConflictDoNothing();
  const [row] = await db.select().from(instanceSecrets).where(eq(instanceSecrets.name, name));
  return row!.value;
}

/**
 * The salt the browser needs to derive its keys. An unknown email gets a stable decoy salt, so
 * this answer never tells whether an account exists: known and unknown emails run the same two
 * queries and the same hash, in the same order.
 */
export async function passwordSaltFor(db: Database, email: string): Promise<Uint8Array> {
  const [row] = await db
    .select({ salt: credentials.passwordSalt })
    .from(people)
    .innerJoin(credentials, eq(credentials.personId, people.id))
    .where(eq(people.email, email));
  const secret = await instanceSecret(db, 'decoy-salt');
  await ready();
  const decoy = sha256(concatBytes(secret, utf8(email))).slice(0, 16);
  return row ? row.salt : decoy;
}

export type SignInResult =
  | { ok: true; personId: string }
  | { ok: false; reason: 'rejected' }
  | { ok: false; reason: 'pow_required'; difficulty: number };

/** One answer for every failure: wrong email, wrong password, wrong or missing code. */
export async function checkSignIn(
  db: Database,
  input: {
    email: string;
    loginSecret: Uint8Array;
    code?: string | undefined;
    /** The `x-candour-pow` header, needed once the account has seen several failures. */
    pow?: string | null;
  }
): Promise<SignInResult> {
  await ready();
  const limitKey = accountLimitKey('sign-in', input.email);
  const required = signInDifficulty(await attemptsSoFar(db, limitKey, SIGN_IN_LIMIT));
  if (required > 0) {
    const token = parsePowToken(input.pow ?? null);
    const challenge = {
      purpose: 'sign-in' as const,
      path: SIGN_IN_PATH,
      day: new Date().toISOString().slice(0, 10),
      binding: sha256(utf8(input.email))
    };
    if (
      !token ||
      token.difficulty < required ||
      !verifyPow({ ...challenge, difficulty: token.difficulty }, token.nonce)
    ) {
      return { ok: false, reason: 'pow_required', difficulty: required };
    }
  }
  // Only attempts that paid their way are counted, so the work asked for cannot run away.
  await consume(db, limitKey, SIGN_IN_LIMIT);

  const [row] = await db
    .select({
      personId: people.id,
      status: people.status,
      loginHash: credentials.loginHash,
      totpSecret: credentials.totpSecret
    })
    .from(people)
    .innerJoin(credentials, eq(credentials.personId, people.id))
    .where(eq(people.email, input.email));

  const passwordOk = row
    ? await argon2.verify(row.loginHash, Buffer.from(input.loginSecret))
    : // Same work for an unknown email, so timing does not tell either.
      (await argon2.hash(Buffer.from(input.loginSecret), ARGON2_OPTIONS), false);
  if (!row || !passwordOk || row.status === 'removed' || row.status === 'invited') {
    return { ok: false, reason: 'rejected' };
  }
  if (!(await secondFactorOk(db, row.totpSecret, row.personId, input.code, { spend: true }))) {
    return { ok: false, reason: 'rejected' };
  }
  await reset(db, limitKey);
  return { ok: true, personId: row.personId };
}

export function newTotpSecret(label: string): { secret: string; uri: string } {
  const secret = new OTPAuth.Secret({ buffer: randomBytes(20).slice().buffer });
  const totp = new OTPAuth.TOTP({ issuer: 'Candour', label, secret });
  return { secret: secret.base32, uri: totp.toString() };
}

export function verifyTotp(secretBase32: string, code: string | undefined): boolean {
  if (!code || !/^\d{6}$/.test(code)) return false;
  const totp = new OTPAuth.TOTP({
    issuer: 'Candour',
    secret: OTPAuth.Secret.fromBase32(secretBase32)
  });
  return totp.validate({ token: code, window: 1 }) !== null;
}

export { mustEnrolTotp } from './second-factor-policy';
