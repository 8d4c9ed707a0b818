// `npm run -s bench backtest`: how fast the backtester runs the EMA cross (12/26, fee 0.1 %, no
// slippage), as candles per second, beside the cost floor measured in the same run: a plain loop
// that reads every close and updates the two EMAs (what any EMA cross has to do at least). Then how
// fast the Monte Carlo runs scenarios: N scenarios (default 1,000) over the last year of hourly
// candles (8,760), in this thread only and with worker threads (this thread and one per other
// core), start-up included; the summary line gives the configuration the CLI picks for such a run
// (defaultWorkers: threads only for runs of 20 M scenario-candles and more).
// Data: /work/shared/data/binance_BTC-USDT_1h.csv (2017–2024) when it is there, else the longest
// bundled file (data/candles); the file used is printed. The backtester's time is the best of
// --rounds × --repeat runs (the look-ahead guard off: it re-runs the strategy 16 times and is timed
// on its own line); each Monte Carlo configuration runs once.
//   options: --rounds=N (5) --repeat=K (5) --scenarios=N (1000) --workers=W (cores − 1: this thread works too)
//            --data=FILE (a candle file) or --data=bundled (the longest bundled file, as from a clean clone)
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { candleRange } from '../src/lab/candle-slice.js';
import { runBacktest } from '../src/lab/backtest.js';
import { defaultWorkers, runMonteCarlo } from '../src/lab/monte-carlo/monte-carlo.js';
import { loadCandleDir, loadCandleFile, type CandleSeries } from '../src/market/candle-file.js';
import { projectPath } from '../src/shared/project-paths.js';
import { emaCross } from '../src/signals/strategies/index.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ROUNDS = arg('rounds', 5);
const REPEAT = arg('repeat', 5);
const SCENARIOS = arg('scenarios', 1000);
const WORKERS = arg('workers', Math.max(1, availableParallelism() - 1));
const SHARED = '/work/shared/data/binance_BTC-USDT_1h.csv';
const DATA = process.argv.find((a) => a.startsWith('--data='))?.slice('--data='.length);
const YEAR_OF_HOURS = 8760;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function candles(): Promise<CandleSeries> {
  if (DATA && DATA !== 'bundled') return loadCandleFile(DATA);
  if (!DATA && existsSync(SHARED)) return loadCandleFile(SHARED);
  const bundled = await loadCandleDir(projectPath('data', 'candles'), '1h');
  // All bundled files are the same length: BTC/USDT then.
  return bundled.reduce((longest, c) => (c.length > longest.length || (c.length === longest.length && c.symbol === 'BTC/USDT') ? c : longest));
}

/** The cost floor: every close read once, both EMAs updated (TA-Lib's seeding), the last values kept. */
function floorLoop(close: Float64Array, fast: number, slow: number): number {
  const n = close.length;
  let f = 0;
  let s = 0;
  for (let i = 0; i < slow; i++) {
    s += close[i]!;
    if (i >= slow - fast) f += close[i]!;
  }
  f /= fast;
  s /= slow;
  const kf = 2 / (fast + 1);
  const ks = 2 / (slow + 1);
  let above = 0;
  for (let i = slow; i < n; i++) {
    const c = close[i]!;
    f += (c - f) * kf;
    s += (c - s) * ks;
    above += f > s ? 1 : 0;
  }
  return above;
}

let sink = 0;
function best(fn: () => number): number {
  let bestMs = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    gc();
    for (let k = 0; k < REPEAT; k++) {
      const t0 = performance.now();
      sink += fn();
      bestMs = Math.min(bestMs, performance.now() - t0);
    }
  }
  return bestMs;
}

const data = await candles();
const n = data.length;
const first = new Date(data.timestamp[0]!).toISOString().slice(0, 10);
const last = new Date(data.timestamp[n - 1]!).toISOString().slice(0, 10);
console.log(`backtest bench: ${data.source} (${data.symbol} ${data.timeframe}, ${n.toLocaleString('en')} candles, ${first} → ${last}), node ${process.version}, ${availableParallelism()} cores`);

const strategy = emaCross({ fast: 12, slow: 26 });
const options = { cash: 10_000, feeRate: 0.001, lookaheadCuts: 0 };
const trades = runBacktest(data, strategy, options).report.trades_closed; // and a warm-up
best(() => floorLoop(data.close, 12, 26)); // warm-up
const loopMs = best(() => floorLoop(data.close, 12, 26));
const backtestMs = best(() => runBacktest(data, strategy, options).report.trades_closed);
const guardedMs = best(() => runBacktest(data, strategy, { ...options, lookaheadCuts: 16 }).report.lookahead.checked);
const perSecond = (ms: number) => (n / ms) * 1000;
const fmt = (x: number) => Math.round(x).toLocaleString('en');
console.log(`EMA cross 12/26 over ${n.toLocaleString('en')} candles (${trades} round trips), best of ${ROUNDS}×${REPEAT}:`);
console.log(`  plain loop (two EMAs)      ${loopMs.toFixed(2).padStart(8)} ms  ${fmt(perSecond(loopMs)).padStart(14)} candles/s`);
console.log(`  backtester                 ${backtestMs.toFixed(2).padStart(8)} ms  ${fmt(perSecond(backtestMs)).padStart(14)} candles/s  (${(backtestMs / loopMs).toFixed(1)}× the loop)`);
console.log(`  backtester + look-ahead    ${guardedMs.toFixed(2).padStart(8)} ms  ${fmt(perSecond(guardedMs)).padStart(14)} candles/s  (16 prefix re-runs)`);

const year = candleRange(data, Math.max(0, n - YEAR_OF_HOURS), n);
const mcOptions = { strategy: { name: 'ema-cross', params: { fast: 12, slow: 26 } }, cash: 10_000, feeRate: 0.001, scenarios: SCENARIOS, seed: 7 };
const timed = async (workers: number) => {
  gc();
  const t0 = performance.now();
  const { report } = await runMonteCarlo(year, { ...mcOptions, workers });
  return { ms: performance.now() - t0, report };
};
const threaded = await timed(WORKERS);
const inline = await timed(0);
if (JSON.stringify(threaded.report) !== JSON.stringify(inline.report)) {
  console.error('Monte Carlo: the threaded and the inline runs disagree: the times would not compare the same work');
  process.exit(1);
}
const scenariosPerSecond = (ms: number) => (SCENARIOS / ms) * 1000;
console.log(`Monte Carlo, ${SCENARIOS.toLocaleString('en')} scenarios (mixed methods) over the last ${year.length.toLocaleString('en')} candles (${new Date(year.timestamp[0]!).toISOString().slice(0, 10)} →):`);
console.log(`  ${`this thread + ${WORKERS} worker${WORKERS === 1 ? '' : 's'}`.padEnd(26)}${(threaded.ms / 1000).toFixed(2).padStart(7)} s  ${scenariosPerSecond(threaded.ms).toFixed(1).padStart(8)} scenarios/s  (${fmt(scenariosPerSecond(threaded.ms) * year.length)} candles/s)`);
console.log(`  ${'this thread only'.padEnd(26)}${(inline.ms / 1000).toFixed(2).padStart(7)} s  ${scenariosPerSecond(inline.ms).toFixed(1).padStart(8)} scenarios/s`);
console.log(`  median return ${(threaded.report.total_return.median! * 100).toFixed(1)} %, P(loss) ${(threaded.report.prob_loss! * 100).toFixed(1)} %, median buy & hold ${(threaded.report.buy_and_hold_return.median! * 100).toFixed(1)} %`);
if (sink < 0) console.log(sink);
const cliDefault = defaultWorkers(SCENARIOS, year.length, availableParallelism()) === 0 ? inline : threaded;
console.log(`  the CLI's default for this run: ${cliDefault === inline ? 'this thread only' : 'worker threads'}`);
console.log(`backtest: candles_per_s=${Math.round(perSecond(backtestMs))} scenarios_per_s=${Math.round(scenariosPerSecond(cliDefault.ms))}`);
