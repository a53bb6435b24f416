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

/** An organisation a load sends reports to, and three people it may seal them to. */
export interface LoadUnit {
  slug: string;
  organisationId: string;
  recipients: Recipient[];
}

/**
 * The demo organisation, and with `copies` that many more like it (`riverside-copy-1`, …): the same
 * policy, linked bodies and people with the same keys, under new ids. A host serves many
 * organisations, and a load spread over them stays at each one's base proof-of-work.
 */
export async function seededDatabase(
  adminUrl = process.env.TEST_DATABASE_URL,
  { copies = 0 }: { copies?: number } = {}
): Promise<SeededDatabase & { units: LoadUnit[] }> {
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
    const demo = { slug: 'riverside', organisationId: seed.organisationId, recipients };
    const units = [demo, ...(await copyOrganisation(handle.db, demo, copies))];
    return { ...fresh, ...demo, units };
  } finally {
    await handle.close();
  }
}

/** `copies` copies of `unit`'s organisation, made in SQL (no key derivation, no signing). */
async function copyOrganisation(db: Database, unit: LoadUnit, copies: number): Promise<LoadUnit[]> {
  if (copies === 0) return [];
  const from = unit.organisationId;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into organisations (slug, name, kind, policy, public_info, signing_public_key,
          signing_key_transitions, roster_list, roster_list_version, require_totp,
          safeguarding_totp_off, notice_interval_minutes)
      select o.slug || '-copy-' || g, o.name || ' ' || g, o.kind, o.policy, o.public_info,
          o.signing_public_key, o.signing_key_transitions, o.roster_list, o.roster_list_version,
          o.require_totp, o.safeguarding_totp_off, o.notice_interval_minutes
      from organisations o, generate_series(1, ${copies}) g where o.id = ${from}`);
    await tx.execute(sql`
      create temporary table copied_people on commit drop as
      select p.id as old_id, gen_random_uuid() as new_id, c.id as organisation_id,
          substring(c.slug from length(o.slug) + 7) as n
      from people p, organisations o, organisations c
      where p.organisation_id = o.id and o.id = ${from} and c.slug like o.slug || '-copy-%'`);
    await tx.execute(sql`
      insert into people (id, organisation_id, display_name, email, status, is_admin)
      select m.new_id, m.organisation_id, p.display_name, m.n || '.' || p.email, p.status, p.is_admin
      from copied_people m join people p on p.id = m.old_id`);
    await tx.execute(sql`
      insert into credentials (person_id, box_public_key, sign_public_key, password_salt,
          password_wrapped_keys, recovery_wrapped_keys, login_hash, recovery_hash, totp_secret,
          roster_signature, roster_signed_at)
      select m.new_id, c.box_public_key, c.sign_public_key, c.password_salt,
          c.password_wrapped_keys, c.recovery_wrapped_keys, c.login_hash, c.recovery_hash,
          c.totp_secret, c.roster_signature, c.roster_signed_at
      from copied_people m join credentials c on c.person_id = m.old_id`);
    await tx.execute(sql`
      insert into person_roles (person_id, role)
      select m.new_id, r.role from copied_people m join person_roles r on r.person_id = m.old_id`);
    await tx.execute(sql`
      insert into person_teams (person_id, team_id)
      select m.new_id, t.team_id from copied_people m join person_teams t on t.person_id = m.old_id`);
    await tx.execute(sql`
      insert into unit_links (organisation_id, body_id, organisation_signature, body_signature)
      select distinct m.organisation_id, l.body_id, l.organisation_signature, l.body_signature
      from copied_people m join unit_links l on l.organisation_id = ${from}`);
  });
  const made = await queryRows<{ slug: string; id: string; person_id: string; email: string }>(
    db,
    sql`select o.slug, o.id, p.id as person_id, p.email from organisations o
        join people p on p.organisation_id = o.id where o.slug like ${`${unit.slug}-copy-%`}`
  );
  const emails = await queryRows<{ id: string; email: string }>(
    db,
    sql`select id, email from people where organisation_id = ${from}`
  );
  const emailOf = new Map(emails.map((p) => [p.id, p.email]));
  return Array.from({ length: copies }, (_, i) => {
    const slug = `${unit.slug}-copy-${i + 1}`;
    const mine = made.filter((row) => row.slug === slug);
    return {
      slug,
      organisationId: mine[0]!.id,
      recipients: unit.recipients.map((r) => ({
        personId: mine.find((row) => row.email === `${i + 1}.${emailOf.get(r.personId)}`)!
          .person_id,
        box: r.box
      }))
    };
  });
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
