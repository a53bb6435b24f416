import { ready } from '$lib/crypto';
import { config, type Config } from './config';
import { openDatabase, type Database, type DatabaseHandle } from './db';

/** The process-wide state: validated configuration and the open database. */
interface Runtime {
  config: Config;
  database: DatabaseHandle;
}

let runtime: Promise<Runtime> | undefined;

export function startRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    const cfg = config();
    // Server code uses the crypto module synchronously once the runtime is up.
    await ready();
    const database = await openDatabase({ url: cfg.DATABASE_URL, dataDir: cfg.DATA_DIR });
    return { config: cfg, database };
  })();
  return runtime;
}

export async function db(): Promise<Database> {
  return (await startRuntime()).database.db;
}

/**
 * Whether this process runs the work that must happen once per deployment rather than once per
 * process (demo seeding, scheduled notices, the notification outbox). `npm start` runs several
 * worker processes on PostgreSQL (src/cli/start.js) and marks one of them, CANDOUR_WORKER=0, as
 * the leader; a process started any other way is alone, so it leads.
 */
export function isLeader(): boolean {
  const worker = process.env.CANDOUR_WORKER;
  return worker === undefined || worker === '0';
}
