// Growth: one organisation's work on a small host and on a host with 100,000 other cases.
// Two PostgreSQL databases made in this run: "small" (the demo centre with ~1,000 cases) and
// "large" (a copy of it grown with 200 organisations, 99,000 cases and their keys, entries and
// audit events, generated in SQL with valid shapes). Each figure is timed on both, alternating;
// `candour` is the large figure, `raw` the small one, `params.ratio` large ÷ small.
import { randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../src/lib/server/db/index';
import { auditHeadQuery } from '../src/lib/server/audit';
import { appendEntry, submitCase } from '../src/lib/server/cases/index';
import {
  caseAuditQuery,
  caseAuditView,
  inboxFor,
  inboxPlanQueries
} from '../src/lib/server/cases/staff-queries';
import { seedDemo } from '../src/lib/server/demo/seed';
import {
  chainGenesis,
  encryptEntry,
  encryptReport,
  entryLink,
  generateStaffKeys,
  newCaseKeys,
  ready
} from '../src/lib/crypto/index';
import { round, type Bench, type Figure } from './harness';

const OWN_CASES = 1000;
const GROWTH = { organisations: 200, cases: 99_000, entriesPerCase: 2 } as const;
const ROUNDS = 7;
/** EXPLAIN runs of a query within a round. */
const REPEATS = 5;

type Sql = ReturnType<typeof postgres>;

interface Size {
  name: 'small' | 'large';
  url: string;
  handle: DatabaseHandle;
  sql: Sql;
}

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Cases, keys, entries and audit events for organisations matching `slugLike`, in bulk. */
async function generateCases(
  sql: Sql,
  o: { slugLike: string; cases: number; holders: number | string[]; entriesPerCase: number }
): Promise<void> {
  // Holders: the named people, or the first few of each case's organisation.
  const holders =
    typeof o.holders === 'number'
      ? `lateral (select id from people where organisation_id = c.organisation_id
                  order by id limit ${o.holders})`
      : `(select unnest(array[${o.holders.map((id) => `'${id}'::uuid`).join(',')}]) as id)`;
  await sql.unsafe(
    `create temporary table gen_orgs as
       select id, (row_number() over (order by slug) - 1)::int as n
       from organisations where slug like $1`,
    [o.slugLike]
  );
  await sql.unsafe(`
    create temporary table gen_cases as
      select gen_random_uuid() as id, g.id as organisation_id, s as n
      from generate_series(0, ${o.cases - 1}) s
      join gen_orgs g on g.n = s % (select count(*) from gen_orgs)`);
  await sql.unsafe(`
    insert into cases (id, organisation_id, submission_id, lookup_hash, reporter_sign_public_key,
      reporter_box_public_key, track, report_ciphertext, received_on, stage_started_on, status)
    select c.id, c.organisation_id, gen_random_uuid(), sha256(uuid_send(c.id)),
      substring(sha256(uuid_send(c.id) || '\\x01') for 32), substring(sha256(uuid_send(c.id) || '\\x02') for 32),
      (array['whistleblowing','complaint','safeguarding','compliment'])[1 + c.n % 4]::track,
      decode(repeat(md5(c.id::text), 64), 'hex'),
      date '2026-01-01' + (c.n % 300), date '2026-01-01' + (c.n % 300),
      (array['new','acknowledged','investigating','closed'])[1 + c.n % 4]::case_status
    from gen_cases c order by c.n`);
  await sql.unsafe(`
    insert into case_keys (case_id, person_id, epoch, sealed_key, granted_on)
    select c.id, p.id, 0, decode(repeat(md5(c.id::text || p.id::text), 8), 'hex'), date '2026-01-01'
    from gen_cases c join ${holders} p on true`);
  await sql.unsafe(`
    insert into case_keys (case_id, person_id, epoch, sealed_key, granted_on)
    select c.id, null, 0, decode(repeat(md5(c.id::text), 6), 'hex'), date '2026-01-01' from gen_cases c`);
  await sql.unsafe(`
    insert into case_entries (id, case_id, kind, sender_kind, epoch, ciphertext, created_on)
    select gen_random_uuid(), c.id, 'message', 'reporter', 0, decode(repeat(md5(c.id::text || k), 24), 'hex'),
      date '2026-01-01' + (c.n % 300)
    from gen_cases c, generate_series(1, ${o.entriesPerCase}) k order by k, c.n`);
  // About 4.6 events per case, interleaved across organisations as they would be over time.
  await sql.unsafe(`
    insert into audit_events (organisation_id, case_id, actor_kind, action, detail, occurred_on,
      prev_hash, hash)
    select c.organisation_id, c.id, 'staff', 'case.updated', '{}'::jsonb, date '2026-01-01' + (c.n % 300),
      sha256(uuid_send(c.id) || int2send(k::int2)), sha256(uuid_send(c.id) || int2send((k + 1)::int2))
    from gen_cases c, generate_series(1, 5) k
    where k <= 4 or c.n % 5 < 3
    order by k, c.n`);
  await sql.unsafe('drop table gen_cases; drop table gen_orgs');
}

async function growOrganisations(sql: Sql): Promise<void> {
  await sql.unsafe(`
    insert into organisations (slug, name)
    select 'growth-' || lpad(g::text, 4, '0'), 'Growth centre ' || g
    from generate_series(1, ${GROWTH.organisations}) g`);
  await sql.unsafe(`
    insert into people (organisation_id, display_name, email, status)
    select o.id, 'Person ' || p, 'p' || p || '@' || o.slug || '.example', 'active'
    from organisations o, generate_series(1, 5) p where o.slug like 'growth-%'`);
  await generateCases(sql, {
    slugLike: 'growth-%',
    cases: GROWTH.cases,
    holders: 3,
    entriesPerCase: GROWTH.entriesPerCase
  });
}

async function counts(sql: Sql) {
  const [row] = await sql.unsafe(`select
      (select count(*) from cases)::int as cases,
      (select count(*) from organisations)::int as organisations,
      (select count(*) from audit_events)::int as "auditEvents",
      (select count(*) from case_entries)::int as entries,
      pg_database_size(current_database())::bigint as bytes`);
  return {
    cases: row!.cases as number,
    organisations: row!.organisations as number,
    auditEvents: row!.auditEvents as number,
    entries: row!.entries as number,
    mb: Math.round(Number(row!.bytes) / 1e6)
  };
}

interface Built {
  toSQL(): { sql: string; params: unknown[] };
}

/**
 * EXPLAIN ANALYZE's execution time (ms; the least of REPEATS runs, so that a moment's
 * interference from the rest of the machine is not the query's), the buffers the plan touched
 * (shared hits and reads: the same each run, whatever the machine is doing) and the plan's text.
 */
async function explain(
  sql: Sql,
  query: Built
): Promise<{ ms: number; buffers: number; plan: string }> {
  const q = query.toSQL();
  const params = q.params as postgres.ParameterOrJSON<never>[];
  let ms = Infinity;
  let buffers = 0;
  for (let i = 0; i < REPEATS; i++) {
    const [json] = await sql.unsafe(
      `explain (analyze, timing off, buffers, format json) ${q.sql}`,
      params
    );
    const top = (
      json!['QUERY PLAN'] as {
        'Execution Time': number;
        Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number };
      }[]
    )[0]!;
    ms = Math.min(ms, top['Execution Time']);
    buffers = top.Plan['Shared Hit Blocks'] + top.Plan['Shared Read Blocks'];
  }
  const text = await sql.unsafe(
    `explain (analyze, costs off, timing off, summary off) ${q.sql}`,
    params
  );
  const plan = text.map((r) => r['QUERY PLAN'] as string).join('\n');
  // A thousand ids in an ANY(...) say nothing: show how many there were.
  return {
    ms,
    buffers,
    plan: plan.replace(
      /'\{([^}]{200,})\}'/g,
      (_, ids: string) => `'{… ${ids.split(',').length} ids}'`
    )
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs `measure` on both sizes in turn, ROUNDS times; the median of each. */
async function alternate(
  sizes: Size[],
  measure: (size: Size) => Promise<number>,
  rounds = ROUNDS
): Promise<Record<Size['name'], number>> {
  const values: Record<string, number[]> = { small: [], large: [] };
  for (const size of sizes) await measure(size); // warm-up
  for (let i = 0; i < rounds; i++) {
    for (const size of i % 2 === 0 ? sizes : [...sizes].reverse()) {
      values[size.name]!.push(await measure(size));
    }
  }
  return { small: median(values.small!), large: median(values.large!) };
}

interface Context {
  organisationId: string;
  recipients: { personId: string }[];
}

/** A reporter's case as a browser files it: a report bound to its reporter keys. */
function submission(ctx: Context) {
  const caseId = randomUUID();
  const reporter = generateStaffKeys();
  const keys = newCaseKeys();
  return {
    reporter,
    keys,
    input: {
      organisationId: ctx.organisationId,
      caseId,
      submissionId: randomUUID(),
      lookupHash: new Uint8Array(randomBytes(32)),
      reporterSignPublicKey: reporter.sign.publicKey,
      reporterBoxPublicKey: reporter.box.publicKey,
      track: 'whistleblowing' as const,
      reportCiphertext: encryptReport(
        keys.contentKey,
        caseId,
        { what: 'x'.repeat(900) },
        reporter.sign,
        reporter.box.publicKey
      ),
      recipients: ctx.recipients.map((r) => ({
        personId: r.personId,
        sealedKey: new Uint8Array(randomBytes(120))
      })),
      reporterSealedKey: new Uint8Array(randomBytes(88))
    }
  };
}

async function perSecondAt(concurrency: number, count: number, job: () => Promise<unknown>) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        await job();
      }
    })
  );
  return (count * 1000) / (performance.now() - start);
}

async function growth(): Promise<Figure[]> {
  const base =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const names = {
    small: `candour_growth_small_${process.pid}`,
    large: `candour_growth_large_${process.pid}`
  };
  const sizes: Size[] = [];
  await ready();
  try {
    for (const name of Object.values(names)) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    }
    await admin.unsafe(`create database ${names.small}`);
    const smallUrl = databaseUrl(base, names.small);
    const seedStart = performance.now();
    const seeding = await openDatabase({ url: smallUrl, dataDir: '' });
    const demo = (await seedDemo(seeding.db, { password: () => 'bench growth password' }))!;
    const people = demo.people;
    const coordinator = people.coordinator!.personId;
    const chair = people.chair!.personId;
    const seedSql = postgres(smallUrl, { max: 1, onnotice: () => {} });
    // The demo centre's own cases, each held by the coordinator and the chair.
    await generateCases(seedSql, {
      slugLike: 'riverside',
      cases: OWN_CASES,
      holders: [coordinator, chair],
      entriesPerCase: GROWTH.entriesPerCase
    });
    await seedSql.end();
    await seeding.close();
    await admin.unsafe(`create database ${names.large} template ${names.small}`);
    const largeUrl = databaseUrl(base, names.large);
    const grower = postgres(largeUrl, { max: 1, onnotice: () => {} });
    await growOrganisations(grower);
    await grower.end();
    const seedMs = performance.now() - seedStart;

    for (const [name, url] of [
      ['small', smallUrl],
      ['large', largeUrl]
    ] as const) {
      const sql = postgres(url, { max: 2, onnotice: () => {} });
      await sql.unsafe('vacuum analyze');
      sizes.push({ name, url, sql, handle: await openDatabase({ url, dataDir: '' }) });
    }
    const shape = {
      small: await counts(sizes[0]!.sql),
      large: await counts(sizes[1]!.sql)
    };
    const ctx: Context = { organisationId: demo.organisationId, recipients: [{ personId: chair }] };
    const plans: Record<string, string> = {};
    const figures: Figure[] = [];
    const add = (
      figure: string,
      unit: string,
      values: Record<Size['name'], number>,
      extra: Record<string, unknown> = {}
    ) => {
      figures.push({
        figure,
        unit,
        candour: round(values.large, 3),
        raw: round(values.small, 3),
        params: {
          sizes: `${shape.small.cases} → ${shape.large.cases} cases`,
          small: shape.small,
          large: shape.large,
          ratio: round(values.large / values.small, 2),
          raw: 'the same figure on the small database',
          ...extra
        }
      });
    };

    const addExplained = (
      figure: string,
      measured: { times: Record<Size['name'], number>; extra: Record<string, unknown> }
    ) => add(figure, 'ms', measured.times, measured.extra);
    /** A query's EXPLAIN ANALYZE time on both sizes, its buffers and plans kept. */
    const buffers: Record<string, Record<Size['name'], number>> = {};
    const explained = async (label: string, queries: (size: Size) => Built[]) => {
      const times = await alternate(sizes, async (size) => {
        let total = 0;
        let touched = 0;
        for (const [i, query] of queries(size).entries()) {
          const { ms, buffers: b, plan } = await explain(size.sql, query);
          plans[`${label}${queries(size).length > 1 ? ` ${i + 1}` : ''} (${size.name})`] = plan;
          total += ms;
          touched += b;
        }
        (buffers[label] ??= { small: 0, large: 0 })[size.name] = touched;
        return total;
      });
      return { times, extra: { buffers: buffers[label] } };
    };

    // One of the organisation's own cases, the same in both databases (the large is a copy).
    const [{ id: ownCase }] = await sizes[0]!.sql<{ id: string }[]>`
      select id from cases where organisation_id = ${ctx.organisationId} order by id limit 1`;
    // The head reads first: nothing of this organisation has been written since the growth.
    addExplained(
      "growth: audit head read of an organisation's events about no case (EXPLAIN ANALYZE)",
      await explained('audit head read (no case)', (size) => [
        auditHeadQuery(size.handle.db, ctx.organisationId, null)
      ])
    );
    addExplained(
      "growth: audit head read of a case's chain (EXPLAIN ANALYZE)",
      await explained('audit head read (case)', (size) => [
        auditHeadQuery(size.handle.db, ctx.organisationId, ownCase)
      ])
    );
    addExplained(
      "growth: a case's audit chain read (EXPLAIN ANALYZE)",
      await explained('case audit chain read', (size) => [
        caseAuditQuery(size.handle.db, ctx.organisationId, ownCase)
      ])
    );
    add(
      'growth: caseAuditView, the case audit view the browser verifies',
      'ms',
      await alternate(sizes, (size) =>
        timeMs(() => caseAuditView(size.handle.db, ctx.organisationId, ownCase))
      )
    );
    addExplained(
      `growth: a coordinator's inbox queries (EXPLAIN ANALYZE, ${OWN_CASES} cases held)`,
      await explained('inbox query', (size) => inboxPlanQueries(size.handle.db, coordinator))
    );
    add(
      `growth: a coordinator's inbox as inboxFor reads it (${OWN_CASES} cases held)`,
      'ms',
      await alternate(sizes, (size) => timeMs(() => inboxFor(size.handle.db, coordinator)))
    );
    for (const concurrency of [1, 10]) {
      add(
        `growth: submissions per second, concurrency ${concurrency}`,
        'per s',
        await alternate(
          sizes,
          (size) =>
            perSecondAt(concurrency, 60, () => submitCase(size.handle.db, submission(ctx).input)),
          5
        ),
        { concurrency, perTrial: 60 }
      );
    }
    // Each size's reporter writes on its own case, linking every message to the last.
    const followUps: Record<string, { write: () => Promise<unknown> }> = {};
    for (const size of sizes) {
      const filed = submission(ctx);
      await submitCase(size.handle.db, filed.input);
      const caseId = filed.input.caseId;
      let head = chainGenesis(caseId, 'case');
      followUps[size.name] = {
        write: async () => {
          const entryId = randomUUID();
          const ciphertext = encryptEntry({
            caseId,
            entryId,
            senderRole: 'reporter',
            kind: 'message',
            key: filed.keys.contentKey,
            body: { text: 'x'.repeat(300) },
            signer: filed.reporter.sign,
            prev: head
          });
          await appendEntry(size.handle.db, {
            caseId,
            entryId,
            kind: 'message',
            actor: { kind: 'reporter' },
            epoch: 0,
            ciphertext
          });
          head = entryLink(ciphertext);
        }
      };
    }
    add(
      'growth: reporter follow-ups per second',
      'per s',
      await alternate(sizes, (size) => perSecondAt(1, 60, followUps[size.name]!.write), 5),
      { perTrial: 60 }
    );
    for (const [name, plan] of Object.entries(plans)) {
      if (name.endsWith('(large)')) console.error(`-- ${name}\n${plan}\n`);
    }
    figures.push({
      figure: 'growth: seeding both databases',
      unit: 's',
      candour: round(seedMs / 1000),
      raw: 0,
      params: { small: shape.small, large: shape.large, raw: 'not applicable' }
    });
    return figures;
  } finally {
    for (const size of sizes) {
      await size.handle.close();
      await size.sql.end();
    }
    for (const name of Object.values(names)) {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    }
    await admin.end();
  }
}

export const growthBenches: Bench[] = [{ name: 'growth', run: growth }];
