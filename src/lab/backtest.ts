// The backtester: runs a strategy over candles with the paper exchange's fill and fee model and
// reports what happened (see backtest-report.ts for every figure), with the look-ahead guard.
import type { CandleSeries } from '../market/candle-file.js';
import { dec, type Decimal, type DecimalLike } from '../shared/decimal.js';
import { AppError } from '../shared/errors.js';
import { FLAT, LONG, type Strategy } from '../signals/strategies/index.js';
import { buildReport, type BacktestReport } from './backtest-report.js';
import { createFillModel, type SlippageModel } from './fill-model.js';
import { checkLookahead, DEFAULT_LOOKAHEAD_CUTS } from './lookahead.js';
import { simulate, type Trade } from './simulate.js';

export interface BacktestOptions {
  /** Starting cash, in the quote asset (USDT). */
  cash: DecimalLike;
  /** Taker fee rate charged on each fill's notional (0.001 = 0.1 %). */
  feeRate: DecimalLike;
  /** Default `none`: fills at the open. `book`: the paper exchange's synthetic book walk. */
  slippage?: SlippageModel;
  /** Prefix cuts the look-ahead guard re-runs the strategy on (default 16; 0 skips the guard). */
  lookaheadCuts?: number;
}

export interface BacktestResult {
  report: BacktestReport;
  trades: Trade[];
  /** Equity marked at each close. */
  equity: Float64Array;
  /** The strategy's targets, one per candle. */
  targets: Uint8Array;
}

export class BacktestError extends AppError {
  constructor(message: string) {
    super('backtest.invalid', message);
  }
}

export function runBacktest(candles: CandleSeries, strategy: Strategy, options: BacktestOptions): BacktestResult {
  const cash = positiveDecimal('cash', options.cash);
  const feeRate = decimalOf('fee', options.feeRate);
  if (feeRate.lt(0) || feeRate.gte(1)) throw new BacktestError(`fee must be at least 0 and below 1 (0.001 = 0.1 %), got ${feeRate.toString()}`);
  const slippage = options.slippage ?? 'none';
  if (slippage !== 'none' && slippage !== 'book') throw new BacktestError(`slippage must be none or book, got ${String(slippage)}`);
  if (candles.length < 2) throw new BacktestError(`a backtest needs at least 2 candles, got ${candles.length}`);

  const targets = strategy.targets(candles);
  if (targets.length !== candles.length) throw new BacktestError(`${strategy.name} gave ${targets.length} signals for ${candles.length} candles`);
  for (let i = 0; i < targets.length; i++) {
    if (targets[i] !== FLAT && targets[i] !== LONG) throw new BacktestError(`${strategy.name} asked for position ${targets[i]} at candle ${i}: spot backtests are long-only (0 or 1)`);
  }
  const simulation = simulate(candles, targets, cash, createFillModel(candles, { feeRate, slippage }));
  const lookahead = checkLookahead(candles, strategy, targets, options.lookaheadCuts ?? DEFAULT_LOOKAHEAD_CUTS);
  const report = buildReport({ candles, strategy, cash, feeRate, slippage, simulation, lookahead });
  return { report, trades: simulation.trades, equity: simulation.equity, targets };
}

function decimalOf(name: string, value: DecimalLike): Decimal {
  let d: Decimal;
  try {
    d = dec(value);
  } catch {
    throw new BacktestError(`${name} must be a number, got ${String(value)}`);
  }
  if (!d.isFinite()) throw new BacktestError(`${name} must be a finite number, got ${String(value)}`);
  return d;
}

function positiveDecimal(name: string, value: DecimalLike): Decimal {
  const d = decimalOf(name, value);
  if (d.lte(0)) throw new BacktestError(`${name} must be above 0, got ${d.toString()}`);
  return d;
}
