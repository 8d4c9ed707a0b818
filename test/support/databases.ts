import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/db/client.js';
import { silentLogger } from '../../src/shared/logger.js';
import { TEST_DATABASE_URL } from './services.js';

export interface TestDatabase extends Database {
  name: string;
  /** For PostgreSQL: the URL of this test's own database. */
  url?: string;
}

/** A migrated in-memory PGlite. */
export async function openTestPglite(): Promise<TestDatabase> {
  const database = await openDatabase({ dataDir: ':memory:', logger: silentLogger() });
  return { ...database, name: 'pglite' };
}

/** A fresh PostgreSQL database of its own (created from TEST_DATABASE_URL), dropped on close. */
export async function openTestPostgres(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const dbName = `parley_t_${randomBytes(5).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), dataDir: ':memory:', logger: silentLogger(), poolSize: 5 });
  return {
    ...database,
    name: 'postgres',
    url: url.toString(),
    close: async () => {
      await database.close();
      const cleanup = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${dbName} with (force)`);
      await cleanup.end();
    },
  };
}

/** The drivers to run a contract suite against: PGlite always, PostgreSQL when configured. */
export const DATABASES: Array<{ name: string; open: () => Promise<TestDatabase>; enabled: boolean }> = [
  { name: 'PGlite', open: openTestPglite, enabled: true },
  { name: 'PostgreSQL (TEST_DATABASE_URL)', open: openTestPostgres, enabled: Boolean(TEST_DATABASE_URL) },
];
