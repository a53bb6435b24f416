import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as crypto from '../../src/lib/crypto';
import { newTotpSecret, passwordSaltFor } from '../../src/lib/server/auth/login';
import { replaceTotpSecret } from '../../src/lib/server/auth/second-factor';
import { credentials } from '../../src/lib/server/db/schema';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import { finishRecovery, startRecovery } from '../../src/lib/server/staff/recovery';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let seed: DemoSeed;

beforeAll(async () => {
  await crypto.ready();
  database = await createTestDatabase();
  seed = (await seedDemo(database.db))!;
});

afterAll(async () => {
  await database?.dispose();
});

async function loginSecretFor(email: string, password: string) {
  const salt = await passwordSaltFor(database.db, email);
  return (await crypto.derivePasswordSecrets(password, salt)).loginSecret;
}

async function setTotp(personId: string) {
  const { secret } = newTotpSecret('x');
  await database.db
    .update(credentials)
    .set({ totpSecret: secret })
    .where(eq(credentials.personId, personId));
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
}

/** A person re-enrols with a fresh recovery code, so the test knows it. */
async function withKnownRecovery(key: string, password: string) {
  const person = seed.people[key]!;
  const enrolment = await crypto.enrolStaff(password);
  const s = enrolment.server;
  await database.db
    .update(credentials)
    .set({
      boxPublicKey: s.boxPublicKey,
      signPublicKey: s.signPublicKey,
      recoveryWrappedKeys: s.recoveryWrappedKeys,
      recoveryHash: await (
        await import('../../src/lib/server/auth/login')
      ).hashLoginSecret(s.recoveryProof)
    })
    .where(eq(credentials.personId, person.personId));
  return { person, enrolment };
}

describe('recovery asks for the second factor', () => {
  it('refuses a recovery code without the current two-factor code, accepts it with one', async () => {
    const { person, enrolment } = await withKnownRecovery('teamLeader1', 'tl one password');
    const totp = await setTotp(person.personId);
    const proof = crypto.toBase64(enrolment.server.recoveryProof);
    await expect(
      startRecovery(database.db, { email: person.email, recoveryProof: proof })
    ).rejects.toMatchObject({ status: 401 });
    const keys = crypto.unwrapStaffKeysWithRecovery(
      await startRecovery(database.db, {
        email: person.email,
        recoveryProof: proof,
        code: totp.generate()
      }),
      (await crypto.recoverySecretsFromCode(enrolment.recoveryCode)).recoveryKey
    );
    const again = await crypto.reenrolStaff(keys, 'tl one new password');
    const s = again.server;
    const body = {
      boxPublicKey: crypto.toBase64(s.boxPublicKey),
      signPublicKey: crypto.toBase64(s.signPublicKey),
      passwordSalt: crypto.toBase64(s.passwordSalt),
      passwordWrappedKeys: crypto.toBase64(s.passwordWrappedKeys),
      recoveryWrappedKeys: crypto.toBase64(s.recoveryWrappedKeys),
      loginSecret: crypto.toBase64(s.loginSecret),
      recoveryProof: crypto.toBase64(s.recoveryProof)
    };
    await expect(
      finishRecovery(database.db, { email: person.email, recoveryProof: proof, enrolment: body })
    ).rejects.toMatchObject({ status: 401 });
    await expect(
      finishRecovery(database.db, {
        email: person.email,
        recoveryProof: proof,
        code: '000000',
        enrolment: body
      })
    ).rejects.toMatchObject({ status: 401 });
    expect(
      await finishRecovery(database.db, {
        email: person.email,
        recoveryProof: proof,
        code: totp.generate(),
        enrolment: body
      })
    ).toBe(person.personId);
  });
});

describe('setting up or replacing a second factor', () => {
  it('needs the password, and the current code when one exists', async () => {
    const chair = seed.people.chair!;
    const current = await setTotp(chair.personId);
    const next = newTotpSecret('chair');
    const nextCode = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(next.secret)
    }).generate();
    const rightSecret = await loginSecretFor(chair.email, chair.password);
    const wrongSecret = await loginSecretFor(chair.email, 'not the password');
    // Cookie only (a wrong password): refused.
    await expect(
      replaceTotpSecret(database.db, chair.personId, {
        secret: next.secret,
        code: nextCode,
        currentLoginSecret: wrongSecret,
        currentCode: current.generate()
      })
    ).rejects.toMatchObject({ status: 401 });
    // Right password but no current code: refused.
    await expect(
      replaceTotpSecret(database.db, chair.personId, {
        secret: next.secret,
        code: nextCode,
        currentLoginSecret: rightSecret
      })
    ).rejects.toMatchObject({ status: 401 });
    const [still] = await database.db
      .select({ s: credentials.totpSecret })
      .from(credentials)
      .where(eq(credentials.personId, chair.personId));
    expect(still!.s).not.toBe(next.secret);
    await replaceTotpSecret(database.db, chair.personId, {
      secret: next.secret,
      code: nextCode,
      currentLoginSecret: rightSecret,
      currentCode: current.generate()
    });
    const [after] = await database.db
      .select({ s: credentials.totpSecret })
      .from(credentials)
      .where(eq(credentials.personId, chair.personId));
    expect(after!.s).toBe(next.secret);
  });
});
