// `npm run -s bench alerts`: the alert book (src/alerts/alert-book.ts) against a naive scan of the
// same alerts, in the same run, on the same stream of price updates.
//
// 1,000,000 active alerts over 1,000 pairs (levels within ±20% of each pair's price, a third on
// round numbers), then rounds of price updates: a random walk per pair on its tick grid, with
// alerts set from chat and removed by their owners in between (the same stream for every checker,
// each on its own copy of the alerts). Times per price update, adds and removals included:
//   book       AlertBook.onTick
//   pair scan  a plain loop over that pair's alerts (typed arrays, swap-remove): the baseline of
//              the ratio, the strongest plain scan — today's check also groups alerts by symbol
//   full scan  a plain loop over every alert: what one check costs when nothing is indexed by pair
//              (today's pass reads and scans every active alert); on fewer updates, it is slow
// Times are CPU time of the process (process.cpuUsage: user + system), wall-clock beside them: on a
// shared machine the wall clock also counts the time other processes held the CPU.
// Every round checks that the book and the pair scan fired the very same alerts, and the warm-up
// checks the full scan too. Memory: the book's own count of its typed arrays, cross-checked by
// process.memoryUsage() deltas around the build (after a forced GC).
//   options: --alerts=N (1000000) --pairs=P (1000) --rounds=R (5) --updates=U (1000000 per round)
//            --full-updates=F (300 per round) --seed=S (1)
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AlertBook } from '../src/alerts/alert-book.js';
import { seededRandom } from '../src/shared/seeded-random.js';
import { ADD, REMOVE, TICK, initialAlerts, makePairs, makeStream, type Pair, type Stream } from './support/alerts-market.js';
import { NaiveFullScan, NaivePairScan, type AlertChecker } from './support/alerts-naive.js';

const arg = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ALERTS = arg('alerts', 1_000_000);
const PAIRS = arg('pairs', 1_000);
const ROUNDS = arg('rounds', 5);
const UPDATES = arg('updates', 1_000_000);
const FULL_UPDATES = arg('full-updates', 300);
const SEED = arg('seed', 1);
const STREAM = { volatility: 0.0005, addRate: 0.01, removeRate: 0.005 };

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Segment {
  /** CPU time of this process over the loop (user + system, all threads), in ns. */
  ns: number;
  /** Wall-clock time over the loop, in ns. */
  wallNs: number;
  updates: number;
  fired: string[];
  firingTicks: number;
}

/**
 * Runs steps [from, to) of the stream on one checker; the time covers the loop only. A forced GC
 * first, so that no checker pays for the garbage another (or the stream's making) left behind.
 */
function run(checker: AlertChecker, stream: Stream, pairs: readonly Pair[], from: number, to: number): Segment {
  gc();
  const fired: string[] = [];
  let updates = 0;
  let firingTicks = 0;
  const { kind, pair, price, alert, removeId } = stream;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let s = from; s < to; s++) {
    const k = kind[s];
    if (k === TICK) {
      updates++;
      const out = checker.onTick(pairs[pair[s]!]!.symbol, price[s]!);
      if (out.length > 0) {
        firingTicks++;
        for (const id of out) fired.push(id);
      }
    } else if (k === ADD) checker.add(alert[s]!);
    else if (k === REMOVE) checker.remove(removeId[s]!);
  }
  const wallNs = Number(process.hrtime.bigint() - started);
  const used = process.cpuUsage(cpu);
  return { ns: (used.user + used.system) * 1000, wallNs, updates, fired, firingTicks };
}

/** The step index after `updates` price updates. */
function stepAfter(stream: Stream, updates: number): number {
  let seen = 0;
  for (let s = 0; s < stream.kind.length; s++) if (stream.kind[s] === TICK && ++seen > updates) return s;
  return stream.kind.length;
}

function sameFired(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((id, i) => id === y[i]);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const f1 = (n: number): string => n.toFixed(1);

function main(): void {
  console.log(`alerts bench: ${ALERTS} alerts over ${PAIRS} pairs, ${ROUNDS} rounds of ${UPDATES} price updates (+1 warm-up), seed ${SEED}, node ${process.version}`);
  const pairs = makePairs(PAIRS, SEED);

  // The book first, built from alerts made afresh and held by nothing else, to measure what it keeps.
  gc();
  const before = process.memoryUsage();
  const book = new AlertBook();
  let t = performance.now();
  book.rebuild(initialAlerts(pairs, ALERTS, SEED + 1));
  const rebuildMs = performance.now() - t;
  gc();
  const after = process.memoryUsage();
  const built = book.memory();
  console.log(`book rebuild        : ${ALERTS} alerts in ${rebuildMs.toFixed(0)} ms (inexact levels: ${built.inexactLevels})`);
  console.log(`book hot index      : ${mb(built.hotBytes)} of typed arrays = ${built.hotBytesPerAlert.toFixed(2)} B/alert (levels, handles, per-handle side + slot)`);
  console.log(
    `  cross-check       : process.memoryUsage() after GC, build delta: arrayBuffers ${mb(after.arrayBuffers - before.arrayBuffers)} = ${f1((after.arrayBuffers - before.arrayBuffers) / ALERTS)} B/alert;` +
      ` heapUsed ${mb(after.heapUsed - before.heapUsed)} = ${f1((after.heapUsed - before.heapUsed) / ALERTS)} B/alert (the cold side: id strings, id → handle Map, handle → id array, pair objects)`,
  );

  t = performance.now();
  const pairScan = new NaivePairScan(initialAlerts(pairs, ALERTS, SEED + 1));
  const fullScan = new NaiveFullScan(initialAlerts(pairs, ALERTS, SEED + 1));
  const ids = [...initialAlerts(pairs, ALERTS, SEED + 1)].map((a) => a.id);
  console.log(`baselines built     : ${(performance.now() - t).toFixed(0)} ms`);

  const random = seededRandom(SEED + 2);
  const bookNs: number[] = [];
  const pairNs: number[] = [];
  const fullNs: number[] = [];
  let mismatches = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    const warmUp = round === 0;
    const stream = makeStream(pairs, ids, random, { updates: warmUp ? Math.min(UPDATES, 200_000) : UPDATES, ...STREAM });
    const steps = stream.kind.length;
    // The full scan takes only the first updates of each round (so its alerts drift from the others'
    // after the warm-up, which checks it against the book; a full scan costs the same whatever fires).
    const cut = stepAfter(stream, FULL_UPDATES);
    const order: Array<'book' | 'pair'> = round % 2 ? ['book', 'pair'] : ['pair', 'book'];
    const head: Record<string, Segment> = {};
    const tail: Record<string, Segment> = {};
    for (const who of order) {
      const checker = who === 'book' ? book : pairScan;
      head[who] = run(checker, stream, pairs, 0, cut);
      tail[who] = run(checker, stream, pairs, cut, steps);
    }
    const full = run(fullScan, stream, pairs, 0, cut);
    const sum = (who: string) => ({ ns: head[who]!.ns + tail[who]!.ns, wallNs: head[who]!.wallNs + tail[who]!.wallNs, updates: head[who]!.updates + tail[who]!.updates });
    const bookRun = sum('book');
    const pairRun = sum('pair');
    const fired = [...head.book!.fired, ...tail.book!.fired];
    const same = sameFired(fired, [...head.pair!.fired, ...tail.pair!.fired]) && book.size === pairScan.size;
    const fullSame = round > 0 || sameFired(head.book!.fired, full.fired);
    if (!same || !fullSame) mismatches++;
    const perBook = bookRun.ns / bookRun.updates;
    const perPair = pairRun.ns / pairRun.updates;
    const perFull = full.ns / full.updates;
    const firing = head.book!.firingTicks + tail.book!.firingTicks;
    const wall = (r: { wallNs: number; updates: number }) => f1(r.wallNs / r.updates);
    console.log(
      `${warmUp ? 'warm-up' : `round ${round}`}${warmUp ? ' ' : '  '}: book ${f1(perBook)} ns/update (wall ${wall(bookRun)}), pair scan ${f1(perPair)} ns/update (wall ${wall(pairRun)}; x${f1(perPair / perBook)}), full scan ${(perFull / 1000).toFixed(0)} us/update (x${(perFull / perBook).toFixed(0)});` +
        ` ${bookRun.updates} updates, ${(100 * firing / bookRun.updates).toFixed(1)}% fired something, ${fired.length} alerts fired, ${book.size} active;` +
        ` same alerts fired: ${same ? 'yes' : 'NO'}${warmUp ? ` (full scan: ${fullSame ? 'yes' : 'NO'})` : ''}`,
    );
    if (warmUp) continue;
    bookNs.push(perBook);
    pairNs.push(perPair);
    fullNs.push(perFull);
  }

  const end = book.memory();
  // What an add and a removal cost on their own (the rounds fold them into the updates).
  gc();
  const extra = [...initialAlerts(pairs, 100_000, SEED + 3)].map((a) => ({ ...a, id: `x${a.id}` }));
  t = performance.now();
  for (const a of extra) book.add(a);
  const addNs = ((performance.now() - t) * 1e6) / extra.length;
  t = performance.now();
  for (const a of extra) book.remove(a.id);
  const removeNs = ((performance.now() - t) * 1e6) / extra.length;

  const book50 = median(bookNs);
  const pair50 = median(pairNs);
  const full50 = median(fullNs);
  const ratio = pair50 / book50;
  console.log(`book after the rounds: ${end.alerts} alerts, ${mb(end.hotBytes)} of typed arrays = ${end.hotBytesPerAlert.toFixed(2)} B/alert`);
  console.log(`book add / remove   : ${f1(addNs)} / ${f1(removeNs)} ns each (wall clock; 100,000 adds to the live book, then their removal)`);
  console.log(`median per update   : book ${f1(book50)} ns, pair scan ${f1(pair50)} ns, full scan ${f1(full50)} ns`);
  console.log(`ratio vs pair scan  : ${f1(ratio)}x (the ratio reported below)`);
  console.log(`ratio vs full scan  : ${full50 / book50 >= 100 ? (full50 / book50).toFixed(0) : f1(full50 / book50)}x`);
  if (mismatches > 0) {
    console.log(`MISMATCH: the book and a scan fired different alerts in ${mismatches} round(s)`);
    process.exitCode = 1;
  }
  const bytes = Math.max(built.hotBytesPerAlert, end.hotBytesPerAlert);
  console.log(`alerts: ratio=${f1(ratio)} per-update=${book50.toFixed(0)} ns bytes-per-alert=${bytes.toFixed(1)} alerts=${ALERTS}`);
}

main();
