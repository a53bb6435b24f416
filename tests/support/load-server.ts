// A fresh database with the demo organisation, for tests and benches that start the built server
// on it: a new PostgreSQL database when TEST_DATABASE_URL is set (or `adminUrl` is given),
// otherwise a fresh PGlite folder.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { BoxPublicKey } from '../../src/lib/crypto/index';
import { openDatabase, queryRows, type Database } from '../../src/lib/server/db/index';
import { credentials } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import type { Recipient } from './reporter-client';

export interface SeededDatabase {
  databaseUrl?: string;
  dataDir?: string;
  slug: string;
  organisationId: string;
  /** Three people of the organisation who may be sealed a whistleblowing report. */
  recipients: Recipient[];
  /** Opens the database (for PGlite, only while no server has it open). */
  open(): Promise<{ db: Database; close(): Promise<void> }>;
  drop(): Promise<void>;
}

/** An empty database (migrated on first open), and how to drop it. */
export async function freshDatabase(adminUrl = process.env.TEST_DATABASE_URL): Promise<{
  databaseUrl?: string;
  dataDir?: string;
  open(): Promise<{ db: Database; close(): Promise<void> }>;
  drop(): Promise<void>;
}> {
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  let drop: () => Promise<void>;
  if (adminUrl) {
    const name = `candour_load_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    drop = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    };
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'candour-load-'));
    drop = async () => rmSync(dataDir!, { recursive: true, force: true });
  }
  const open = async () => {
    const handle = await openDatabase({ url: databaseUrl, dataDir: dataDir ?? 'memory://' });
    return { db: handle.db, close: () => handle.close() };
  };
  return { databaseUrl, dataDir, open, drop };
}

export async function seededDatabase(
  adminUrl = process.env.TEST_DATABASE_URL
): Promise<SeededDatabase> {
  const fresh = await freshDatabase(adminUrl);
  const handle = await fresh.open();
  try {
    const seed = (await seedDemo(handle.db, { password: () => 'load test password' }))!;
    const ids = ['chair', 'committee1', 'committee3'].map((k) => seed.people[k]!.personId);
    const rows = await handle.db
      .select({ personId: credentials.personId, box: credentials.boxPublicKey })
      .from(credentials)
      .where(inArray(credentials.personId, ids));
    const recipients = ids.map((id) => ({
      personId: id,
      box: rows.find((r) => r.personId === id)!.box as BoxPublicKey
    }));
    return { ...fresh, slug: 'riverside', organisationId: seed.organisationId, recipients };
  } finally {
    await handle.close();
  }
}

export interface Counts {
  /** Cases by id, and how many reporter messages each holds by entry id. */
  cases: Set<string>;
  submissions: Map<string, number>;
  messages: Map<string, number>;
  /** Cases missing their report, reporter key, holder keys or audit event. */
  incomplete: string[];
}

/** What the database holds, counted row by row. */
export async function countStored(db: Database, organisationId: string): Promise<Counts> {
  const cases = await queryRows<{ id: string; submission_id: string }>(
    db,
    sql`select id, submission_id from cases where organisation_id = ${organisationId}`
  );
  const entries = await queryRows<{ id: string }>(
    db,
    sql`select e.id from case_entries e join cases c on c.id = e.case_id
        where c.organisation_id = ${organisationId} and e.kind = 'message'`
  );
  const incomplete = await queryRows<{ id: string }>(
    db,
    sql`select c.id from cases c where c.organisation_id = ${organisationId} and (
          not exists (select 1 from case_keys k where k.case_id = c.id and k.person_id is null)
          or not exists (select 1 from case_keys k where k.case_id = c.id and k.person_id is not null)
          or not exists (select 1 from audit_events a where a.case_id = c.id))`
  );
  const tally = (values: string[]) => {
    const map = new Map<string, number>();
    for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
    return map;
  };
  return {
    cases: new Set(cases.map((c) => c.id)),
    submissions: tally(cases.map((c) => c.submission_id)),
    messages: tally(entries.map((e) => e.id)),
    incomplete: incomplete.map((r) => r.id)
  };
}
