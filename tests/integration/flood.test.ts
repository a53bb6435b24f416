import { randomUUID } from 'node:crypto';
import { eq, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deriveCaseKeys,
  encryptReport,
  generateCaseKey,
  lookupHash,
  newCaseKeys,
  parseCaseKey,
  randomBytes,
  ready,
  sealCaseKeysFor,
  signRequest,
  utf8,
  type BoxPublicKey,
  type ReporterKeys
} from '../../src/lib/crypto';
import { authenticateReporter, submitCase, today } from '../../src/lib/server/cases';
import { credentials, organisations, rateLimits } from '../../src/lib/server/db/schema';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import { createTestDatabase, type TestDatabase } from '../support/database';

// A bounded loopback flood (items 7 and 8 of the abuse review): another client floods look-ups
// and submissions; a real reporter's follow-up and a real submission still get through.

let database: TestDatabase;
let seed: DemoSeed;

beforeAll(async () => {
  await ready();
  database = await createTestDatabase();
  seed = (await seedDemo(database.db))!;
});

afterAll(async () => {
  await database?.dispose();
});

async function chairBox(): Promise<BoxPublicKey> {
  const [row] = await database.db
    .select({ box: credentials.boxPublicKey })
    .from(credentials)
    .where(eq(credentials.personId, seed.people.chair!.personId));
  return row!.box as BoxPublicKey;
}

async function submission(reporter: ReporterKeys, ciphertextBytes = 0) {
  const keys = newCaseKeys();
  const caseId = randomUUID();
  return {
    organisationId: seed.organisationId,
    caseId,
    submissionId: randomUUID(),
    lookupHash: lookupHash(reporter.lookupToken),
    reporterSignPublicKey: reporter.sign.publicKey,
    reporterBoxPublicKey: reporter.box.publicKey,
    track: 'whistleblowing' as const,
    reportCiphertext: encryptReport(
      keys.contentKey,
      caseId,
      { what: 'x'.repeat(ciphertextBytes) },
      reporter.sign,
      reporter.box.publicKey
    ),
    recipients: [
      {
        personId: seed.people.chair!.personId,
        sealedKey: sealCaseKeysFor(await chairBox(), keys, { includeStaffKey: true })
      }
    ],
    reporterSealedKey: sealCaseKeysFor(reporter.box.publicKey, keys, { includeStaffKey: false })
  };
}

const FLOOD_LOOKUPS = 400;

describe('a flood of look-ups', () => {
  it('does not stop a real reporter, and leaves no row about any look-up', async () => {
    const reporter = await deriveCaseKeys(parseCaseKey(generateCaseKey()), seed.organisationId);
    const real = await submission(reporter);
    await submitCase(database.db, real);
    const countersBefore = (await database.db.select().from(rateLimits)).length;

    const day = today();
    const path = '/o/riverside/api/case';
    // 400 look-ups, 10 at a time: far more than a minute's worth at 10 a second.
    for (let batch = 0; batch < FLOOD_LOOKUPS / 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          authenticateReporter(database.db, {
            organisationId: seed.organisationId,
            lookupToken: randomBytes(32),
            method: 'POST',
            path,
            body: utf8('{}'),
            day,
            signature: 'x'.repeat(86)
          })
        )
      );
    }
    const body = utf8('{}');
    const followUp = await authenticateReporter(database.db, {
      organisationId: seed.organisationId,
      lookupToken: reporter.lookupToken,
      method: 'POST',
      path,
      body,
      day,
      signature: signRequest(reporter.sign, { method: 'POST', path, body, day })
    });
    expect(followUp.ok && followUp.case.id).toBe(real.caseId);
    expect((await database.db.select().from(rateLimits)).length).toBe(countersBefore);
  });
});

describe('a flood of submissions', () => {
  it('costs the flooder more work each round, combines notices, and a real report still files', async () => {
    const {
      submitDifficulty,
      newCaseNoticeAllowed,
      SUBMIT_BASE_DIFFICULTY,
      SUBMIT_MAX_DIFFICULTY
    } = await import('../../src/lib/server/pow');
    const day = today();
    const before = await submitDifficulty(database.db, seed.organisationId, day);
    const junk = await deriveCaseKeys(parseCaseKey(generateCaseKey()), seed.organisationId);
    for (let i = 0; i < 45; i++) {
      const input = await submission(
        { ...junk, lookupToken: randomBytes(32) } as ReporterKeys,
        90 * 1024
      );
      await submitCase(database.db, input);
    }
    const after = await submitDifficulty(database.db, seed.organisationId, day);
    expect(before).toBe(SUBMIT_BASE_DIFFICULTY);
    expect(after).toBeGreaterThan(before);
    expect(after).toBeLessThanOrEqual(SUBMIT_MAX_DIFFICULTY);
    // The holders were told about the first few; the rest wait in their inbox.
    expect(await newCaseNoticeAllowed(database.db, seed.organisationId, day)).toBe(false);
    const reporter = await deriveCaseKeys(parseCaseKey(generateCaseKey()), seed.organisationId);
    const real = await submission(reporter);
    expect((await submitCase(database.db, real)).created).toBe(true);
  });

  it('stops counting a flooded day at the cap, for the rest of that day and organisation only', async () => {
    const { dayCount, RECEIVED_COUNT_CAP, submitDifficulty, SUBMIT_MAX_DIFFICULTY } =
      await import('../../src/lib/server/pow');
    const { reporterOrganisation } = await import('../../src/lib/server/cases');
    const [unit] = await database.db
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(eq(organisations.id, seed.organisationId));
    const slug = unit!.slug;
    const day = today();
    const counts = (column: SQL) => /\bcases\b/.test(new PgDialect().sqlToQuery(column).sql);
    const read = async (d: string) => {
      const count = dayCount(slug, d);
      const row = await reporterOrganisation(database.db, { slug }, count);
      return { counted: counts(count.columns.received), received: count.of(row), row };
    };
    const junk = await deriveCaseKeys(parseCaseKey(generateCaseKey()), seed.organisationId);
    let now = await read(day);
    expect(now.counted).toBe(true);
    for (let filed = now.received!; filed < RECEIVED_COUNT_CAP; filed++) {
      await submitCase(
        database.db,
        await submission({ ...junk, lookupToken: randomBytes(32) } as ReporterKeys)
      );
    }
    // The read that sees the cap still counts; the ones after it do not, and say the cap.
    now = await read(day);
    expect(now).toMatchObject({ counted: true, received: RECEIVED_COUNT_CAP });
    now = await read(day);
    expect(now).toMatchObject({ counted: false, received: RECEIVED_COUNT_CAP });
    expect(await submitDifficulty(database.db, now.row.id, day, now.received)).toBe(
      SUBMIT_MAX_DIFFICULTY
    );
    // Another day is counted afresh.
    expect(await read('2099-01-01')).toMatchObject({ counted: true, received: 0 });
    // A slug that now names another organisation is not taken for the one at the cap.
    const moved = dayCount(slug, day);
    expect(moved.of({ id: randomUUID(), received: 0 })).toBeUndefined();
    expect((await read(day)).counted).toBe(true);
  });
});
