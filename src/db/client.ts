import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from '../shared/logger.js';
import { projectPath } from '../shared/project-paths.js';
import { readTemplate } from './pglite-template.js';
import { schema, type Schema } from './schema.js';

/** Either driver's drizzle database: repositories are written against this type only. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS = () => projectPath('migrations');
/** Arbitrary but fixed: instances starting together take turns at migrating. */
const MIGRATION_LOCK_ID = 7_041_999_001;

/**
 * Opens PostgreSQL when a URL is given, else PGlite under `dataDir` (or in memory when
 * `dataDir` is ':memory:'), and applies the SQL migrations in migrations/ before returning.
 */
export async function openDatabase(options: { url?: string | undefined; dataDir: string; logger: Logger; poolSize?: number }): Promise<Database> {
  return options.url ? openPostgres(options.url, options.logger, options.poolSize ?? 10) : openPglite(options.dataDir, options.logger);
}

async function openPostgres(url: string, logger: Logger, poolSize: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const quiet = { onnotice: () => {} };

  // A one-connection client holds a session advisory lock while migrating, so several
  // instances starting at once do not race each other through the same migration.
  const migrator = postgres(url, { max: 1, ...quiet });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle(migrator), { migrationsFolder: MIGRATIONS() });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await migrator.end({ timeout: 5 });
  }

  const client = postgres(url, { max: poolSize, ...quiet });
  const db = drizzle(client, { schema }) as unknown as Db;
  logger.info({ driver: 'postgres' }, 'database ready');
  return {
    db,
    driver: 'postgres',
    ping: async () => {
      await client`select 1`;
    },
    close: async () => {
      await client.end({ timeout: 5 });
    },
  };
}

async function openPglite(dataDir: string, logger: Logger): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  // A fresh database starts from the prepared template when there is one (see pglite-template.ts).
  let client: InstanceType<typeof PGlite>;
  if (dataDir === ':memory:') {
    const template = readTemplate();
    client = await PGlite.create(template ? { loadDataDir: template } : {});
  } else {
    const dir = resolve(dataDir, 'pglite');
    const fresh = !existsSync(join(dir, 'PG_VERSION'));
    mkdirSync(dir, { recursive: true });
    const template = fresh ? readTemplate() : undefined;
    client = await PGlite.create(dir, template ? { loadDataDir: template } : {});
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS() });
  logger.info({ driver: 'pglite', dataDir }, 'database ready');
  return {
    db,
    driver: 'pglite',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      await client.close();
    },
  };
}

/** The rows of a raw `db.execute`: postgres.js answers with an array, PGlite with `{ rows }`. */
export function rowsOf(result: unknown): unknown[] {
  if (Array.isArray(result)) return result;
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? rows : [];
}
