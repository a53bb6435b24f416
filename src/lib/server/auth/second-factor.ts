import argon2 from 'argon2';
import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { credentials } from '../db/schema';
import { verifyTotp } from './login';
import { consume } from './rate-limit';

/** Long enough to outlast a code's validity window (30 s steps, one step either side). */
const TOTP_REUSE_LIMIT = { max: 1, windowMs: 2 * 60 * 1000 };

/**
 * Checks a person's second factor, when they have one. With `spend`, a right code is used up:
 * one seen over a shoulder or in a proxy cannot be replayed. A person without a second factor
 * passes (whether they must have one is `mustEnrolTotp`'s question).
 */
export async function secondFactorOk(
  db: Database,
  totpSecret: string | null,
  personId: string,
  code: string | undefined,
  options: { spend: boolean }
): Promise<boolean> {
  if (!totpSecret) return true;
  if (!verifyTotp(totpSecret, code)) return false;
  if (!options.spend) return true;
  const fresh = await consume(db, `totp-used:${personId}:${code}`, TOTP_REUSE_LIMIT);
  return fresh.allowed;
}

/**
 * Setting up or replacing a second factor needs the password (its login secret) and, when one
 * is already set up, a current code from it: a session cookie alone never changes it.
 */
export async function replaceTotpSecret(
  db: Database,
  personId: string,
  input: { secret: string; code: string; currentLoginSecret: Uint8Array; currentCode?: string }
): Promise<void> {
  const [row] = await db
    .select({ loginHash: credentials.loginHash, totpSecret: credentials.totpSecret })
    .from(credentials)
    .where(eq(credentials.personId, personId));
  const passwordOk =
    row !== undefined &&
    (await argon2.verify(row.loginHash, Buffer.from(input.currentLoginSecret)));
  if (
    !row ||
    !passwordOk ||
    !(await secondFactorOk(db, row.totpSecret, personId, input.currentCode, { spend: true }))
  ) {
    error(401, {
      message: 'Your password or current two-factor code is not right.',
      code: 'rejected'
    });
  }
  if (!verifyTotp(input.secret, input.code)) {
    error(400, {
      message: 'That code does not match. Check the time on your device and try again.',
      code: 'bad_code'
    });
  }
  await db
    .update(credentials)
    .set({ totpSecret: input.secret })
    .where(eq(credentials.personId, personId));
}
