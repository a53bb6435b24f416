// How many worker processes `npm start` runs (src/cli/start.js).

const MAX_WORKERS = 256;
/**
 * How many worker processes to run, from the environment.
 * @param {Record<string, string | undefined>} env
 * @param {number} cores
 * @returns {{ workers: number, note?: string } | { error: string }}
 */
export function workerCount(env, cores) {
  const raw = env.WORKERS?.trim() ?? '';
  if (raw !== '' && !/^[1-9][0-9]{0,2}$/.test(raw)) {
    return { error: `WORKERS must be a whole number from 1 to ${MAX_WORKERS}` };
  }
  const wanted = raw === '' ? undefined : Number(raw);
  if (wanted !== undefined && wanted > MAX_WORKERS) {
    return { error: `WORKERS must be a whole number from 1 to ${MAX_WORKERS}` };
  }
  if (!env.DATABASE_URL) {
    return wanted !== undefined && wanted > 1
      ? { workers: 1, note: 'WORKERS is ignored on the embedded database: it runs as one process' }
      : { workers: 1 };
  }
  return { workers: wanted ?? Math.max(1, cores) };
}

/**
 * V8 flags for a server process, from the environment. On the embedded database PostgreSQL is
 * WebAssembly inside the process, and V8's optimising compiler, recompiling its busy functions
 * in the background, was the largest single part of the server's peak memory (about 60-80 MB);
 * the baseline compiler alone serves the same load at the same rate (README, Load figures).
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function v8Flags(env) {
  return env.DATABASE_URL ? [] : ['--liftoff-only'];
}
