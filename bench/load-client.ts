// The load the `load` and `load-pglite` benches send (bench/load.ts): reports made ready as a
// browser has them (sealed, signed, proof solved), dealt to many organisations, and sent at each
// level's concurrency through node:http on connections opened before the clock starts.
import http from 'node:http';
import { SUBMIT_BASE_DIFFICULTY, SUBMIT_DOUBLING_EVERY } from '../src/lib/server/pow';
import type { LoadUnit } from '../tests/support/load-server';
import {
  prepareCase,
  presolve,
  reporterKeys,
  signedHeaders,
  submitPath,
  type PreparedCase
} from '../tests/support/reporter-client';

export const LEVELS = [
  { concurrency: 1, submissions: 150 },
  { concurrency: 10, submissions: 400 },
  { concurrency: 50, submissions: 800 }
];
/** Reports sent before any level, at the highest concurrency: every pool connection is opened. */
const WARM_UP = 100;
const WARM_UP_CONCURRENCY = Math.max(...LEVELS.map((level) => level.concurrency));
/** Reports each organisation gets in the run: all of them at the base proof-of-work. */
const PER_ORGANISATION = SUBMIT_DOUBLING_EVERY;
export const LOADED_ORGANISATIONS = Math.ceil(
  (WARM_UP + LEVELS.reduce((sum, level) => sum + level.submissions, 0)) / PER_ORGANISATION
);

/** A report ready to send: sealed, signed and its proof solved, as a browser has it. */
interface Ready {
  path: string;
  headers: Record<string, string>;
  body: string;
  prepared: PreparedCase;
}

/** Reports made ready, dealt to the organisations in turn. */
function reports(units: LoadUnit[]) {
  let dealt = 0;
  const day = new Date().toISOString().slice(0, 10);
  return async (n: number): Promise<Ready[]> => {
    const out: Ready[] = [];
    for (let i = 0; i < n; i++) {
      const unit = units[dealt++ % units.length]!;
      const keys = await reporterKeys(unit.organisationId, false);
      const prepared = presolve(
        prepareCase(unit.slug, keys, unit.recipients),
        SUBMIT_BASE_DIFFICULTY
      );
      const path = submitPath(unit.slug);
      out.push({
        path,
        body: prepared.body,
        prepared,
        headers: {
          ...signedHeaders(keys, path, prepared.body, day),
          'x-candour-pow': prepared.proof!.token,
          'content-length': String(Buffer.byteLength(prepared.body))
        }
      });
    }
    return out;
  };
}

/**
 * One request on a kept-alive connection, with node:http: fetch cost the load client about a
 * millisecond of CPU a request, on the same cores the server is measured on. Gives the status.
 */
function send(
  agent: http.Agent,
  base: string,
  request: { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }
): Promise<number> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: request.path,
        method: request.method,
        headers: request.headers,
        agent,
        timeout: 30_000
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      }
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * Opens `count` kept-alive connections on `agent` before a run's clock starts, as a load that
 * has been going for a while has them: a level lasts seconds, and fifty connections set up in
 * its first instant (each handed to a worker by the cluster's primary) were most of its p99.
 */
async function openConnections(agent: http.Agent, base: string, count: number): Promise<void> {
  const opened = await Promise.all(
    Array.from({ length: count }, () => send(agent, base, { method: 'GET', path: '/healthz' }))
  );
  if (opened.some((status) => status !== 200)) throw new Error('load: the server is not healthy');
}

/** Runs `count` calls of `one` with `concurrency` in flight; times each call. */
async function drive(
  count: number,
  concurrency: number,
  one: (i: number) => Promise<boolean>
): Promise<{ perSecond: number; p50: number; p99: number; errors: number; why: string[] }> {
  const times: number[] = [];
  let next = 0;
  let errors = 0;
  const why = new Set<string>();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const ok = await one(i).catch((error: unknown) => {
          why.add(String((error as { cause?: unknown })?.cause ?? error).slice(0, 120));
          return false;
        });
        times.push(performance.now() - t);
        if (!ok) errors++;
      }
    })
  );
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { perSecond: count / elapsed, p50: at(0.5), p99: at(0.99), errors, why: [...why] };
}

type Driven = Awaited<ReturnType<typeof drive>>;

/**
 * Sends each level's reports to `url` (and to `vsUrl`, and through `baseline`, in turn), after
 * a warm-up; everything is sealed and solved before any level runs.
 */
export async function driveLevels(options: {
  url: string;
  units: LoadUnit[];
  baseline?: (prepared: PreparedCase) => Promise<boolean>;
  vs?: { url: string; units: LoadUnit[] };
}): Promise<{ candour: Driven; baseline?: Driven; vs?: Driven; resent: number }[]> {
  let resent = 0;
  // As a browser does, a request on a kept-alive connection that the server closed before
  // answering is sent again; the submission id makes that safe, and it is counted. Each run has
  // connections of its own, so none has sat idle past the server's keep-alive time.
  const viaCandour = async (batch: Ready[], url: string, concurrency: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    try {
      await openConnections(agent, url, concurrency);
      return await drive(batch.length, concurrency, async (i) => {
        for (let attempt = 0; ; attempt++) {
          try {
            const report = batch[i]!;
            const { path, headers, body } = report;
            const status = await send(agent, url, { method: 'POST', path, headers, body });
            if (status !== 201) throw new Error(`status ${status}`);
            return true;
          } catch (error) {
            if (attempt === 2 || !/ECONNRESET|EPIPE|socket hang up/.test(String(error)))
              throw error;
            resent++;
          }
        }
      });
    } finally {
      agent.destroy();
    }
  };
  const prepare = reports(options.units);
  const prepareVs = options.vs && reports(options.vs.units);
  const warm = await prepare(WARM_UP);
  await viaCandour(warm, options.url, WARM_UP_CONCURRENCY);
  if (options.baseline) {
    await drive(WARM_UP, WARM_UP_CONCURRENCY, (i) => options.baseline!(warm[i]!.prepared));
  }
  if (prepareVs) {
    await viaCandour(await prepareVs(WARM_UP), options.vs!.url, WARM_UP_CONCURRENCY);
  }

  const batches: Ready[][] = [];
  const vsBatches: Ready[][] = [];
  for (const level of LEVELS) {
    batches.push(await prepare(level.submissions));
    if (prepareVs) vsBatches.push(await prepareVs(level.submissions));
  }
  const results = [];
  for (const [index, { concurrency, submissions }] of LEVELS.entries()) {
    resent = 0;
    const batch = batches[index]!;
    const candour = await viaCandour(batch, options.url, concurrency);
    const baseline = options.baseline
      ? await drive(submissions, concurrency, (i) => options.baseline!(batch[i]!.prepared))
      : undefined;
    const vs = options.vs
      ? await viaCandour(vsBatches[index]!, options.vs.url, concurrency)
      : undefined;
    results.push({ candour, baseline, vs, resent });
  }
  return results;
}
