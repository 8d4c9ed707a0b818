// Offline parser throughput: the dev set parsed many times on one core, against a naive
// baseline measured in the same run (lower-case + split + a set lookup per word, the least any
// keyword parser must do). Prints absolute figures, the ratio, and a last summary line.
// Run: node --import tsx bench/nlu.bench.ts [--seconds 3]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../src/nlu/known-assets.js';
import { parseOffline } from '../src/nlu/offline/offline-parser.js';

const here = dirname(fileURLToPath(import.meta.url));
const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) || 3 : 3;

const texts = readFileSync(join(here, '..', 'test', 'nlu', 'dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { text: string }).text);
const catalog = new StaticAssetCatalog(KNOWN_ASSETS);

const keywords = new Set(['buy', 'sell', 'price', 'alert', 'cancel', 'orders', 'portfolio', 'signals', 'help', ...KNOWN_ASSETS.map((t) => t.toLowerCase())]);
function naive(text: string): number {
  let hits = 0;
  for (const w of text.toLowerCase().split(/\s+/)) if (keywords.has(w)) hits++;
  return hits;
}

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
}

/** Times each call, round-robin over the texts, for about `ms` milliseconds. */
function measure(fn: (text: string) => unknown, ms: number): Run {
  const samples: number[] = [];
  let sink = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms) * 1_000_000n;
  let now = start;
  for (let i = 0; now < deadline; i++) {
    const t0 = process.hrtime.bigint();
    const out = fn(texts[i % texts.length]!);
    now = process.hrtime.bigint();
    samples.push(Number(now - t0) / 1000);
    if (out !== undefined) sink++;
  }
  const elapsed = Number(now - start) / 1e9;
  samples.sort((a, b) => a - b);
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  if (sink < 0) console.log(sink); // keeps the calls observable to the optimiser
  return { perSecond: samples.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

// Warm-up: let the JIT compile the hot paths before anything is timed.
measure((t) => parseOffline(t, catalog), 1500);
measure(naive, 500);

const parser = measure((t) => parseOffline(t, catalog), seconds * 1000);
const baseline = measure(naive, seconds * 1000);

const f = (n: number): string => n.toFixed(1);
console.log(`texts: ${texts.length} (dev set, round-robin), ${seconds}s per measurement, node ${process.version}`);
console.log(`offline parser : ${Math.round(parser.perSecond)} parses/s  p50=${f(parser.p50)} us  p99=${f(parser.p99)} us`);
console.log(`naive baseline : ${Math.round(baseline.perSecond)} ops/s     p50=${f(baseline.p50)} us  p99=${f(baseline.p99)} us`);
console.log(`ratio          : parser runs at ${(parser.perSecond / baseline.perSecond).toFixed(3)}x the baseline's rate (${(baseline.perSecond / parser.perSecond).toFixed(1)}x slower)`);
console.log(`nlu: parses/s=${Math.round(parser.perSecond)} p99=${f(parser.p99)} us`);
