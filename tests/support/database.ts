import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';

/**
 * A fresh, migrated database for one test run: a new PostgreSQL database when TEST_DATABASE_URL
 * is set (dropped again by `dispose`), otherwise an in-memory PGlite.
 */
export interface TestDatabase extends DatabaseHandle {
  url?: string;
  dispose(): Promise<void>;
}

export async function createTestDatabase(prefix = 'candour_test'): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    return { ...handle, dispose: () => handle.close() };
  }
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), dataDir: 'memory://' });
  return {
    ...handle,
    url: url.toString(),
    async dispose() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  };
}
