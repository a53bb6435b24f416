import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fillPlaceholders, sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

type PostgresClient = import('postgres').Sql;
/** The postgres.js client under each PostgreSQL database this process opened. */
const postgresClients = new WeakMap<Database, PostgresClient>();

/**
 * The postgres.js client under `db` when it is a PostgreSQL database (not a transaction, not
 * PGlite): for the few writes that need what drizzle does not offer (binary COPY).
 */
export function postgresClientOf(db: Database): PostgresClient | null {
  return postgresClients.get(db) ?? null;
}

export interface DatabaseHandle {
  db: Database;
  /** 'postgres' when DATABASE_URL is set, 'pglite' for the embedded database. */
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps it in memory. */
  dataDir: string;
  migrationsFolder?: string;
}

const defaultMigrationsFolder = () => path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

// Any fixed number: instances starting together take turns to migrate.
const MIGRATION_LOCK = 0x63616e64;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const { noDelaySocket } = await import('./socket');
    // `socket` is a postgres.js option its type declarations leave out.
    const client = postgres(options.url, {
      max: 10,
      onnotice: () => {},
      ...({ socket: noDelaySocket } as object)
    });
    const db = drizzle(client, { schema });
    const lock = postgres(options.url, { max: 1, onnotice: () => {} });
    try {
      await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
      await migrate(db, { migrationsFolder });
    } finally {
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
      await lock.end();
    }
    postgresClients.set(db as unknown as Database, client);
    return { db: db as unknown as Database, kind: 'postgres', close: () => client.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const onDisk = !options.dataDir.startsWith('memory://');
  const release = onDisk ? claimDataDir(options.dataDir) : () => {};
  try {
    const client = new PGlite(options.dataDir, {
      startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS]
    });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return {
      db: db as unknown as Database,
      kind: 'pglite',
      close: () => client.close().finally(release)
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite runs PostgreSQL inside this process, so its buffers are this process's memory. Its
 * default shared_buffers (128 MB) was most of a server's peak; the files it reads stay in the
 * operating system's cache all the same. README.md (Configuration) gives the figures.
 */
export const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB', '-c', 'work_mem=2MB'];

/** The file in a PGlite data directory naming the process that has it open. */
export const DATA_DIR_CLAIM = 'candour.pid';
const claimed = new Set<string>();

/**
 * Makes this process the only one with the PGlite data directory open. PGlite takes no lock of
 * its own: two processes (or two instances in one) writing the same directory leave it
 * unreadable, committed rows lost. A claim left by a process that no longer runs (killed) is
 * taken over. Returns the release, also run if this process exits.
 */
function claimDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(path.resolve(dataDir), DATA_DIR_CLAIM);
  if (claimed.has(file)) throw inUse(dataDir, process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
      const holder = Number(readFileSync(file, 'utf8').trim());
      // Our own pid in a file we did not write: a process before a restart had it.
      if (holder !== process.pid && isRunning(holder)) throw inUse(dataDir, holder);
      rmSync(file, { force: true });
    }
  }
  claimed.add(file);
  const release = () => {
    if (!claimed.delete(file)) return;
    process.off('exit', release);
    rmSync(file, { force: true });
  };
  process.on('exit', release);
  return release;
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(dataDir: string, pid: number): Error {
  return new Error(
    `The data directory ${dataDir} is in use by process ${pid}: the embedded database can be ` +
      'opened by one process at a time. Stop that process first (or use PostgreSQL).'
  );
}

/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function queryRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

const dialect = new PgDialect();

/**
 * A statement every report runs, built once from `query`, whose values are sql.placeholder()s
 * filled at each run: building drizzle SQL cost Node more than the database took to answer. On
 * PostgreSQL it runs prepared (parsed and planned once per connection, where drizzle sends its
 * own queries unprepared). Runs on a database, not inside a transaction.
 */
export function preparedStatement<Row>(query: SQL) {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return async (db: Database, values: Record<string, unknown>): Promise<Row[]> => {
    const filled = fillPlaceholders(params, values);
    const client = postgresClientOf(db);
    if (client) {
      return (await client.unsafe(text, filled as never[], { prepare: true })) as unknown as Row[];
    }
    const embedded = (db as { $client?: Partial<PGliteClient> }).$client;
    if (typeof embedded?.query !== 'function') {
      throw new Error('A prepared statement runs on the database, not in a transaction.');
    }
    return (await embedded.query<Row>(text, filled)).rows;
  };
}

type PGliteClient = import('@electric-sql/pglite').PGlite;

export async function isReachable(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

export { schema };
