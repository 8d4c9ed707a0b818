import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectPath } from '../shared/project-paths.js';

/**
 * A PGlite data directory already initialised and migrated, made once (at `npm install`) and
 * copied into a new DATA_DIR on first start: initdb is the slowest part of a first start.
 * Its name carries the PGlite version and a hash of the migrations, so a stale template is
 * simply not found and the ordinary (slower) initialisation runs instead.
 */
export function templateFile(): string {
  // The package does not export its package.json: read it beside the resolved entry point.
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const migrations = projectPath('migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(migrations).filter((f) => f.endsWith('.sql')).sort()) hash.update(file).update(readFileSync(join(migrations, file)));
  return projectPath('node_modules', '.cache', 'parley', `pglite-${pkg.version}-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

export function readTemplate(): Blob | undefined {
  try {
    const file = templateFile();
    return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the template in memory and writes it; returns its path. */
export async function writeTemplate(): Promise<string> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = await PGlite.create();
  await migrate(drizzle(client), { migrationsFolder: projectPath('migrations') });
  const dump = await client.dumpDataDir('gzip');
  await client.close();
  const file = templateFile();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}
