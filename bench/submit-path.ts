// The submission path as the route runs it (organisation and today's count, the store's read and
// transaction, the notice check), in this process with no HTTP and no proof-of-work, so that the
// figure is the server's own work: `npm run bench load` now spends most of its time solving the
// proof-of-work each report carries (it grows with the day's submissions), not serving.
// - submit-path: on PostgreSQL at concurrency 1, 10 and 50, next to a raw baseline in the same
//   run (postgres.js writing the same rows in one transaction), in alternating rounds.
// - submit-path-pglite: the same on the embedded database; its figure is this process's peak
//   resident memory (PGlite runs inside it), next to its peak once the database was open.
import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import postgres from 'postgres';
import {
  encryptReport,
  fromBase64,
  toBase64,
  generateStaffKeys,
  newCaseKeys,
  ready,
  sealCaseKeysFor,
  type BoxPublicKey
} from '../src/lib/crypto/index';
import { v8Flags } from '../src/cli/workers.js';
import { reporterOrganisation, submitCase } from '../src/lib/server/cases/index';
import { openDatabase, type Database } from '../src/lib/server/db/index';
import { dayCount, newCaseNoticeAllowed, submitDifficulty } from '../src/lib/server/pow';
import { seededDatabase, type SeededDatabase } from '../tests/support/load-server';
import { round, type Bench, type Figure } from './harness';

const LEVELS = [1, 10, 50];
const PER_ROUND = 120;
const ROUNDS = 3;

type Input = Parameters<typeof submitCase>[1];

/** Reports sealed to the seeded recipients, made before any timing as browsers would. */
function prepare(database: SeededDatabase, n: number): Input[] {
  return Array.from({ length: n }, () => {
    const caseId = randomUUID();
    const reporter = generateStaffKeys();
    const keys = newCaseKeys();
    return {
      organisationId: database.organisationId,
      caseId,
      submissionId: randomUUID(),
      lookupHash: new Uint8Array(randomBytes(32)),
      reporterSignPublicKey: reporter.sign.publicKey,
      reporterBoxPublicKey: reporter.box.publicKey,
      track: 'whistleblowing' as const,
      reportCiphertext: encryptReport(
        keys.contentKey,
        caseId,
        { what: 'x'.repeat(3900) },
        reporter.sign,
        reporter.box.publicKey
      ),
      recipients: database.recipients.map((r) => ({
        personId: r.personId,
        sealedKey: sealCaseKeysFor(r.box as BoxPublicKey, keys, { includeStaffKey: true })
      })),
      reporterSealedKey: sealCaseKeysFor(reporter.box.publicKey, keys, { includeStaffKey: false })
    };
  });
}

/** What POST /o/<slug>/api/cases does with the database, in the same order. */
async function viaCandour(db: Database, slug: string, input: Input): Promise<void> {
  const day = new Date().toISOString().slice(0, 10);
  const count = dayCount(slug, day);
  const organisation = await reporterOrganisation(db, { slug }, count);
  const received = count.of(organisation);
  await submitDifficulty(db, organisation.id, day, received);
  const result = await submitCase(db, input);
  if (!result.created) throw new Error('submit-path: not created');
  await newCaseNoticeAllowed(db, organisation.id, day, received);
}

async function viaRaw(sql: postgres.Sql, x: Input): Promise<void> {
  const day = new Date().toISOString().slice(0, 10);
  const b = (u: Uint8Array) => Buffer.from(u);
  await sql.begin(async (tx) => {
    await tx`insert into cases (id, organisation_id, submission_id, lookup_hash,
        reporter_sign_public_key, reporter_box_public_key, track, report_ciphertext,
        received_on, stage_started_on)
      values (${x.caseId}, ${x.organisationId}, ${x.submissionId}, ${b(x.lookupHash)},
        ${b(x.reporterSignPublicKey)}, ${b(x.reporterBoxPublicKey)}, 'whistleblowing',
        ${b(x.reportCiphertext)}, ${day}, ${day})`;
    const keys: { case_id: string; person_id: string | null; sealed_key: Buffer }[] = [
      ...x.recipients.map((r) => ({
        case_id: x.caseId,
        person_id: r.personId,
        sealed_key: b(r.sealedKey)
      })),
      { case_id: x.caseId, person_id: null, sealed_key: b(x.reporterSealedKey) }
    ];
    await tx`insert into case_keys ${tx(keys.map((k) => ({ ...k, epoch: 0, granted_on: day })))}`;
    await tx`insert into audit_events (organisation_id, case_id, actor_kind, action, detail,
        occurred_on, prev_hash, hash)
      values (${x.organisationId}, ${x.caseId}, 'reporter', 'case.submitted',
        ${JSON.stringify({ track: x.track, recipients: x.recipients.map((r) => r.personId) })}::jsonb,
        ${day}, ${randomBytes(32)}, ${randomBytes(32)})`;
  });
}

/** Runs `count` calls, `concurrency` at a time: calls per second, and each call's milliseconds. */
async function drive(
  count: number,
  concurrency: number,
  one: (i: number) => Promise<void>,
  latencies: number[] = []
) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const began = performance.now();
        await one(next++);
        latencies.push(performance.now() - began);
      }
    })
  );
  return (count * 1000) / (performance.now() - start);
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const percentile = (v: number[], p: number) =>
  [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor((v.length * p) / 100))]!;

async function onPostgres(): Promise<Figure[]> {
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  await ready();
  const candourDb = await seededDatabase(adminUrl);
  const rawDb = await seededDatabase(adminUrl);
  const handle = await candourDb.open();
  const raw = postgres(rawDb.databaseUrl!, { max: 10, onnotice: () => {} });
  const figures: Figure[] = [];
  try {
    // Warm-up, untimed: connections opened and statements prepared on both sides.
    const warmA = prepare(candourDb, 20);
    const warmB = prepare(rawDb, 20);
    await drive(20, 10, (i) => viaCandour(handle.db, candourDb.slug, warmA[i]!));
    await drive(20, 10, (i) => viaRaw(raw, warmB[i]!));
    for (const concurrency of LEVELS) {
      const rates = { candour: [] as number[], raw: [] as number[] };
      const ms = { candour: [] as number[], raw: [] as number[] };
      for (let r = 0; r < ROUNDS; r++) {
        const a = prepare(candourDb, PER_ROUND);
        const b = prepare(rawDb, PER_ROUND);
        const runCandour = async () =>
          rates.candour.push(
            await drive(
              PER_ROUND,
              concurrency,
              (i) => viaCandour(handle.db, candourDb.slug, a[i]!),
              ms.candour
            )
          );
        const runRaw = async () =>
          rates.raw.push(await drive(PER_ROUND, concurrency, (i) => viaRaw(raw, b[i]!), ms.raw));
        if (r % 2 === 0) await runCandour().then(runRaw);
        else await runRaw().then(runCandour);
      }
      figures.push({
        figure: `submit-path: submissions per second at concurrency ${concurrency} (in process)`,
        unit: 'submissions/s',
        candour: round(median(rates.candour)),
        raw: round(median(rates.raw)),
        params: {
          concurrency,
          ratio: round(median(rates.candour) / median(rates.raw), 2),
          p50: round(percentile(ms.candour, 50)),
          p99: round(percentile(ms.candour, 99)),
          rawP50: round(percentile(ms.raw, 50)),
          rawP99: round(percentile(ms.raw, 99)),
          rounds: ROUNDS,
          perRound: PER_ROUND,
          database: 'postgresql',
          recipients: candourDb.recipients.length,
          reportBytes: 4096,
          cores: availableParallelism(),
          loadAverage: round(loadavg()[0]!, 2),
          raw: 'postgres.js writing the same rows in one transaction, same run, rounds alternating'
        }
      });
    }
  } finally {
    await raw.end();
    await handle.close();
    await candourDb.drop();
    await rawDb.drop();
  }
  return figures;
}

/** This process's largest resident size so far, in MB (Linux). */
function peakMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/**
 * On PGlite: the folder is seeded by this process, then served by a fresh one (as a server
 * would open it), whose peak resident memory is the figure.
 */
async function onPglite(): Promise<Figure[]> {
  const database = await seededDatabase('');
  try {
    const { recipients, organisationId, slug, dataDir } = database;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), 'pglite-child', dataDir!],
      {
        // Keys as base64: JSON has no bytes.
        input: JSON.stringify({
          recipients: recipients.map((r) => ({ personId: r.personId, box: toBase64(r.box) })),
          organisationId,
          slug
        }),
        encoding: 'utf8',
        maxBuffer: 1 << 20
      }
    );
    if (child.status !== 0) throw new Error(`submit-path-pglite: ${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
      opened: number;
      peak: number;
      rates: Record<string, number>;
    };
    return [
      {
        figure: 'submit-path-pglite: peak memory of a process serving submissions on PGlite',
        unit: 'MB',
        candour: round(result.peak),
        raw: round(result.opened),
        params: {
          raw: 'the same process once the seeded folder was open, before any submission',
          perLevel: PER_ROUND,
          ...result.rates,
          database: 'pglite',
          cores: availableParallelism()
        }
      }
    ];
  } finally {
    await database.drop();
  }
}

/** The child of onPglite: opens the folder, submits at each level, prints its figures. */
async function pgliteChild(dataDir: string): Promise<void> {
  // As `npm start` runs on PGlite (src/cli/start.js).
  for (const flag of v8Flags({})) v8.setFlagsFromString(flag);
  await ready();
  const sent = JSON.parse(readFileSync(0, 'utf8')) as Omit<SeededDatabase, 'recipients'> & {
    recipients: { personId: string; box: string }[];
  };
  const seeded = {
    ...sent,
    recipients: sent.recipients.map((r) => ({
      personId: r.personId,
      box: fromBase64(r.box) as BoxPublicKey
    }))
  } as SeededDatabase;
  const handle = await openDatabase({ dataDir });
  const opened = peakMb();
  const rates: Record<string, number> = {};
  try {
    for (const concurrency of LEVELS) {
      const inputs = prepare(seeded, PER_ROUND);
      rates[`perSecondAt${concurrency}`] = round(
        await drive(PER_ROUND, concurrency, (i) => viaCandour(handle.db, seeded.slug, inputs[i]!))
      );
    }
  } finally {
    await handle.close();
  }
  process.stdout.write(`${JSON.stringify({ opened, peak: peakMb(), rates })}\n`);
}

if (process.argv[2] === 'pglite-child' && process.argv[1] === fileURLToPath(import.meta.url)) {
  await pgliteChild(process.argv[3]!);
}

export const submitPathBenches: Bench[] = [
  { name: 'submit-path', run: onPostgres },
  { name: 'submit-path-pglite', run: onPglite }
];
