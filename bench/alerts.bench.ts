// `npm run -s bench alerts`: the alert book (src/alerts/alert-book.ts) against a naive scan of the
// same alerts, in the same run, on the same stream of price updates.
//
// 1,000,000 active alerts over 1,000 pairs (levels within ±20% of each pair's price, a third on
// round numbers), then rounds of price updates: a random walk per pair on its tick grid (the same
// stream for every checker, each on its own copy of the alerts). Between the updates, alerts set
// from chat (1 per 100 updates) and removed by their owners (1 per 200): timed apart, per
// operation, so that the time per update is the time of the price check alone. Per price update:
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
  /** Price updates, or adds and removals, done. */
  ops: number;
  fired: string[];
  firingTicks: number;
}

/**
 * A forced GC, then a pause while V8's background threads finish sweeping: no checker pays for the
 * garbage another (or the stream's making) left behind, nor for the clean-up of that GC.
 */
function settle(): void {
  gc();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
}

/**
 * Runs the price updates (`ticks`) or the adds and removals (`churn`) among steps [from, to) of the
 * stream on one checker; the time covers the loop only.
 */
function run(checker: AlertChecker, stream: Stream, pairs: readonly Pair[], from: number, to: number, part: 'ticks' | 'churn'): Segment {
  settle();
  const fired: string[] = [];
  let ops = 0;
  let firingTicks = 0;
  const { kind, pair, price, alert, removeId } = stream;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  if (part === 'ticks') {
    for (let s = from; s < to; s++) {
      if (kind[s] !== TICK) continue;
      ops++;
      const out = checker.onTick(pairs[pair[s]!]!.symbol, price[s]!);
      if (out.length > 0) {
        firingTicks++;
        for (const id of out) fired.push(id);
      }
    }
  } else {
    for (let s = from; s < to; s++) {
      const k = kind[s];
      if (k === ADD) checker.add(alert[s]!);
      else if (k === REMOVE) checker.remove(removeId[s]!);
      else continue;
      ops++;
    }
  }
  const wallNs = Number(process.hrtime.bigint() - started);
  const used = process.cpuUsage(cpu);
  return { ns: (used.user + used.system) * 1000, wallNs, ops, fired, firingTicks };
}

/** Two segments as one. */
function both(a: Segment, b: Segment): Segment {
  return { ns: a.ns + b.ns, wallNs: a.wallNs + b.wallNs, ops: a.ops + b.ops, fired: [...a.fired, ...b.fired], firingTicks: a.firingTicks + b.firingTicks };
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
const per = (s: Segment): number => s.ns / Math.max(1, s.ops);
const wall = (s: Segment): string => f1(s.wallNs / Math.max(1, s.ops));

function main(): void {
  console.log(`alerts bench: ${ALERTS} alerts over ${PAIRS} pairs, ${ROUNDS} rounds of ${UPDATES} price updates (+1 warm-up), seed ${SEED}, node ${process.version}`);
  console.log('times: CPU time of the process (wall clock in brackets; on a shared machine it also counts waiting for a CPU)');
  const pairs = makePairs(PAIRS, SEED);

  // The book first, built from alerts made afresh and held by nothing else, to measure what it keeps.
  settle();
  const before = process.memoryUsage();
  const book = new AlertBook();
  let t = performance.now();
  book.rebuild(initialAlerts(pairs, ALERTS, SEED + 1));
  const rebuildMs = performance.now() - t;
  settle();
  const after = process.memoryUsage();
  const built = book.memory();
  console.log(`book rebuild         : ${ALERTS} alerts in ${rebuildMs.toFixed(0)} ms wall (inexact levels: ${built.inexactLevels})`);
  console.log(`book hot index       : ${mb(built.hotBytes)} of typed arrays = ${built.hotBytesPerAlert.toFixed(2)} B/alert (levels, handles, per-handle side + slot, per-side triggers)`);
  console.log(
    `  cross-check        : process.memoryUsage() deltas over the build, after GC: arrayBuffers ${mb(after.arrayBuffers - before.arrayBuffers)} = ${f1((after.arrayBuffers - before.arrayBuffers) / ALERTS)} B/alert;` +
      ` heapUsed ${mb(after.heapUsed - before.heapUsed)} = ${f1((after.heapUsed - before.heapUsed) / ALERTS)} B/alert (the cold side: id strings, id → handle Map, handle → id array, side objects)`,
  );

  t = performance.now();
  const pairScan = new NaivePairScan(initialAlerts(pairs, ALERTS, SEED + 1));
  const fullScan = new NaiveFullScan(initialAlerts(pairs, ALERTS, SEED + 1));
  const ids = [...initialAlerts(pairs, ALERTS, SEED + 1)].map((a) => a.id);
  console.log(`baselines built      : ${(performance.now() - t).toFixed(0)} ms wall`);

  const random = seededRandom(SEED + 2);
  const results = { book: [] as number[], pair: [] as number[], full: [] as number[], ratio: [] as number[], fullRatio: [] as number[], bookChurn: [] as number[], pairChurn: [] as number[] };
  let mismatches = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    const warmUp = round === 0;
    const stream = makeStream(pairs, ids, random, { updates: warmUp ? Math.min(UPDATES, 200_000) : UPDATES, ...STREAM });
    const steps = stream.kind.length;
    // Every checker does the same steps in the same order: the adds and removals of the first
    // FULL_UPDATES updates, those updates, then the rest likewise. The full scan does only the first
    // part (so its alerts drift from the others' after the warm-up, which checks it against the book;
    // a full scan costs the same whatever fires).
    const cut = stepAfter(stream, FULL_UPDATES);
    const ticks: Record<string, Segment> = {};
    const churn: Record<string, Segment> = {};
    const heads: Record<string, Segment> = {};
    for (const who of round % 2 ? ['book', 'pair'] : ['pair', 'book']) {
      const checker = who === 'book' ? book : pairScan;
      const headChurn = run(checker, stream, pairs, 0, cut, 'churn');
      const head = run(checker, stream, pairs, 0, cut, 'ticks');
      const tailChurn = run(checker, stream, pairs, cut, steps, 'churn');
      ticks[who] = both(head, run(checker, stream, pairs, cut, steps, 'ticks'));
      churn[who] = both(headChurn, tailChurn);
      heads[who] = head;
    }
    run(fullScan, stream, pairs, 0, cut, 'churn');
    const full = run(fullScan, stream, pairs, 0, cut, 'ticks');
    const b = ticks.book!;
    const same = sameFired(b.fired, ticks.pair!.fired) && book.size === pairScan.size;
    const fullSame = !warmUp || sameFired(heads.book!.fired, full.fired);
    if (!same || !fullSame) mismatches++;
    console.log(
      `${warmUp ? 'warm-up ' : `round ${round} `}: per update: book ${f1(per(b))} ns [${wall(b)}], pair scan ${f1(per(ticks.pair!))} ns [${wall(ticks.pair!)}] (x${f1(per(ticks.pair!) / per(b))}),` +
        ` full scan ${(per(full) / 1000).toFixed(0)} us (x${(per(full) / per(b)).toFixed(0)}); per add/remove: book ${per(churn.book!).toFixed(0)} ns, pair scan ${per(churn.pair!).toFixed(0)} ns;` +
        ` ${b.ops} updates, ${((100 * b.firingTicks) / b.ops).toFixed(1)}% fired something, ${b.fired.length} alerts fired, ${book.size} active;` +
        ` same alerts fired: ${same ? 'yes' : 'NO'}${warmUp ? ` (full scan: ${fullSame ? 'yes' : 'NO'})` : ''}`,
    );
    if (warmUp) continue;
    results.book.push(per(b));
    results.pair.push(per(ticks.pair!));
    results.full.push(per(full));
    results.ratio.push(per(ticks.pair!) / per(b));
    results.fullRatio.push(per(full) / per(b));
    results.bookChurn.push(per(churn.book!));
    results.pairChurn.push(per(churn.pair!));
  }

  const end = book.memory();
  const [book50, pair50, full50] = [median(results.book), median(results.pair), median(results.full)];
  // Each round's ratio compares two runs a moment apart; the median of those rides out the load
  // other processes put on a shared machine better than a ratio of medians from different rounds.
  const ratio = median(results.ratio);
  console.log(`book after the rounds: ${end.alerts} alerts, ${mb(end.hotBytes)} of typed arrays = ${end.hotBytesPerAlert.toFixed(2)} B/alert`);
  console.log(`median per update    : book ${f1(book50)} ns, pair scan ${f1(pair50)} ns, full scan ${f1(full50)} ns`);
  console.log(`median per add/remove: book ${f1(median(results.bookChurn))} ns, pair scan ${f1(median(results.pairChurn))} ns`);
  console.log(`ratio vs pair scan   : ${f1(ratio)}x, median of the rounds' (the ratio reported below)`);
  console.log(`ratio vs full scan   : ${median(results.fullRatio).toFixed(0)}x, median of the rounds'`);
  if (mismatches > 0) {
    console.log(`MISMATCH: the book and a scan fired different alerts in ${mismatches} round(s)`);
    process.exitCode = 1;
  }
  const bytes = Math.max(built.hotBytesPerAlert, end.hotBytesPerAlert);
  // ratio: against the pair scan (the stricter baseline); ratio-full-scan: against the naive scan of
  // every alert, the issue's baseline.
  console.log(`alerts: ratio=${f1(ratio)} ratio-full-scan=${median(results.fullRatio).toFixed(0)} per-update=${book50.toFixed(0)} ns bytes-per-alert=${bytes.toFixed(1)} alerts=${ALERTS}`);
}

main();
