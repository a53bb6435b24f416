import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

/**
 * Every row of every table of a Candour database as one searchable text, with each binary value
 * written out as hex and as URL-safe base64, so a test can prove a secret is nowhere in it —
 * in any encoding the server might have stored.
 */
export async function dumpDatabaseText(source: {
  databaseUrl?: string;
  dataDir?: string;
}): Promise<string> {
  const tablesQuery = `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
  const parts: string[] = [];
  const render = (value: unknown): string => {
    if (value instanceof Uint8Array) {
      const buffer = Buffer.from(value);
      return `${buffer.toString('hex')} ${buffer.toString('base64url')} ${buffer.toString('utf8')}`;
    }
    if (value instanceof Date) return value.toISOString();
    if (value && typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  if (source.databaseUrl) {
    const sql = postgres(source.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const tables = await sql.unsafe<{ table_name: string }[]>(tablesQuery);
      for (const { table_name } of tables) {
        const rows = await sql.unsafe(`select * from "${table_name}"`);
        for (const row of rows)
          parts.push(`${table_name}: ${Object.values(row).map(render).join(' | ')}`);
      }
    } finally {
      await sql.end();
    }
  } else if (source.dataDir) {
    const db = new PGlite(source.dataDir);
    try {
      const tables = await db.query<{ table_name: string }>(tablesQuery);
      for (const { table_name } of tables.rows) {
        const rows = await db.query<Record<string, unknown>>(`select * from "${table_name}"`);
        for (const row of rows.rows)
          parts.push(`${table_name}: ${Object.values(row).map(render).join(' | ')}`);
      }
    } finally {
      await db.close();
    }
  } else {
    throw new Error('no database to dump');
  }
  return parts.join('\n');
}

/** Runs one read-only query against a stopped test server's database. */
export async function queryDatabase<Row extends Record<string, unknown>>(
  source: { databaseUrl?: string; dataDir?: string },
  query: string
): Promise<Row[]> {
  if (source.databaseUrl) {
    const sql = postgres(source.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      return (await sql.unsafe(query)) as unknown as Row[];
    } finally {
      await sql.end();
    }
  }
  const db = new PGlite(source.dataDir!);
  try {
    return (await db.query<Row>(query)).rows;
  } finally {
    await db.close();
  }
}

/** The forms a secret could take in a dump: as typed, lower-cased, hex and base64. */
export function encodingsOf(secret: string | Uint8Array): string[] {
  if (typeof secret === 'string') return [secret, secret.toLowerCase()];
  const buffer = Buffer.from(secret);
  return [buffer.toString('hex'), buffer.toString('base64url')];
}
