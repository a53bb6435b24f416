// A process that writes to a PGlite data directory through Candour's database layer and prints
// the number of each row as soon as its transaction has committed, until it is killed
// (tests/integration/pglite-durability.test.ts), numbering on from the rows already there.
// Usage: tsx pglite-writer.ts <dataDir>
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../src/lib/server/db/index';

const [dataDir] = process.argv.slice(2);
const handle = await openDatabase({ dataDir: dataDir! });
await handle.db.execute(
  sql`create table if not exists durability_probe (n integer primary key, filler text not null)`
);
const [last] = await queryRows<{ n: number }>(
  handle.db,
  sql`select coalesce(max(n), 0)::int as n from durability_probe`
);
for (let n = last!.n + 1; ; n++) {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`insert into durability_probe values (${n}, ${'x'.repeat(2000)})`);
  });
  process.stdout.write(`${n}\n`);
  // Now and then a checkpoint, so a kill also lands during or after one.
  if (n % 50 === 0) await handle.db.execute(sql`checkpoint`);
}
