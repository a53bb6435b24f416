import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as crypto from '../../src/lib/crypto';
import { checkSignIn, passwordSaltFor, SIGN_IN_LIMIT } from '../../src/lib/server/auth/login';
import { consume, reset } from '../../src/lib/server/auth/rate-limit';
import {
  createSession,
  endAllSessions,
  findSession,
  IDLE_TIMEOUT_MS
} from '../../src/lib/server/auth/sessions';
import { credentials, organisations, rateLimits, sessions } from '../../src/lib/server/db/schema';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import { listPeople, updatePerson } from '../../src/lib/server/staff/accounts';
import type { StaffSession } from '../../src/lib/server/auth/sessions';
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

describe('sign-in', () => {
  it('accepts the right login secret and refuses everything else alike', async () => {
    const chair = seed.people.chair!;
    const ok = await checkSignIn(database.db, {
      email: chair.email,
      loginSecret: await loginSecretFor(chair.email, chair.password)
    });
    expect(ok).toEqual({ ok: true, personId: chair.personId });
    const wrongPassword = await checkSignIn(database.db, {
      email: chair.email,
      loginSecret: await loginSecretFor(chair.email, 'wrong password')
    });
    const unknown = await checkSignIn(database.db, {
      email: 'nobody@riverside.example',
      loginSecret: await loginSecretFor('nobody@riverside.example', chair.password)
    });
    expect(wrongPassword).toEqual({ ok: false, reason: 'rejected' });
    expect(unknown).toEqual(wrongPassword);
  });

  it('gives an unknown email a stable decoy salt, unlike any real one', async () => {
    const first = await passwordSaltFor(database.db, 'ghost@riverside.example');
    const second = await passwordSaltFor(database.db, 'ghost@riverside.example');
    const other = await passwordSaltFor(database.db, 'other-ghost@riverside.example');
    expect(first).toHaveLength(16);
    expect([...first]).toEqual([...second]);
    expect([...first]).not.toEqual([...other]);
  });

  it('never locks the real person out: a guessing run pays growing work, the person still signs in', async () => {
    const lead = seed.people.safeguardingLead!;
    const wrong = await loginSecretFor(lead.email, 'wrong password');
    const powFor = (difficulty: number) => {
      const challenge = {
        purpose: 'sign-in' as const,
        path: '/staff/api/sign-in',
        day: new Date().toISOString().slice(0, 10),
        binding: crypto.sha256(crypto.utf8(lead.email)),
        difficulty
      };
      return crypto.formatPowToken(difficulty, crypto.solvePow(challenge));
    };
    const attempt = async (loginSecret: Uint8Array, pow?: string) => {
      const first = await checkSignIn(database.db, { email: lead.email, loginSecret, pow });
      if (first.ok || first.reason !== 'pow_required' || pow) return first;
      return checkSignIn(database.db, {
        email: lead.email,
        loginSecret,
        pow: powFor(first.difficulty)
      });
    };
    // The guesser: free attempts first, then each one costs more than the last.
    const asked: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMIT.max + 3; i++) {
      const result = await checkSignIn(database.db, { email: lead.email, loginSecret: wrong });
      if (!result.ok && result.reason === 'pow_required') {
        asked.push(result.difficulty);
        expect((await attempt(wrong, powFor(result.difficulty))).ok).toBe(false);
      } else {
        expect(result).toEqual({ ok: false, reason: 'rejected' });
      }
    }
    expect(asked.length).toBe(3);
    expect(asked[1]).toBeGreaterThan(asked[0]!);
    expect(asked[2]).toBeGreaterThan(asked[1]!);
    // A proof for someone else's account or too little work is refused.
    expect(
      await checkSignIn(database.db, { email: lead.email, loginSecret: wrong, pow: powFor(1) })
    ).toMatchObject({ ok: false, reason: 'pow_required' });
    // In the middle of the run, the real person with the right password gets in.
    const real = await attempt(await loginSecretFor(lead.email, lead.password));
    expect(real).toEqual({ ok: true, personId: lead.personId });
    // The counters name accounts by a hash, never by their address.
    const keys = (await database.db.select({ key: rateLimits.key }).from(rateLimits)).map(
      (r) => r.key
    );
    expect(keys.filter((key) => key.includes('@'))).toEqual([]);
  });
});

describe('two-factor sign-in', () => {
  it('accepts a code once and refuses the same code again', async () => {
    const coordinator = seed.people.coordinator!;
    const secret = new OTPAuth.Secret({ size: 20 });
    await database.db
      .update(credentials)
      .set({ totpSecret: secret.base32 })
      .where(eq(credentials.personId, coordinator.personId));
    const code = new OTPAuth.TOTP({ secret }).generate();
    const attempt = async (with_: string | undefined) =>
      checkSignIn(database.db, {
        email: coordinator.email,
        loginSecret: await loginSecretFor(coordinator.email, coordinator.password),
        code: with_
      });
    expect(await attempt(undefined)).toEqual({ ok: false, reason: 'rejected' });
    expect((await attempt(code)).ok).toBe(true);
    expect(await attempt(code)).toEqual({ ok: false, reason: 'rejected' });
    await database.db
      .update(credentials)
      .set({ totpSecret: null })
      .where(eq(credentials.personId, coordinator.personId));
  });
});

describe('rate limits', () => {
  it('counts within a window and starts again after reset', async () => {
    const limit = { max: 2, windowMs: 60_000 };
    expect((await consume(database.db, 'test:a', limit)).allowed).toBe(true);
    expect((await consume(database.db, 'test:a', limit)).allowed).toBe(true);
    const third = await consume(database.db, 'test:a', limit);
    expect(third.allowed).toBe(false);
    expect(third.retryAfter).toBeGreaterThan(0);
    await reset(database.db, 'test:a');
    expect((await consume(database.db, 'test:a', limit)).allowed).toBe(true);
  });

  it('opens a new window once the old one has passed', async () => {
    const limit = { max: 1, windowMs: 1 };
    await consume(database.db, 'test:b', limit);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await consume(database.db, 'test:b', limit)).allowed).toBe(true);
  });
});

describe('sessions', () => {
  it('finds a live session, forgets an idle one and ends all of a person', async () => {
    const coordinator = seed.people.coordinator!;
    const token = await createSession(database.db, coordinator.personId);
    expect((await findSession(database.db, token))?.personId).toBe(coordinator.personId);
    // Another token (one character changed) finds nothing.
    const other = `${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`;
    expect(await findSession(database.db, other)).toBeNull();

    await database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - IDLE_TIMEOUT_MS - 1000) })
      .where(eq(sessions.personId, coordinator.personId));
    expect(await findSession(database.db, token)).toBeNull();

    const a = await createSession(database.db, coordinator.personId);
    const b = await createSession(database.db, coordinator.personId);
    await endAllSessions(database.db, coordinator.personId);
    expect(await findSession(database.db, a)).toBeNull();
    expect(await findSession(database.db, b)).toBeNull();
  });

  it('marks a session that must set up two-factor when the organisation requires it', async () => {
    const chair = seed.people.chair!;
    const token = await createSession(database.db, chair.personId);
    expect((await findSession(database.db, token))?.mustEnrolTotp).toBe(false);
    await database.db
      .update(organisations)
      .set({ requireTotp: true })
      .where(eq(organisations.id, chair.unitId));
    expect((await findSession(database.db, token))?.mustEnrolTotp).toBe(true);
    await database.db
      .update(organisations)
      .set({ requireTotp: false })
      .where(eq(organisations.id, chair.unitId));
  });

  it('stores only a hash of the session token', async () => {
    const token = await createSession(database.db, seed.people.chair!.personId);
    const rows = await database.db.select().from(sessions);
    const raw = Buffer.from(crypto.fromBase64(token)).toString('hex');
    for (const row of rows) expect(Buffer.from(row.idHash).toString('hex')).not.toBe(raw);
  });
});

describe('people', () => {
  it('keeps at least one administrator', async () => {
    const admin = seed.people.admin!;
    const session: StaffSession = {
      personId: admin.personId,
      organisationId: admin.unitId,
      displayName: admin.displayName,
      email: admin.email,
      isAdmin: true,
      isHost: true,
      mustEnrolTotp: false
    };
    await expect(
      updatePerson(database.db, session, admin.personId, { isAdmin: false })
    ).rejects.toMatchObject({
      status: 409
    });
    const people = await listPeople(database.db, admin.unitId);
    expect(people.find((p) => p.personId === admin.personId)?.isAdmin).toBe(true);
  });

  it('clears the roster signature when roles change, so an admin must sign again', async () => {
    const admin = seed.people.admin!;
    const session: StaffSession = {
      personId: admin.personId,
      organisationId: admin.unitId,
      displayName: admin.displayName,
      email: admin.email,
      isAdmin: true,
      isHost: true,
      mustEnrolTotp: false
    };
    const tom = seed.people.teamLeader1!;
    await updatePerson(database.db, session, tom.personId, {
      roles: ['team_leader', 'deputy_coordinator']
    });
    const after = (await listPeople(database.db, admin.unitId)).find(
      (p) => p.personId === tom.personId
    )!;
    expect(after.roles).toEqual(['deputy_coordinator', 'team_leader']);
    expect(after.rosterSignature).toBeNull();
  });
});

describe('the salt endpoint', () => {
  it('runs the same queries for a known and an unknown email', async () => {
    const statementsFor = async (email: string) => {
      const seen: string[] = [];
      const original = database.db.select.bind(database.db);
      const spy = (...args: Parameters<typeof original>) => {
        seen.push('select');
        return original(...args);
      };
      (database.db as unknown as { select: typeof spy }).select = spy;
      try {
        await passwordSaltFor(database.db, email);
      } finally {
        (database.db as unknown as { select: typeof original }).select = original;
      }
      return seen;
    };
    await passwordSaltFor(database.db, 'warm-up@riverside.example');
    const known = await statementsFor(seed.people.chair!.email);
    const unknown = await statementsFor('nobody-here@riverside.example');
    expect(unknown).toEqual(known);
    expect(known.length).toBe(2);
  });
});
