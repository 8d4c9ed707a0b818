// Monte Carlo over a backtest: N scenarios generated from the data (block bootstrap, price and
// volume noise, regime switches — see those files), each backtested with the same strategy and
// fill model, then the distribution of the results. Seeded: the same seed and options give the
// same figures, inline or over any number of worker threads.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CandleSeries } from '../../market/candle-file.js';
import { createStrategy, type StrategySpec } from '../../signals/strategies/index.js';
import { dec, type DecimalLike } from '../../shared/decimal.js';
import { BacktestError } from '../backtest.js';
import type { SlippageModel } from '../fill-model.js';
import { defaultBlockLength } from './block-bootstrap.js';
import { candleShapes } from './candle-shapes.js';
import { DEFAULT_NOISE, type NoiseLevels } from './price-noise.js';
import { describeRegimes, estimateRegimes, type RegimeModel } from './regimes.js';
import { METHODS, scenarioRunner, WIDTH, type MethodChoice, type ScenarioContext, type ScenarioMethod } from './scenario.js';
import { summarize, type ScenarioSummary } from './summary.js';
import { runInWorkers } from './worker-pool.js';

export { METHODS, type MethodChoice } from './scenario.js';

export interface MonteCarloOptions {
  strategy: StrategySpec;
  cash: DecimalLike;
  feeRate: DecimalLike;
  slippage?: SlippageModel;
  /** Default 1,000. */
  scenarios?: number;
  /** Default 1. */
  seed?: number;
  /** Default `mixed`: a third of the scenarios by each method. */
  method?: MethodChoice;
  /** Block bootstrap block length, in candles (default: cube root of the candle count). */
  blockLength?: number;
  noise?: Partial<NoiseLevels>;
  /** Ruin: equity closing below this share of the start at least once (default 0.5). */
  ruinThreshold?: number;
  /** Worker threads beside this one, which works too; 0 runs every scenario in this thread (default 0). */
  workers?: number;
  /** With workers, whether this thread runs scenarios too while they start (default true). */
  thisThreadToo?: boolean;
  /**
   * In this thread (workers 0): told the share of scenarios done (0..1) after each of about 50
   * chunks, and the event loop gets a turn between chunks (a chat bot in the same process keeps
   * answering). The rows are the same with or without it: each scenario depends on the seed and its index.
   */
  onProgress?: (done: number) => void;
}

export interface MonteCarloReport extends ScenarioSummary {
  seed: number;
  method: MethodChoice;
  ruin_threshold: number;
  parameters: {
    block_length: number;
    price_noise: number;
    volume_noise: number;
    regimes: Omit<RegimeModel, 'labels'>;
  };
  /** The same summary for each method's scenarios (with `mixed`). */
  by_method: Partial<Record<ScenarioMethod, ScenarioSummary>>;
}

export interface MonteCarloResult {
  report: MonteCarloReport;
  /** One row per scenario, SCENARIO_COLUMNS wide. */
  rows: Float64Array;
}

export const MAX_SCENARIOS = 1_000_000;

/**
 * Scenario-candles below which a run stays in this thread: under tsx a worker thread costs about a
 * second of CPU to start and as much again to warm up (measured on the 2-core dev machine), which a
 * run of a few seconds on one core (~2 M scenario-candles a second) cannot win back.
 */
export const THREADS_FROM_WORK = 20_000_000;

/** Worker threads for a run by default: none for a short run, else one per other core (this thread works too). */
export function defaultWorkers(scenarios: number, candles: number, cores: number): number {
  return scenarios * candles < THREADS_FROM_WORK ? 0 : Math.max(0, Math.min(cores - 1, 8));
}

export async function runMonteCarlo(candles: CandleSeries, options: MonteCarloOptions): Promise<MonteCarloResult> {
  const scenarios = options.scenarios ?? 1000;
  const seed = options.seed ?? 1;
  const method = options.method ?? 'mixed';
  const ruin = options.ruinThreshold ?? 0.5;
  const workers = options.workers ?? 0;
  if (!Number.isInteger(scenarios) || scenarios < 1 || scenarios > MAX_SCENARIOS) throw new BacktestError(`the number of scenarios must be an integer from 1 to ${MAX_SCENARIOS}, got ${scenarios}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new BacktestError(`the seed must be an integer from 0 to 4294967295, got ${seed}`);
  if (method !== 'mixed' && !METHODS.includes(method)) throw new BacktestError(`the method must be mixed, ${METHODS.join(', ')}; got ${String(method)}`);
  if (!(ruin > 0 && ruin < 1)) throw new BacktestError(`the ruin threshold must be between 0 and 1 (0.5 = half the start), got ${ruin}`);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new BacktestError(`workers must be an integer from 0 to 64, got ${workers}`);
  if (candles.length < 30) throw new BacktestError(`a Monte Carlo run needs at least 30 candles, got ${candles.length}`);
  const blockLength = options.blockLength ?? defaultBlockLength(candles.length);
  if (!Number.isInteger(blockLength) || blockLength < 1 || blockLength >= candles.length) throw new BacktestError(`the block length must be an integer from 1 to ${candles.length - 1}, got ${blockLength}`);
  const noise = { ...DEFAULT_NOISE, ...options.noise };
  if (!(noise.priceNoise >= 0 && noise.priceNoise <= 10) || !(noise.volumeNoise >= 0 && noise.volumeNoise <= 10)) throw new BacktestError('noise levels must be from 0 to 10');
  createStrategy(options.strategy); // a bad strategy fails here, once, not in every worker

  const compact = compactCopy(candles);
  const shapes = candleShapes(compact);
  const context: ScenarioContext = {
    candles: compact,
    strategy: options.strategy,
    cash: dec(options.cash).toString(),
    feeRate: dec(options.feeRate).toString(),
    slippage: options.slippage ?? 'none',
    seed,
    method,
    blockLength,
    noise,
    regimes: estimateRegimes(compact, shapes),
  };
  let rows: Float64Array;
  if (workers === 0 && options.onProgress) {
    rows = new Float64Array(scenarios * WIDTH);
    const runner = scenarioRunner(context);
    const chunk = Math.max(1, Math.ceil(scenarios / 50));
    for (let from = 0; from < scenarios; from += chunk) {
      const to = Math.min(scenarios, from + chunk);
      runner.run(from, to, rows.subarray(from * WIDTH, to * WIDTH));
      options.onProgress(to / scenarios);
      await nextTurn();
    }
  } else if (workers === 0) {
    rows = new Float64Array(scenarios * WIDTH);
    scenarioRunner(context).run(0, scenarios, rows);
  } else {
    rows = await runInWorkers(context, scenarios, workers, options.thisThreadToo ?? true);
  }
  const by_method: Partial<Record<ScenarioMethod, ScenarioSummary>> = {};
  if (method === 'mixed') for (const m of METHODS) by_method[m] = summarize(rows, ruin, m);
  return {
    report: {
      ...summarize(rows, ruin),
      seed,
      method,
      ruin_threshold: ruin,
      parameters: { block_length: blockLength, price_noise: noise.priceNoise, volume_noise: noise.volumeNoise, regimes: describeRegimes(context.regimes) },
      by_method,
    },
    rows,
  };
}

/** The candles in arrays of their own (a slice of a long file would otherwise send the whole file to each worker). */
function compactCopy(candles: CandleSeries): CandleSeries {
  return { ...candles, timestamp: candles.timestamp.slice(), open: candles.open.slice(), high: candles.high.slice(), low: candles.low.slice(), close: candles.close.slice(), volume: candles.volume.slice() };
}

