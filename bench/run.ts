// `npm run -s bench <name>` runs bench/<name>.bench.ts; with no name it lists them.
// Each benchmark prints its absolute figures and a ratio against a baseline measured in
// the same run, and ends with one summary line. Benchmarks never decide CI's pass/fail.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run -s bench <${available.join('|')}> [options]`);
  process.exit(name ? 2 : 0);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.bench.ts`), ...rest], { stdio: 'inherit' });
process.exit(run.status ?? 1);
