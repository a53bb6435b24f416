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
