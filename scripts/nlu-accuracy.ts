// `node --import tsx scripts/nlu-accuracy.ts [--misses] [set ...]`: the offline parser's exact
// accuracy and calibration on each labelled set in test/nlu (or the sets named), with the misses
// when asked. Reads only the sets in test/nlu: a test set kept elsewhere stays unread.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../src/nlu/known-assets.js';
import { parseOffline } from '../src/nlu/offline/offline-parser.js';
import { calibrate, describe } from '../test/nlu/calibration.js';
import { loadCases, score } from '../test/nlu/score.js';

const dir = join(import.meta.dirname, '..', 'test', 'nlu');
const args = process.argv.slice(2);
const misses = args.includes('--misses');
const named = args.filter((a) => !a.startsWith('--'));
const sets = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => f.replace(/\.jsonl$/, ''))
  .filter((n) => named.length === 0 || named.includes(n));
const catalog = new StaticAssetCatalog(KNOWN_ASSETS);
const parse = (t: string) => parseOffline(t, catalog);

for (const name of sets) {
  const cases = loadCases(join(dir, `${name}.jsonl`));
  const c = calibrate(cases, parse);
  if (misses) {
    for (const m of score(cases, (t) => parse(t).command).misses) {
      const conf = parse(m.text).confidence;
      console.log(`  ${conf >= 0.9 ? '!!' : '  '} ${conf.toFixed(2)} ${JSON.stringify(m.text)}\n       want ${JSON.stringify(m.expect)}\n       got  ${JSON.stringify(m.got)}`);
    }
  }
  console.log(describe(name, c));
}
