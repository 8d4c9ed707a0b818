// `npm run -s bench indicators`: RSI(14), EMA(20), MACD(12,26,9) and Bollinger(20, 2) over 1,000,000
// closes, three ways in the same run: Parley's module (src/signals/indicators), the
// `technicalindicators` package, and the plainest correct Float64Array loop for each (written
// below: the baseline). Each round times, per indicator, the library once and Parley and the loop
// --repeat times each, alternately (a run of theirs takes milliseconds, and on a shared machine a
// single one is mostly noise; one library run of Bollinger takes seconds), keeping each one's best
// of the round. The figures are the best over the rounds, and the median of the rounds' bests is
// printed too. Also checks that the three agree, so the times compare the same work. The last line:
// vs-library = library time / Parley time, vs-loop = Parley time / loop time, each summed over the
// four indicators (best figures).
//   options: --rounds=N (5) --repeat=K (10) --candles=N (1000000) --seed=S (1)
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BollingerBands, EMA, MACD, RSI } from 'technicalindicators';
import { bollinger, ema, macd, rsi } from '../src/signals/indicators/index.js';
import { seededRandom } from '../src/shared/seeded-random.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ROUNDS = arg('rounds', 5);
const REPEAT = arg('repeat', 10);
const CANDLES = arg('candles', 1_000_000);
const SEED = arg('seed', 1);

// A collection between measurements, so one implementation's garbage is not timed in the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;


/** A random walk of one-minute closes around 30,000 (±0.1 % a candle). */
function closes(n: number, seed: number): Float64Array {
  const next = seededRandom(seed);
  const out = new Float64Array(n);
  let p = 30_000;
  for (let i = 0; i < n; i++) {
    p *= 1 + (next() - 0.5) * 0.002;
    out[i] = Math.round(p * 100) / 100;
  }
  return out;
}

// ---- The baseline: the plainest correct loop for each, TA-Lib's definitions, no care for rounding.

function loopEma(v: Float64Array, period: number): Float64Array {
  const n = v.length;
  const out = new Float64Array(n).fill(NaN);
  if (n < period) return out;
  let e = 0;
  for (let i = 0; i < period; i++) e += v[i]!;
  e /= period;
  out[period - 1] = e;
  const k = 2 / (period + 1);
  for (let i = period; i < n; i++) {
    e = (v[i]! - e) * k + e;
    out[i] = e;
  }
  return out;
}

function loopRsi(v: Float64Array, period: number): Float64Array {
  const n = v.length;
  const out = new Float64Array(n).fill(NaN);
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = v[i]! - v[i - 1]!;
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  out[period] = gain + loss === 0 ? 50 : (100 * gain) / (gain + loss);
  for (let i = period + 1; i < n; i++) {
    const d = v[i]! - v[i - 1]!;
    gain = (gain * (period - 1) + (d > 0 ? d : 0)) / period;
    loss = (loss * (period - 1) + (d < 0 ? -d : 0)) / period;
    out[i] = gain + loss === 0 ? 50 : (100 * gain) / (gain + loss);
  }
  return out;
}

function loopMacd(v: Float64Array, fast: number, slow: number, signal: number): { macd: Float64Array; signal: Float64Array; histogram: Float64Array } {
  const n = v.length;
  const line = new Float64Array(n).fill(NaN);
  const sig = new Float64Array(n).fill(NaN);
  const hist = new Float64Array(n).fill(NaN);
  const start = slow + signal - 2;
  if (n <= start) return { macd: line, signal: sig, histogram: hist };
  // TA-Lib's seeding: both EMAs start at index slow − 1.
  let f = 0;
  let s = 0;
  for (let i = 0; i < slow; i++) s += v[i]!;
  for (let i = slow - fast; i < slow; i++) f += v[i]!;
  f /= fast;
  s /= slow;
  const kf = 2 / (fast + 1);
  const ks = 2 / (slow + 1);
  const kg = 2 / (signal + 1);
  let seed = f - s;
  for (let i = slow; i <= start; i++) {
    f = (v[i]! - f) * kf + f;
    s = (v[i]! - s) * ks + s;
    seed += f - s;
  }
  let g = seed / signal;
  line[start] = f - s;
  sig[start] = g;
  hist[start] = f - s - g;
  for (let i = start + 1; i < n; i++) {
    f = (v[i]! - f) * kf + f;
    s = (v[i]! - s) * ks + s;
    const m = f - s;
    g = (m - g) * kg + g;
    line[i] = m;
    sig[i] = g;
    hist[i] = m - g;
  }
  return { macd: line, signal: sig, histogram: hist };
}

function loopBollinger(v: Float64Array, period: number, k: number): { upper: Float64Array; middle: Float64Array; lower: Float64Array } {
  const n = v.length;
  const upper = new Float64Array(n).fill(NaN);
  const middle = new Float64Array(n).fill(NaN);
  const lower = new Float64Array(n).fill(NaN);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    sum += x;
    sumSq += x * x;
    if (i >= period) {
      const old = v[i - period]!;
      sum -= old;
      sumSq -= old * old;
    }
    if (i >= period - 1) {
      const mean = sum / period;
      const sd = Math.sqrt(Math.max(0, sumSq / period - mean * mean));
      middle[i] = mean;
      upper[i] = mean + k * sd;
      lower[i] = mean - k * sd;
    }
  }
  return { upper, middle, lower };
}

// ---- The runs.

type Impl = 'parley' | 'library' | 'loop';
const IMPLS: Impl[] = ['parley', 'library', 'loop'];

const close = closes(CANDLES, SEED);
const closeList = Array.from(close); // the library takes number[]; converting is not timed

/** The library's output (which starts after the warm-up) as a series aligned to the input. */
const aligned = (values: (number | undefined)[]): Float64Array => {
  const out = new Float64Array(CANDLES).fill(NaN);
  out.set(values.map((v) => v ?? NaN), CANDLES - values.length);
  return out;
};

interface Indicator {
  name: string;
  /** What is timed: the call, nothing else. */
  run: Record<Impl, () => unknown>;
  /** The main output of a run, aligned to the input, to check that the three agree (not timed). */
  series: Record<Impl, (out: never) => Float64Array>;
  agreeFrom: number;
  libraryTolerance: number;
  absolute?: boolean;
}

const same = (out: Float64Array) => out;
const INDICATORS: Indicator[] = [
  {
    name: 'RSI(14)',
    run: { parley: () => rsi(close, 14), library: () => RSI.calculate({ period: 14, values: closeList }), loop: () => loopRsi(close, 14) },
    series: { parley: same, library: aligned, loop: same },
    agreeFrom: 0,
    libraryTolerance: 0.005 + 1e-9, // it rounds RSI to 2 decimals
    absolute: true,
  },
  {
    name: 'EMA(20)',
    run: { parley: () => ema(close, 20), library: () => EMA.calculate({ period: 20, values: closeList }), loop: () => loopEma(close, 20) },
    series: { parley: same, library: aligned, loop: same },
    agreeFrom: 0,
    libraryTolerance: 1e-9,
  },
  {
    name: 'MACD(12,26,9)',
    run: {
      parley: () => macd(close, 12, 26, 9),
      library: () => MACD.calculate({ values: closeList, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }),
      loop: () => loopMacd(close, 12, 26, 9),
    },
    series: { parley: (out: ReturnType<typeof macd>) => out.histogram, library: (out: { histogram?: number }[]) => aligned(out.map((m) => m.histogram)), loop: (out: ReturnType<typeof loopMacd>) => out.histogram },
    agreeFrom: 300, // the library seeds its fast EMA earlier: equal once that has faded
    libraryTolerance: 1e-9,
  },
  {
    name: 'Bollinger(20,2)',
    run: { parley: () => bollinger(close, 20, 2), library: () => BollingerBands.calculate({ period: 20, values: closeList, stdDev: 2 }), loop: () => loopBollinger(close, 20, 2) },
    series: { parley: (out: ReturnType<typeof bollinger>) => out.upper, library: (out: { upper: number }[]) => aligned(out.map((b) => b.upper)), loop: (out: ReturnType<typeof loopBollinger>) => out.upper },
    agreeFrom: 0,
    libraryTolerance: 1e-9,
  },
];

/** Runs one implementation and returns its main series. */
const output = (ind: Indicator, impl: Impl): Float64Array => (ind.series[impl] as (out: unknown) => Float64Array)(ind.run[impl]());

/** Largest |a − b| / max(1, |b|) (or |a − b|) from `from` on; Infinity if the NaNs differ. */
function difference(a: Float64Array, b: Float64Array, from: number, absolute = false): number {
  let worst = 0;
  for (let i = from; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) return Infinity;
      continue;
    }
    worst = Math.max(worst, Math.abs(x - y) / (absolute ? 1 : Math.max(1, Math.abs(y))));
  }
  return worst;
}

let sink = 0;
function time(fn: () => unknown): number {
  gc();
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  if (out) sink++; // the result is used
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

console.log(`indicators bench: ${CANDLES.toLocaleString('en')} closes (seeded random walk), ${ROUNDS} rounds after a warm-up (library once a round, Parley and the loop ${REPEAT}× a round), node ${process.version}`);

// Do the three compute the same thing? (Also the warm-up round, for the JIT.)
const agreement: string[] = [];
for (const ind of INDICATORS) {
  const parley = output(ind, 'parley');
  const library = difference(parley, output(ind, 'library'), ind.agreeFrom, ind.absolute);
  const loop = difference(parley, output(ind, 'loop'), ind.agreeFrom, ind.absolute);
  agreement.push(`${ind.name}: library ${library.toExponential(1)}, loop ${loop.toExponential(1)}`);
  if (!(library <= ind.libraryTolerance) || !(loop <= 1e-6)) {
    console.error(`${ind.name}: the implementations disagree (library ${library}, loop ${loop}): the times would not compare the same work`);
    process.exit(1);
  }
}
console.log(`largest difference from Parley (RSI: absolute; others: relative, absolute below 1): ${agreement.join('; ')}`);

/** Per indicator and implementation, the best time of each round. */
const times = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const ind of INDICATORS) {
    const roundBest: Record<Impl, number> = { parley: Infinity, library: Infinity, loop: Infinity };
    // The library first or last in turn, so that its garbage does not always precede the same runs.
    const order: Impl[] = round % 2 === 0 ? ['library', ...Array<Impl>(REPEAT).fill('parley').flatMap((p) => [p, 'loop' as Impl])] : [...Array<Impl>(REPEAT).fill('loop').flatMap((l) => [l, 'parley' as Impl]), 'library'];
    for (const impl of order) roundBest[impl] = Math.min(roundBest[impl], time(ind.run[impl]));
    for (const impl of IMPLS) times.set(`${ind.name}/${impl}`, [...(times.get(`${ind.name}/${impl}`) ?? []), roundBest[impl]]);
  }
}

const pad = (s: string, n: number) => s.padStart(n);
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
const best = (xs: number[]) => Math.min(...xs);

/** The table for one way of summarising the rounds; returns the two ratios over the totals. */
function table(title: string, summary: (xs: number[]) => number): { R: number; L: number } {
  const ms = (name: string, impl: Impl) => summary(times.get(`${name}/${impl}`)!);
  console.log(`${title.padEnd(16)}${pad('parley', 10)}${pad('library', 11)}${pad('loop', 10)}${pad('library/parley', 16)}${pad('parley/loop', 13)}`);
  const total: Record<Impl, number> = { parley: 0, library: 0, loop: 0 };
  for (const ind of INDICATORS) {
    const [p, l, b] = [ms(ind.name, 'parley'), ms(ind.name, 'library'), ms(ind.name, 'loop')];
    total.parley += p;
    total.library += l;
    total.loop += b;
    console.log(`${ind.name.padEnd(16)}${pad(fmt(p), 10)}${pad(fmt(l), 11)}${pad(fmt(b), 10)}${pad((l / p).toFixed(1) + 'x', 16)}${pad((p / b).toFixed(2) + 'x', 13)}`);
  }
  const R = total.library / total.parley;
  const L = total.parley / total.loop;
  console.log(`${'total'.padEnd(16)}${pad(fmt(total.parley), 10)}${pad(fmt(total.library), 11)}${pad(fmt(total.loop), 10)}${pad(R.toFixed(1) + 'x', 16)}${pad(L.toFixed(2) + 'x', 13)}`);
  return { R, L };
}

table('median ms', median); // of the rounds' bests
const { R, L } = table('best ms', best);
if (sink < 0) console.log(sink);
console.log(`indicators: vs-library=${R.toFixed(1)} vs-loop=${L.toFixed(2)}`);
