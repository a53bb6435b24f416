import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

/** Where a test server keeps its data: a PostgreSQL URL or a PGlite directory. */
export interface DatabaseSource {
  databaseUrl?: string | null;
  dataDir?: string | null;
}

export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/**
 * Runs `use` with a read-only query function on a test server's database. A PGlite directory is
 * copied first, so a running server's files are never touched.
 */
export async function withDatabase<T>(
  source: DatabaseSource,
  use: (query: Query) => Promise<T>
): Promise<T> {
  if (source.databaseUrl) {
    const sql = postgres(source.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      return await use((q) => sql.unsafe(q) as Promise<Record<string, unknown>[]>);
    } finally {
      await sql.end();
    }
  }
  if (!source.dataDir) throw new Error('no database to open');
  const copy = mkdtempSync(path.join(tmpdir(), 'candour-dump-'));
  try {
    cpSync(source.dataDir, copy, { recursive: true });
    const db = new PGlite(copy);
    try {
      return await use(async (q) => (await db.query<Record<string, unknown>>(q)).rows);
    } finally {
      await db.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** The suite server's database, as recorded by tests/e2e/serve.js next to its log. */
export function suiteDatabase(serverLog: string): DatabaseSource {
  return JSON.parse(readFileSync(`${serverLog}.database.json`, 'utf8')) as DatabaseSource;
}

/**
 * Every row of every table as one searchable text. Each binary value is written raw (so text
 * hidden in a bytea column is found) and as hex and URL-safe base64, so a test can prove a secret
 * is nowhere in it, in any encoding the server might have stored.
 */
export async function dumpTables(query: Query): Promise<string> {
  const tables = await query(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'"
  );
  const render = (value: unknown): string => {
    if (value instanceof Uint8Array) {
      const bytes = Buffer.from(value);
      return `${bytes.toString('latin1')} ${bytes.toString('hex')} ${bytes.toString('base64url')}`;
    }
    if (value instanceof Date) return value.toISOString();
    if (value && typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  const lines: string[] = [];
  for (const { table_name } of tables) {
    for (const row of await query(`select * from "${String(table_name)}"`)) {
      lines.push(`${String(table_name)}: ${Object.values(row).map(render).join(' | ')}`);
    }
  }
  return lines.join('\n');
}

/** `pg_dump` of a PostgreSQL database when the tool is there, the table dump otherwise. */
export async function dumpDatabase(source: DatabaseSource, query: Query): Promise<string> {
  if (source.databaseUrl) {
    try {
      return execFileSync('pg_dump', ['--data-only', '--inserts', source.databaseUrl], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024
      });
    } catch {
      // Fall through to the SQL dump.
    }
  }
  return dumpTables(query);
}

/** The forms a secret could take in a dump: as typed, lower-cased, hex and base64. */
export function encodingsOf(secret: string | Uint8Array): string[] {
  if (typeof secret === 'string') return [secret, secret.toLowerCase()];
  const buffer = Buffer.from(secret);
  return [buffer.toString('hex'), buffer.toString('base64url')];
}
