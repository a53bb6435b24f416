// `npm start`: serves the production build (`build/`, or the folder given as the first argument)
// with one worker process per core on PostgreSQL. Plain JavaScript so that it runs on the built
// output with node alone. See README.md (Configuration) for WORKERS.
//
// - PGlite keeps its database inside one process, so it always runs as a single process here,
//   with WebAssembly compiled by V8's baseline compiler only (v8Flags: a third less memory).
// - Each worker opens its own database pool; migrations take an advisory lock, so workers starting
//   together take turns.
// - Worker 0 is the leader: it alone seeds the demo and runs background jobs (CANDOUR_WORKER=0).
//   A leader that dies is replaced by a new leader.
// - SIGTERM or SIGINT stops every worker gracefully (each finishes its requests and closes its
//   database), then this process exits with 0 if they all stopped cleanly.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';

import { installStaticHeaders } from './static-headers.js';
import { v8Flags, workerCount } from './workers.js';

// Before any WebAssembly is compiled (libsodium, PGlite): flags apply to what is compiled after.
for (const flag of v8Flags(process.env)) v8.setFlagsFromString(flag);

// Static files are served before the hooks: give them the security headers here.
installStaticHeaders();

// adapter-node refuses bodies over 512 kB by default; every endpoint bounds its own body
// (readBodyBytes), and an evidence file chunk is 1 MiB + 17 bytes (docs/FILES.md).
process.env.BODY_SIZE_LIMIT ??= '2M';

/** A worker that dies after it served is replaced after this pause. */
const RESTART_DELAY_MS = 1000;

const buildDir = path.resolve(process.argv[2] ?? 'build');
const serve = () => import(pathToFileURL(path.join(buildDir, 'index.js')).href);

if (cluster.isPrimary) {
  const count = workerCount(process.env, availableParallelism());
  if ('error' in count) {
    process.stderr.write(`${count.error}\n`);
    process.exit(1);
  }
  if (count.note) process.stderr.write(`${count.note}\n`);
  if (count.workers === 1) {
    // One process, exactly as `node build` would run.
    process.env.CANDOUR_WORKER = '0';
    await serve();
  } else {
    await primary(count.workers);
  }
} else {
  // adapter-node stops serving on SIGTERM and announces it; the hooks then close the database.
  // The channel to this primary would keep the worker alive, so let go of it too.
  process.once('sveltekit:shutdown', () => cluster.worker?.disconnect());
  await serve();
}

/** @param {number} size */
async function primary(size) {
  /** @type {Map<number, import('node:cluster').Worker>} slot → worker */
  const slots = new Map();
  const started = new Set();
  let stopping = false;
  let failed = false;

  /** @param {number} slot */
  const fork = (slot) => {
    const worker = cluster.fork({ CANDOUR_WORKER: String(slot) });
    slots.set(slot, worker);
    worker.once('listening', () => started.add(worker.id));
    worker.once('exit', (code, signal) => {
      if (slots.get(slot) === worker) slots.delete(slot);
      if (stopping) {
        if (code !== 0) failed = true;
        if (slots.size === 0) process.exit(failed ? 1 : 0);
        return;
      }
      if (!started.has(worker.id)) {
        // It never served: configuration or database trouble that a restart will not fix.
        process.stderr.write(`Candour worker ${slot} could not start (exit ${code ?? signal})\n`);
        stop(1);
        return;
      }
      process.stderr.write(`Candour worker ${slot} stopped (${code ?? signal}); restarting\n`);
      setTimeout(() => !stopping && fork(slot), RESTART_DELAY_MS).unref();
    });
  };

  /** @param {number} code */
  const stop = (code) => {
    if (code !== 0) failed = true;
    if (stopping) return;
    stopping = true;
    if (slots.size === 0) process.exit(failed ? 1 : 0);
    for (const worker of slots.values()) worker.process.kill('SIGTERM');
  };

  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  for (let slot = 0; slot < size; slot++) fork(slot);
  process.stdout.write(`Candour running ${size} workers (WORKERS)\n`);
}
