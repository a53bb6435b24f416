// Submissions under load: the built server (as `npm start` runs it, one worker per core) on a
// fresh PostgreSQL database, reports sealed beforehand as a browser would, sent at concurrency
// 1, 10 and 50; next to a raw baseline measured in the same run: postgres.js writing the same
// rows (case, sealed keys, audit event) in one transaction at the same concurrency.
// The reports go to many organisations, as on a host, each getting no more in the day than its
// base proof-of-work covers; every proof is solved and every request signed before timing
// starts, and requests go out through node:http, so the figures are the server's, not the load
// client's (a browser does that work on its own machine). A warm-up at the highest concurrency
// opens the server's database connections, and each level's HTTP connections are open before its
// clock starts, as the raw baseline's pool is.
// The load itself (reports made ready, levels, connections) is bench/load-client.ts.
// Skipped, with a message, when no PostgreSQL is reachable (BENCH_DATABASE_URL, else
// TEST_DATABASE_URL, else the local default).
// - load-pglite: the same on the embedded database (one process, as `npm start` runs it without
//   DATABASE_URL); its figure is that server's peak resident memory.
// BENCH_LOAD_VS=<folder>: also serves another checkout's build (e.g. the previous commit's, built
// there) on a database of its own, driven in turn with this one at every level; its figures are
// printed as `vs` in params, so a change is judged by a ratio taken in the same minutes.
import { spawnSync } from 'node:child_process';
import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { fromBase64 } from '../src/lib/crypto/index';
import { startCandour } from '../tests/e2e/server.js';
import { SUBMIT_BASE_DIFFICULTY } from '../src/lib/server/pow';
import { seededDatabase } from '../tests/support/load-server';
import type { PreparedCase } from '../tests/support/reporter-client';
import { round, type Bench, type Figure } from './harness';
import { driveLevels, LEVELS, LOADED_ORGANISATIONS } from './load-client';
import { freePort } from './ports';

/** A process's largest resident size so far, in MB (Linux). */
function peakMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function reachable(url: string): Promise<boolean> {
  const client = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 1 }).catch(() => {});
  }
}

interface RawRow {
  caseId: string;
  submissionId: string;
  lookupHash: Buffer;
  sign: Buffer;
  box: Buffer;
  report: Buffer;
  sealed: { personId: string | null; key: Buffer }[];
  detail: string;
}

/** The rows Candour writes for one submission, from the same sealed report. */
function rawRow(prepared: PreparedCase): RawRow {
  const body = JSON.parse(prepared.body) as {
    reporterSignPublicKey: string;
    reporterBoxPublicKey: string;
    reportCiphertext: string;
    recipients: { personId: string; sealedKey: string }[];
    reporterSealedKey: string;
  };
  const bytes = (b64: string) => Buffer.from(fromBase64(b64));
  return {
    caseId: randomUUID(),
    submissionId: randomUUID(),
    lookupHash: nodeRandomBytes(32),
    sign: bytes(body.reporterSignPublicKey),
    box: bytes(body.reporterBoxPublicKey),
    report: bytes(body.reportCiphertext),
    sealed: [
      ...body.recipients.map((r) => ({ personId: r.personId, key: bytes(r.sealedKey) })),
      { personId: null, key: bytes(body.reporterSealedKey) }
    ],
    detail: JSON.stringify({
      track: 'whistleblowing',
      recipients: body.recipients.map((r) => r.personId)
    })
  };
}

async function writeRaw(sql: postgres.Sql, organisationId: string, row: RawRow): Promise<boolean> {
  const day = new Date().toISOString().slice(0, 10);
  await sql.begin(async (tx) => {
    await tx`insert into cases (id, organisation_id, submission_id, lookup_hash,
        reporter_sign_public_key, reporter_box_public_key, track, report_ciphertext,
        received_on, stage_started_on)
      values (${row.caseId}, ${organisationId}, ${row.submissionId}, ${row.lookupHash},
        ${row.sign}, ${row.box}, 'whistleblowing', ${row.report}, ${day}, ${day})`;
    await tx`insert into case_keys ${tx(
      row.sealed.map((s) => ({
        case_id: row.caseId,
        person_id: s.personId,
        epoch: 0,
        sealed_key: s.key,
        granted_on: day
      }))
    )}`;
    await tx`insert into audit_events (organisation_id, case_id, actor_kind, action, detail,
        occurred_on, prev_hash, hash)
      values (${organisationId}, ${row.caseId}, 'reporter', 'case.submitted', ${row.detail}::jsonb,
        ${day}, ${nodeRandomBytes(32)}, ${nodeRandomBytes(32)})`;
  });
  return true;
}

function built(): void {
  if (existsSync('build/index.js')) return;
  const run = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit']
  });
  if (run.status !== 0) throw new Error('load: vite build failed');
}

async function load(): Promise<Figure[]> {
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await reachable(adminUrl))) {
    process.stderr.write(
      'load: skipped, no PostgreSQL reachable (set BENCH_DATABASE_URL or TEST_DATABASE_URL)\n'
    );
    return [];
  }
  built();
  // The raw baseline writes to the demo organisation, whose day's count then grows past any
  // base proof-of-work: Candour's reports go to the copies only.
  const copies = { copies: LOADED_ORGANISATIONS };
  const database = await seededDatabase(adminUrl, copies);
  const cores = availableParallelism();
  const workers = Number(process.env.WORKERS ?? cores);
  const port = await freePort();
  const server = await startCandour({
    port,
    logPath: path.join(tmpdir(), `candour-bench-load-${port}.log`),
    args: ['src/cli/start.js'],
    databaseUrl: database.databaseUrl,
    env: { WORKERS: String(workers) }
  });
  const raw = postgres(database.databaseUrl!, { max: 10, onnotice: () => {} });
  const vsDir = process.env.BENCH_LOAD_VS;
  const vsDatabase = vsDir ? await seededDatabase(adminUrl, copies) : undefined;
  const vsServer = vsDir
    ? await startCandour({
        port: await freePort(),
        logPath: path.join(tmpdir(), `candour-bench-load-vs-${port}.log`),
        cwd: path.resolve(vsDir),
        // A checkout from before `npm start` ran workers serves its build in one process.
        args: [existsSync(path.join(vsDir, 'src/cli/start.js')) ? 'src/cli/start.js' : 'build'],
        databaseUrl: vsDatabase!.databaseUrl,
        env: { WORKERS: String(workers) }
      })
    : undefined;
  try {
    const results = await driveLevels({
      url: server.url,
      units: database.units.slice(1),
      baseline: (prepared) => writeRaw(raw, database.organisationId, rawRow(prepared)),
      vs: vsServer && { url: vsServer.url, units: vsDatabase!.units.slice(1) }
    });
    return results.map(({ candour, baseline, vs, resent }, index) => {
      const { concurrency, submissions } = LEVELS[index]!;
      const errors = candour.errors + baseline!.errors;
      return {
        figure: `load: submissions per second at concurrency ${concurrency}`,
        unit: 'submissions/s',
        candour: round(candour.perSecond),
        raw: round(baseline!.perSecond),
        params: {
          concurrency,
          submissions,
          p50Ms: round(candour.p50),
          p99Ms: round(candour.p99),
          rawP50Ms: round(baseline!.p50),
          rawP99Ms: round(baseline!.p99),
          errors,
          resent,
          ...(vs
            ? {
                vs: {
                  perSecond: round(vs.perSecond),
                  p50Ms: round(vs.p50),
                  p99Ms: round(vs.p99),
                  errors: vs.errors
                }
              }
            : {}),
          ...(errors > 0 ? { why: [...candour.why, ...baseline!.why] } : {}),
          cores,
          workers,
          database: 'postgresql',
          organisations: LOADED_ORGANISATIONS,
          powDifficulty: SUBMIT_BASE_DIFFICULTY,
          recipients: database.recipients.length,
          reportBytes: 4096,
          keys: 'random reporter keys of the derived shapes (derivation is client-side)'
        }
      };
    });
  } finally {
    await raw.end();
    await server.stop();
    await database.drop();
    await vsServer?.stop();
    await vsDatabase?.drop();
  }
}

/** The same load on PGlite: the server's peak memory, beside its own once started. */
async function loadPglite(): Promise<Figure[]> {
  built();
  const database = await seededDatabase('', { copies: LOADED_ORGANISATIONS - 1 });
  const port = await freePort();
  const server = await startCandour({
    port,
    logPath: path.join(tmpdir(), `candour-bench-load-pglite-${port}.log`),
    args: ['src/cli/start.js'],
    dataDir: database.dataDir
  });
  try {
    // A page first: SvelteKit loads a route's code on its first use.
    await fetch(server.url).then((answer) => answer.arrayBuffer());
    const started = peakMb(server.pid);
    const results = await driveLevels({ url: server.url, units: database.units });
    const rates = Object.fromEntries(
      results.flatMap(({ candour }, index) => {
        const { concurrency } = LEVELS[index]!;
        return [
          [`perSecondAt${concurrency}`, round(candour.perSecond)],
          [`p99MsAt${concurrency}`, round(candour.p99)]
        ];
      })
    );
    const errors = results.reduce((sum, r) => sum + r.candour.errors, 0);
    return [
      {
        figure: 'load-pglite: peak memory of the server serving submissions on PGlite',
        unit: 'MB',
        candour: round(peakMb(server.pid)),
        raw: round(started),
        params: {
          raw: 'the same server once started, before any submission',
          levels: LEVELS,
          ...rates,
          errors,
          organisations: database.units.length,
          database: 'pglite',
          cores: availableParallelism()
        }
      }
    ];
  } finally {
    await server.stop();
    await database.drop();
  }
}

export const loadBenches: Bench[] = [
  { name: 'load', run: load },
  { name: 'load-pglite', run: loadPglite }
];
