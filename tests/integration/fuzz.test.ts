/**
 * Sends generated bodies, params and headers to every endpoint handler and page load, as the
 * signed-out public, as a signed-in colleague and as an admin. Every answer must be 2xx/3xx or a
 * 4xx with a message, never a 5xx or an unexpected throw, and a refused request must write nothing.
 *
 * `npm test` runs a fixed seed (FUZZ_RUNS requests, 400 by default). The long profile:
 *   FUZZ_RUNS=10000 FUZZ_SEED=<any> npx vitest run --project integration tests/integration/fuzz.test.ts
 * (docs/THREAT-MODEL.md, "bad input").
 */
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as crypto from '../../src/lib/crypto';
import type { StaffSession } from '../../src/lib/server/auth/sessions';
import { queryRows, type Database } from '../../src/lib/server/db';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { templatedBody } from '../support/fuzz-templates';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const ORIGIN = 'http://127.0.0.1:5999';

type Handler = (event: unknown) => Promise<unknown> | unknown;
interface Target {
  routeId: string;
  method: string;
  handler: Handler;
  params: string[];
}

const serverModules = import.meta.glob('/src/routes/**/+server.ts');
const pageModules = import.meta.glob('/src/routes/**/+page.server.ts');

function routeIdOf(file: string): string {
  return file.replace(/^\/src\/routes/, '').replace(/\/\+(page\.)?server\.ts$/, '') || '/';
}

async function targets(): Promise<Target[]> {
  const all: Target[] = [];
  for (const [file, load] of Object.entries(serverModules)) {
    const mod = (await load()) as Record<string, Handler>;
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      if (typeof mod[method] === 'function') {
        const routeId = routeIdOf(file);
        all.push({ routeId, method, handler: mod[method], params: paramsOf(routeId) });
      }
    }
  }
  for (const [file, load] of Object.entries(pageModules)) {
    const mod = (await load()) as { load?: Handler; actions?: Record<string, Handler> };
    const routeId = routeIdOf(file);
    if (mod.load)
      all.push({ routeId, method: 'GET', handler: mod.load, params: paramsOf(routeId) });
    for (const [name, action] of Object.entries(mod.actions ?? {})) {
      all.push({
        routeId: `${routeId}?/${name}`,
        method: 'POST',
        handler: action,
        params: paramsOf(routeId)
      });
    }
  }
  return all;
}

/** Percent-encodes any string, lone surrogates included (encodeURIComponent throws on them). */
function encode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function paramsOf(routeId: string): string[] {
  return [...routeId.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
}

let testDb: TestDatabase | undefined;
let database: Database;
let seed: DemoSeed;
let sessions: (StaffSession | null)[];
let known: { uuids: string[]; slugs: string[] };

beforeAll(async () => {
  await crypto.ready();
  // The handlers reach the database through the runtime: point it at a fresh one.
  if (process.env.TEST_DATABASE_URL) {
    testDb = await createTestDatabase('candour_fuzz');
    process.env.DATABASE_URL = testDb.url;
    await testDb.close();
  } else {
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = 'memory://';
  }
  process.env.ORIGIN = ORIGIN;
  const runtime = await import('../../src/lib/server/runtime');
  database = await runtime.db();
  seed = (await seedDemo(database))!;
  const asSession = (key: string, isAdmin: boolean): StaffSession => {
    const p = seed.people[key]!;
    return {
      personId: p.personId,
      organisationId: p.unitId,
      displayName: p.displayName,
      email: p.email,
      isAdmin,
      isHost: isAdmin,
      mustEnrolTotp: false
    };
  };
  sessions = [null, asSession('coordinator', false), asSession('admin', true)];
  known = {
    uuids: Object.values(seed.people).map((p) => p.personId),
    slugs: ['riverside', 'naccc']
  };
}, 180_000);

afterAll(async () => {
  if (testDb) {
    const runtime = await import('../../src/lib/server/runtime');
    const handle = (await runtime.startRuntime()).database;
    await handle.close();
    await testDb.dispose();
  }
});

/** Row counts of every table but the counters (a refused sign-in counts, by design). */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await queryRows<{ table_name: string }>(
    database,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('rate_limits', '__drizzle_migrations')`
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await queryRows<{ n: number }>(
      database,
      sql.raw(`select count(*)::int as n from "${table_name}"`)
    );
    counts[table_name] = Number(row?.n ?? 0);
  }
  return counts;
}

// Strings that have broken servers: NUL, lone surrogates, non-canonical base64, huge, odd unicode.
const nasty = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  'A'.repeat(42) + 'B',
  'AAAAA',
  '====',
  '../../etc/passwd',
  '%00',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'x'.repeat(5000),
  '-1',
  '1e309',
  '__proto__',
  'constructor'
);
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), nasty, fc.uuid());
const base64ish = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 80 }).map((b) => Buffer.from(b).toString('base64url')),
  fc.uint8Array({ minLength: 0, maxLength: 80 }).map((b) => Buffer.from(b).toString('base64')),
  nasty
);
const FIELDS = [
  'email',
  'loginSecret',
  'code',
  'token',
  'enrolment',
  'founding',
  'recoveryProof',
  'secret',
  'currentLoginSecret',
  'currentCode',
  'displayName',
  'roles',
  'isAdmin',
  'status',
  'signature',
  'sealedSigningKey',
  'policy',
  'name',
  'slug',
  'kind',
  'organisationId',
  'bodyId',
  'linked',
  'lookupToken',
  'caseId',
  'submissionId',
  'track',
  'recipients',
  'reportCiphertext',
  'reporterSealedKey',
  'reporterSignPublicKey',
  'reporterBoxPublicKey',
  'entryId',
  'ciphertext',
  'personId',
  'sealedKey',
  'epoch',
  'keys',
  'stage',
  'requireTotp',
  'publicInfo',
  'passwordSalt',
  'passwordWrappedKeys',
  'boxPublicKey',
  'signPublicKey',
  'recoveryWrappedKeys',
  'presetId'
];
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(text, base64ish, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), text), tie('node'), { maxKeys: 5 })
  )
})).node;
// Bodies that pass most of a schema, with one or two fields replaced by something nasty: these
// reach the database, where NUL and lone surrogates used to become 500s.
const VALID: Record<string, unknown> = {
  email: 'someone.new@riverside.example',
  displayName: 'Someone New',
  roles: ['committee_member'],
  isAdmin: false,
  name: 'Some Organisation',
  slug: 'some-organisation',
  kind: 'lado',
  requireTotp: false,
  status: 'on_leave',
  presetId: 'naccc-contact-centre',
  publicInfo: { contactNote: 'Call us', childrensServicesPhone: '0100' },
  admin: { displayName: 'Ann Admin', email: 'ann.admin@oak.example', roles: [] },
  linked: true,
  loginSecret: 'A'.repeat(43),
  code: '123456'
};
const nearValid = fc
  .subarray(Object.keys(VALID), { minLength: 1 })
  .chain((keys) =>
    fc.tuple(
      fc.constant(keys),
      fc.subarray(keys, { maxLength: Math.min(2, keys.length) }),
      fc.array(nasty, { minLength: 2, maxLength: 2 })
    )
  )
  .map(([keys, spoiled, bad]) => {
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = VALID[key];
    spoiled.forEach((key, i) => {
      const current = out[key];
      out[key] =
        current && typeof current === 'object' && !Array.isArray(current)
          ? Object.fromEntries(Object.keys(current).map((k) => [k, bad[i]]))
          : Array.isArray(current)
            ? [bad[i]]
            : bad[i];
    });
    return JSON.stringify(out);
  });
const body = fc.oneof(
  fc.constant(undefined),
  nearValid,
  nearValid,
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }).map((o) => JSON.stringify(o)),
  value.map((v) => JSON.stringify(v) ?? 'null'),
  text,
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1'))
);
const header = fc.option(
  text.map((t) => t.replace(/[^\t\x20-\x7e]/g, '')),
  { nil: undefined }
);

function event(
  target: Target,
  params: Record<string, string>,
  init: {
    body: string | undefined;
    day: string | undefined;
    signature: string | undefined;
    contentType: string | undefined;
    query: string;
    staff: StaffSession | null;
  }
) {
  const path = target.routeId
    .replace(/\?\/.*$/, '')
    .replace(/\[(\w+)\]/g, (_, name: string) => encode(params[name] ?? ''));
  const url = new URL(`${ORIGIN}${path}${init.query}`);
  const headers = new Headers();
  if (init.contentType !== undefined) headers.set('content-type', init.contentType);
  if (init.day !== undefined) headers.set('x-candour-day', init.day);
  if (init.signature !== undefined) headers.set('x-candour-signature', init.signature);
  const withBody = target.method !== 'GET' && target.method !== 'HEAD';
  const request = new Request(url, {
    method: target.method,
    headers,
    ...(withBody && init.body !== undefined ? { body: init.body } : {})
  });
  const jar = new Map<string, string>();
  return {
    request,
    url,
    params,
    route: { id: target.routeId },
    locals: { staff: init.staff },
    cookies: {
      get: (name: string) => jar.get(name),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      set: (name: string, value: string) => void jar.set(name, value),
      delete: (name: string) => void jar.delete(name),
      serialize: () => ''
    },
    fetch,
    getClientAddress: () => '127.0.0.1',
    platform: undefined,
    setHeaders: () => {},
    isDataRequest: false,
    isSubRequest: false,
    isRemoteRequest: false,
    parent: async () => ({}),
    depends: () => {},
    untrack: <T>(fn: () => T) => fn(),
    tracing: { enabled: false }
  };
}

async function statusOf(
  target: Target,
  ev: unknown
): Promise<{ status: number; thrown?: unknown }> {
  try {
    const result = await target.handler(ev);
    if (result instanceof Response) {
      await result.arrayBuffer().catch(() => {});
      return { status: result.status };
    }
    return { status: 200 };
  } catch (thrown) {
    if (isHttpError(thrown)) {
      expect(thrown.body.message, `${target.method} ${target.routeId}`).toBeTruthy();
      return { status: thrown.status };
    }
    if (isRedirect(thrown)) return { status: thrown.status };
    return { status: 500, thrown };
  }
}

describe(`fuzz every endpoint and page load (seed ${SEED}, ${RUNS} requests)`, () => {
  it('never answers 5xx, and a refused request writes nothing', async () => {
    const all = await targets();
    expect(all.length).toBeGreaterThan(30);
    const failures: string[] = [];
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        // Where a route has a body template (tests/support/fuzz-templates.ts), most of its bodies
        // are valid ones spoiled in a place or two, sent as JSON: these get past the parser.
        fc.nat({ max: all.length - 1 }).chain((index) => {
          const target = all[index]!;
          const templated = templatedBody(`${target.method} ${target.routeId}`);
          const generated = body.map((b) => [index, b, false] as const);
          return templated
            ? fc.oneof(
                { weight: 3, arbitrary: templated.map((b) => [index, b, true] as const) },
                { weight: 1, arbitrary: generated }
              )
            : generated;
        }),
        fc.dictionary(fc.string(), fc.oneof(text, fc.constantFrom(...known.uuids, ...known.slugs))),
        header,
        header,
        fc.option(
          fc.constantFrom(
            'application/json',
            'text/plain',
            'multipart/form-data',
            'application/x-www-form-urlencoded'
          ),
          { nil: undefined }
        ),
        fc.oneof(
          fc.constant(''),
          text.map((t) => `?${encode(t)}=${encode(t)}`)
        ),
        fc.nat({ max: 2 }),
        async (
          [index, generatedBody, asJson],
          paramPool,
          day,
          signature,
          generatedType,
          query,
          who
        ) => {
          const target = all[index]!;
          const contentType = asJson ? 'application/json' : generatedType;
          const params: Record<string, string> = {};
          const pool = Object.values(paramPool);
          for (const [i, name] of target.params.entries()) {
            params[name] = String(pool[i] ?? known.uuids[i] ?? 'x');
          }
          const before = await rowCounts();
          const ev = event(target, params, {
            body: generatedBody,
            day,
            signature,
            contentType,
            query,
            staff: sessions[who]!
          });
          const { status, thrown } = await statusOf(target, ev);
          const label = `${target.method} ${target.routeId} → ${status}`;
          if (status >= 500) {
            const reason =
              thrown instanceof Error
                ? `${thrown.name}: ${thrown.message.slice(0, 200)}`
                : String(thrown);
            failures.push(
              `${label} ${reason} params=${JSON.stringify(params)} body=${JSON.stringify(generatedBody)?.slice(0, 300)}`
            );
            return;
          }
          if (status >= 400) {
            refused++;
            const after = await rowCounts();
            if (JSON.stringify(after) !== JSON.stringify(before)) {
              failures.push(`${label} wrote rows: ${JSON.stringify({ before, after })}`);
            }
          }
        }
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true }
    );
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(RUNS / 2);
  }, 1_800_000);
});
