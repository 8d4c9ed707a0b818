// After `tsc -p tsconfig.build.json`: the files the built app reads beside its modules at run time
// that tsc does not emit (JSON imports it does emit). Run by `npm run build`.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ASSETS = ['src/signals/sentiment/lexicon.tsv'];

for (const file of ASSETS) {
  const target = join('dist', file);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
  process.stdout.write(`copied ${file} → ${target}\n`);
}
