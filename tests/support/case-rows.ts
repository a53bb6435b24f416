import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../src/lib/server/db';
import * as schema from '../../src/lib/server/db/schema';

/** Every table the schema defines: a table added later is counted without changing this file. */
export function schemaTables(): PgTable[] {
  return (Object.values(schema) as unknown[]).filter((value): value is PgTable =>
    is(value, PgTable)
  );
}

/**
 * For each table of the schema, the SQL that selects the ids of its rows belonging to a case: by
 * a column referencing `cases`, or through a foreign key to a table that does (chunks of an
 * attachment, …), followed as deep as the schema goes. Null for tables no path reaches.
 */
function pathsToCases(): Map<string, (caseId: string) => string> {
  const configs = schemaTables().map((t) => getTableConfig(t));
  const byName = new Map(configs.map((c) => [c.name, c]));
  const memo = new Map<string, ((caseId: string) => string) | null>();
  const resolve = (name: string, seen: Set<string>): ((caseId: string) => string) | null => {
    if (memo.has(name)) return memo.get(name)!;
    if (seen.has(name)) return null;
    seen.add(name);
    const config = byName.get(name)!;
    let found: ((caseId: string) => string) | null = null;
    if (name === 'cases') found = (id) => `select ctid from cases where id = '${id}'`;
    for (const fk of config.foreignKeys) {
      if (found) break;
      const ref = fk.reference();
      const target = getTableConfig(ref.foreignTable).name;
      const column = ref.columns[0]!.name;
      const targetColumn = ref.foreignColumns[0]!.name;
      if (target === 'cases') {
        found = (id) => `select ctid from "${name}" where "${column}" = '${id}'`;
      } else {
        const inner = resolve(target, seen);
        if (inner) {
          found = (id) =>
            `select ctid from "${name}" where "${column}" in (select "${targetColumn}" from "${target}" where ctid in (${inner(id)}))`;
        }
      }
    }
    memo.set(name, found);
    return found;
  };
  const out = new Map<string, (caseId: string) => string>();
  for (const c of configs) {
    const path = resolve(c.name, new Set());
    if (path) out.set(c.name, path);
  }
  return out;
}

async function count(db: Database, query: string): Promise<number> {
  const result = (await db.execute(sql.raw(`select count(*)::int as n from (${query}) q`))) as
    { rows: { n: number }[] } | { n: number }[];
  const rows = Array.isArray(result) ? result : result.rows;
  return Number(rows[0]!.n);
}

/**
 * Rows of the case in every table of the schema: those reached by foreign keys from `cases`, and
 * any row of any table whose text names the case id (an audit detail, a notice claim key).
 */
export async function rowsOfCase(db: Database, caseId: string): Promise<Record<string, number>> {
  const paths = pathsToCases();
  const counts: Record<string, number> = {};
  for (const table of schemaTables()) {
    const name = getTableConfig(table).name;
    const byKey = paths.get(name);
    const linked = byKey ? await count(db, byKey(caseId)) : 0;
    const named = await count(db, `select 1 from "${name}" t where t::text like '%${caseId}%'`);
    counts[name] = Math.max(linked, named);
  }
  return counts;
}
