// What every hostile-server test starts from: the compromised host's own database access, and the
// staff helpers the journeys use.
import postgres from 'postgres';
import { serverLog } from '../../playwright.config';
import { suiteDatabase } from '../support/dump';

export { demoPassword, openFromInbox, signIn } from '../e2e/support';

/** The suite server's live PostgreSQL database, writable: the attacker's access. */
export async function withHostDatabase<T>(use: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const { databaseUrl } = suiteDatabase(serverLog);
  if (!databaseUrl) {
    throw new Error(
      'The hostile-server tests change rows behind the running server, as a compromised host ' +
        'would: set TEST_DATABASE_URL (PostgreSQL) so the suite server runs on a database they can reach.'
    );
  }
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return await use(sql);
  } finally {
    await sql.end();
  }
}
