import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReachable, queryRows } from '../../src/lib/server/db';
import { cases, organisations } from '../../src/lib/server/db/schema';
import { receivedOnCount } from '../../src/lib/server/pow';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.dispose();
});

describe(`database layer (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('runs the migrations and answers', async () => {
    expect(database.kind).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    expect(await isReachable(database.db)).toBe(true);
    const tables = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`
    );
    const names = tables.map((row) => row.table_name);
    expect(names).toEqual(
      expect.arrayContaining([
        'organisations',
        'people',
        'credentials',
        'cases',
        'case_keys',
        'audit_events'
      ])
    );
  });

  it('has the indexes that keep an inbox and an audit head flat as a host grows', async () => {
    // INCLUDE columns live only in migration 0011 (drizzle's schema cannot say them): a later
    // generated migration that rebuilt these indexes without them would fail here.
    const rows = await queryRows<{ indexname: string; indexdef: string }>(
      database.db,
      sql`select indexname, indexdef from pg_indexes where schemaname = 'public'
        and indexname in ('case_keys_live_person_idx', 'cases_id_hash_idx', 'audit_events_case_idx')`
    );
    const def = Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef.replaceAll('"', '')]));
    expect(def.case_keys_live_person_idx).toMatch(
      /\(person_id, case_id, epoch\) INCLUDE \(sealed_key\) WHERE \(revoked_on IS NULL\)/
    );
    expect(def.cases_id_hash_idx).toMatch(/USING hash \(id\)/);
    expect(def.audit_events_case_idx).toMatch(/\(case_id, seq\) INCLUDE \(organisation_id, hash\)/);
  });

  it("counts an organisation's cases of a day from one index range, stopping at the cap", async () => {
    // The day's count prices every submission (src/lib/server/pow.ts): an index on the
    // organisation alone would visit each of its cases of every day to filter by date.
    const plan = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = await queryRows<{ 'QUERY PLAN': unknown }>(
        tx as unknown as typeof database.db,
        sql`explain (format json) select ${receivedOnCount(randomUUID(), '2026-01-05', 7)} as n`
      );
      return JSON.stringify(rows[0]!['QUERY PLAN']);
    });
    expect(plan).toContain('"Index Name":"cases_organisation_received_idx"');
    expect(plan).toMatch(
      /"Index Cond":"\(\(organisation_id = [^"]*\) AND \(received_on = [^"]*\)\)"/
    );
    expect(plan).not.toContain('"Filter"');
    expect(plan).toContain('"Node Type":"Limit"');
  });

  it('returns every bytea column as a plain Uint8Array on both drivers', async () => {
    const [organisation] = await database.db
      .insert(organisations)
      .values({
        slug: 'bytes-check',
        name: 'Bytes check',
        signingPublicKey: new Uint8Array([1, 2, 255])
      })
      .returning();
    const [row] = await database.db
      .select({ key: organisations.signingPublicKey })
      .from(organisations)
      .where(eq(organisations.id, organisation!.id));
    expect(Object.getPrototypeOf(row!.key)).toBe(Uint8Array.prototype);
    expect([...row!.key!]).toEqual([1, 2, 255]);
  });

  it('refuses a second case with the same submission id', async () => {
    const [organisation] = await database.db
      .insert(organisations)
      .values({ slug: 'idempotency', name: 'Idempotency' })
      .returning();
    const submissionId = crypto.randomUUID();
    const base = {
      organisationId: organisation!.id,
      submissionId,
      reporterSignPublicKey: new Uint8Array(32),
      reporterBoxPublicKey: new Uint8Array(32),
      track: 'complaint' as const,
      reportCiphertext: new Uint8Array([9]),
      receivedOn: '2026-11-26',
      stageStartedOn: '2026-11-26'
    };
    await database.db
      .insert(cases)
      .values({ ...base, id: crypto.randomUUID(), lookupHash: new Uint8Array([1]) });
    await expect(
      database.db
        .insert(cases)
        .values({ ...base, id: crypto.randomUUID(), lookupHash: new Uint8Array([2]) })
    ).rejects.toThrow();
    const rows = await database.db.select().from(cases).where(eq(cases.submissionId, submissionId));
    expect(rows).toHaveLength(1);
  });
});
