// One Monte Carlo scenario: a candle series generated from the data by one of the three methods,
// backtested like the data itself (without the look-ahead guard, which checks the strategy, not
// the data: it runs once on the real candles). The same code runs inline and in worker threads.
import type { CandleSeries } from '../../market/candle-file.js';
import { createStrategy, type Strategy, type StrategySpec } from '../../signals/strategies/index.js';
import { runBacktest } from '../backtest.js';
import type { SlippageModel } from '../fill-model.js';
import { blockBootstrap } from './block-bootstrap.js';
import { candleShapes, type CandleShapes } from './candle-shapes.js';
import { closeVolatility, priceNoise, type NoiseLevels } from './price-noise.js';
import { scenarioRandom } from './random.js';
import { regimePools, regimeScenario, type RegimeModel } from './regimes.js';

export const METHODS = ['bootstrap', 'noise', 'regime'] as const;
export type ScenarioMethod = (typeof METHODS)[number];
/** `mixed`: scenario i uses METHODS[i mod 3], a third each. */
export type MethodChoice = ScenarioMethod | 'mixed';

/** Everything a scenario needs: plain data, sent once to each worker thread. */
export interface ScenarioContext {
  candles: CandleSeries;
  strategy: StrategySpec;
  cash: string;
  feeRate: string;
  slippage: SlippageModel;
  seed: number;
  method: MethodChoice;
  blockLength: number;
  noise: NoiseLevels;
  regimes: RegimeModel;
}

/** The figures kept per scenario, one row of a Float64Array each, in this order. */
export const SCENARIO_COLUMNS = ['method', 'total_return', 'sharpe', 'sortino', 'max_drawdown', 'lowest_equity_ratio', 'trades_closed', 'win_rate', 'exposure', 'buy_and_hold_return'] as const;
export type ScenarioColumn = (typeof SCENARIO_COLUMNS)[number];
export const COLUMN = Object.fromEntries(SCENARIO_COLUMNS.map((name, i) => [name, i])) as Record<ScenarioColumn, number>;
export const WIDTH = SCENARIO_COLUMNS.length;

export function methodOf(choice: MethodChoice, index: number): ScenarioMethod {
  return choice === 'mixed' ? METHODS[index % METHODS.length]! : choice;
}

/** What a runner derives once from the context and reuses for each of its scenarios. */
export interface ScenarioRunner {
  /** Fills rows [from, to) of `out` (row r at offset (r − from) · WIDTH). */
  run(from: number, to: number, out: Float64Array): void;
}

export function scenarioRunner(context: ScenarioContext): ScenarioRunner {
  const strategy: Strategy = createStrategy(context.strategy);
  const shapes: CandleShapes = candleShapes(context.candles);
  const volatility = closeVolatility(shapes);
  const pools = regimePools(context.regimes);
  const options = { cash: context.cash, feeRate: context.feeRate, slippage: context.slippage, lookaheadCuts: 0 };
  return {
    run(from, to, out) {
      for (let index = from; index < to; index++) {
        const method = methodOf(context.method, index);
        const random = scenarioRandom(context.seed, index);
        const candles =
          method === 'bootstrap'
            ? blockBootstrap(context.candles, shapes, context.blockLength, random)
            : method === 'noise'
              ? priceNoise(context.candles, volatility, context.noise, random)
              : regimeScenario(context.candles, shapes, context.regimes, pools, random);
        const r = runBacktest(candles, strategy, options).report;
        const row = (index - from) * WIDTH;
        out[row + COLUMN.method] = METHODS.indexOf(method);
        out[row + COLUMN.total_return] = r.total_return;
        out[row + COLUMN.sharpe] = r.sharpe ?? NaN;
        out[row + COLUMN.sortino] = r.sortino ?? NaN;
        out[row + COLUMN.max_drawdown] = r.max_drawdown;
        out[row + COLUMN.lowest_equity_ratio] = r.lowest_equity / r.start_equity;
        out[row + COLUMN.trades_closed] = r.trades_closed;
        out[row + COLUMN.win_rate] = r.win_rate ?? NaN;
        out[row + COLUMN.exposure] = r.exposure;
        out[row + COLUMN.buy_and_hold_return] = r.buy_and_hold_return;
      }
    },
  };
}
