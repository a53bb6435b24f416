import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
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
import { credentials, rateLimits } from '../../src/lib/server/db/schema';
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
});
