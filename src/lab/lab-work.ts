// The lab's work for one request: the existing backtester, Monte Carlo and RL walk-forward run on
// the bundled candles, with progress told as a share (0..1), and the result as plain JSON: the
// report, plus what a chart needs (the equity curve beside buy-and-hold, the histogram of returns).
import type { CandleSeries } from '../market/candle-file.js';
import { createStrategy } from '../signals/strategies/index.js';
import type { BacktestReport } from './backtest-report.js';
import { runBacktest } from './backtest.js';
import { candleRange } from './candle-slice.js';
import { describeRequest, LabError, normalizeRequest, periodOf, type BacktestRequest, type LabRequest } from './lab-request.js';
import { runMonteCarlo, type MonteCarloReport } from './monte-carlo/monte-carlo.js';
import { column } from './monte-carlo/summary.js';
import type { Environment, Policy } from './rl/agent.js';
import { walkForward, type WalkForwardReport } from './rl/walk-forward.js';

/** Where candles come from: the bundled hourly files (lab-candles.ts), or a test's own. */
export interface CandleSource {
  /** Every candle of a symbol, or undefined when none is bundled. */
  load(symbol: string): Promise<CandleSeries | undefined>;
  /** The symbols there are, for the error message. */
  symbols(): Promise<string[]>;
}

/** Trains an RL agent (the DQN in TensorFlow.js, or a test's stand-in), telling each finished episode. */
export type RlTrainer = (env: Environment, options: { episodes: number; seed: number; onEpisode: (episode: number) => void }) => Promise<Policy>;

export interface LabWorkDeps {
  candles: CandleSource;
  train: RlTrainer;
  /** Taker fee per side, as the paper exchange charges (0.001 = 0.1 %). */
  feeRate: number;
  /** Starting cash in the quote asset (10,000 USDT). */
  cash: number;
}

export interface CurvePoint {
  at: number;
  /** The strategy's equity at the close. */
  strategy: number;
  /** Buying at the first open and holding, at the close. */
  hold: number;
}

export interface HistogramBin {
  /** Total return, as a fraction (−0.2 = −20 %). */
  from: number;
  to: number;
  count: number;
}

export type LabResult =
  | { kind: 'backtest'; title: string; report: BacktestReport; curve: CurvePoint[]; note: string | null }
  | { kind: 'monte-carlo'; title: string; backtest: BacktestReport; report: MonteCarloReport; histogram: HistogramBin[]; note: string | null }
  | { kind: 'rl'; title: string; report: WalkForwardReport; episodes: number; seed: number };

/** Most points a curve keeps (a phone-sized chart shows no more). */
export const CURVE_POINTS = 400;
export const HISTOGRAM_BINS = 30;

export async function runLab(given: LabRequest, deps: LabWorkDeps, onProgress: (done: number) => void = () => {}): Promise<LabResult> {
  const request = normalizeRequest(given);
  const title = describeRequest(request);
  switch (request.kind) {
    case 'backtest': {
      const { candles, note } = await candlesFor(request.backtest, deps.candles);
      onProgress(0.2);
      const strategy = createStrategy({ name: request.backtest.strategy, params: request.backtest.params ?? {} });
      const run = runBacktest(candles, strategy, { cash: deps.cash, feeRate: deps.feeRate });
      onProgress(0.9);
      const result: LabResult = { kind: 'backtest', title, report: run.report, curve: curveOf(candles, run.equity, deps), note };
      onProgress(1);
      return result;
    }
    case 'monte-carlo': {
      const { candles, note } = await candlesFor(request.backtest, deps.candles);
      const spec = { name: request.backtest.strategy, params: request.backtest.params ?? {} };
      const backtest = runBacktest(candles, createStrategy(spec), { cash: deps.cash, feeRate: deps.feeRate }).report;
      onProgress(0.05);
      const { report, rows } = await runMonteCarlo(candles, {
        strategy: { name: spec.name, params: { ...backtest.strategy.params } },
        cash: deps.cash,
        feeRate: deps.feeRate,
        scenarios: request.scenarios,
        seed: request.seed,
        workers: 0,
        onProgress: (done) => onProgress(0.05 + 0.9 * done),
      });
      const result: LabResult = { kind: 'monte-carlo', title, backtest, report, histogram: histogram(column(rows, 'total_return'), HISTOGRAM_BINS), note };
      onProgress(1);
      return result;
    }
    case 'rl': {
      const candles = await deps.candles.load(request.symbol);
      if (!candles) throw await notBundled(request.symbol, deps.candles);
      const episodes = request.episodes ?? 1;
      const seed = request.seed ?? 1;
      // Trained on the first two thirds, tested on the last third (out of sample).
      const trainUntil = candles.timestamp[Math.floor(candles.length * (2 / 3))]!;
      onProgress(0.02);
      const report = await walkForward({
        candles,
        trainUntil,
        cash: deps.cash,
        feeRate: deps.feeRate,
        train: (env) => deps.train(env, { episodes, seed, onEpisode: (episode) => onProgress(0.05 + (0.9 * episode) / episodes) }),
      });
      onProgress(1);
      return { kind: 'rl', title, report, episodes, seed };
    }
  }
}

/** Throws the LabError a run of `request` would meet on its data (no coin, no candles in the period), before any work is queued. */
export async function checkRequest(request: LabRequest, source: CandleSource): Promise<void> {
  if (request.kind !== 'rl') {
    // Parameters out of range fail here, not in the job.
    createStrategy({ name: request.backtest.strategy, params: request.backtest.params ?? {} });
    await candlesFor(request.backtest, source);
    return;
  }
  if (!(await source.load(request.symbol))) throw await notBundled(request.symbol, source);
}

async function notBundled(symbol: string, source: CandleSource): Promise<LabError> {
  const have = (await source.symbols()).map((s) => s.replace('/USDT', '')).join(', ');
  return new LabError('lab.unknown_symbol', `I have no price history for ${symbol} to test on (I have ${have}).`, { symbol });
}

/** The candles of the period asked for, and a note when the data covers only part of it. */
async function candlesFor(request: BacktestRequest, source: CandleSource): Promise<{ candles: CandleSeries; note: string | null }> {
  const all = await source.load(request.symbol);
  if (!all) throw await notBundled(request.symbol, source);
  const period = periodOf(request);
  let start = 0;
  while (start < all.length && all.timestamp[start]! < period.from) start++;
  let end = start;
  while (end < all.length && all.timestamp[end]! < period.to) end++;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const first = all.timestamp[0]!;
  const last = all.timestamp[all.length - 1]! + all.timeframeMs;
  if (end - start < 200) {
    throw new LabError('lab.no_data', `I have ${request.symbol} prices from ${day(first)} to ${day(last)} only: too few for ${period.label}${end - start > 0 ? ` (${end - start} hourly candles; a backtest here needs 200)` : ''}.`, {
      symbol: request.symbol,
      from: day(first),
      to: day(last),
    });
  }
  const candles = candleRange(all, start, end);
  const coversFrom = period.from === -Infinity || candles.timestamp[0]! <= period.from;
  const coversTo = period.to === Infinity || candles.timestamp[candles.length - 1]! + candles.timeframeMs >= period.to;
  const note = coversFrom && coversTo ? null : `The bundled data covers ${day(candles.timestamp[0]!)} → ${day(candles.timestamp[candles.length - 1]! + candles.timeframeMs)} of ${period.label}.`;
  return { candles, note };
}

function curveOf(candles: CandleSeries, equity: Float64Array, deps: Pick<LabWorkDeps, 'cash' | 'feeRate'>): CurvePoint[] {
  const held = deps.cash / (1 + deps.feeRate) / candles.open[0]!;
  const n = candles.length;
  const step = Math.max(1, Math.ceil(n / CURVE_POINTS));
  const out: CurvePoint[] = [];
  const at = (i: number) => ({ at: candles.timestamp[i]! + candles.timeframeMs, strategy: round2(equity[i]!), hold: round2(held * candles.close[i]!) });
  for (let i = 0; i < n; i += step) out.push(at(i));
  if ((n - 1) % step !== 0) out.push(at(n - 1));
  return out;
}

/** Equal-width bins from the lowest to the highest finite value. */
export function histogram(values: ArrayLike<number>, bins: number): HistogramBin[] {
  const finite = Array.from(values).filter(Number.isFinite);
  if (finite.length === 0) return [];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (hi === lo) {
    lo -= 0.005;
    hi += 0.005;
  }
  const width = (hi - lo) / bins;
  const out = Array.from({ length: bins }, (_, i) => ({ from: lo + i * width, to: lo + (i + 1) * width, count: 0 }));
  for (const v of finite) out[Math.min(bins - 1, Math.floor((v - lo) / width))]!.count++;
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
