// The backtest's report: one plain object (snake_case, ready to print as JSON), built from a
// simulation. Money figures are computed in decimal and given as numbers; ratios are floats.
import type { CandleSeries } from '../market/candle-file.js';
import type { Decimal } from '../shared/decimal.js';
import type { SlippageModel } from './fill-model.js';
import type { LookaheadCheck } from './lookahead.js';
import type { Simulation } from './simulate.js';
import { maxDrawdown, periodsPerYear, returnStats, YEAR_MS } from './statistics.js';

export interface BacktestReport {
  strategy: { name: string; params: Record<string, number> };
  symbol: string;
  timeframe: string;
  /** From the first candle's open to the last candle's close, UTC. */
  period: { start: string; end: string; years: number };
  candles: number;
  start_equity: number;
  /** Cash + position marked at the last close (no exit fee: an open position is not sold). */
  final_equity: number;
  total_return: number;
  /** Compound annual growth over the period; null for a period under a day. */
  cagr: number | null;
  /** Largest peak-to-trough fall of the equity marked at each close, as a fraction of the peak. */
  max_drawdown: number;
  /** Lowest equity marked at a close (the ruin test of the Monte Carlo uses it). */
  lowest_equity: number;
  /** Per-candle returns of the equity, annualised by √(candles per year), no risk-free rate. */
  sharpe: number | null;
  sortino: number | null;
  /** cagr / max_drawdown; null without a drawdown. */
  calmar: number | null;
  trades_closed: number;
  /** Share of closed trades whose P&L after both fees is above 0; null without a closed trade. */
  win_rate: number | null;
  /** Gross profit / gross loss of closed trades; null when no trade lost. */
  profit_factor: number | null;
  /** Mean P&L per closed trade after fees, in quote; null without a closed trade. */
  expectancy: number | null;
  /** Mean return per closed trade after fees (P&L / what the entry paid). */
  expectancy_return: number | null;
  /** Mean time from entry fill to exit fill. */
  avg_trade_candles: number | null;
  avg_trade_hours: number | null;
  /** Share of candles that closed with a position. */
  exposure: number;
  fees_paid: number;
  /** A position is still open at the last close (it is in final_equity at that close). */
  open_position: boolean;
  /** Bought with all the cash at the first open (fee paid), marked at the last close. */
  buy_and_hold_return: number;
  buy_and_hold_max_drawdown: number;
  buy_and_hold_sharpe: number | null;
  fee_rate: number;
  slippage: SlippageModel;
  partial_fills: number;
  annualisation: { periods_per_year: number; risk_free_rate: 0 };
  lookahead: LookaheadCheck;
}

export interface ReportInput {
  candles: CandleSeries;
  strategy: { name: string; params: Readonly<Record<string, number>> };
  cash: Decimal;
  feeRate: Decimal;
  slippage: SlippageModel;
  simulation: Simulation;
  lookahead: LookaheadCheck;
}

export function buildReport(input: ReportInput): BacktestReport {
  const { candles, simulation: sim, cash } = input;
  const n = candles.length;
  const start = cash.toNumber();
  const ppy = periodsPerYear(candles.timeframeMs);
  const spanMs = candles.timestamp[n - 1]! + candles.timeframeMs - candles.timestamp[0]!;
  const years = spanMs / YEAR_MS;
  const final = sim.finalEquity.toNumber();
  const totalReturn = sim.finalEquity.div(cash).minus(1).toNumber();
  const cagr = spanMs >= 86_400_000 && final > 0 ? (final / start) ** (1 / years) - 1 : null;
  const mdd = maxDrawdown(sim.equity, start);
  const stats = returnStats(sim.equity, start, ppy);

  let wins = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let pnlSum = 0;
  let returnSum = 0;
  let candlesHeld = 0;
  for (let t = 0; t < sim.closed; t++) {
    const trade = sim.trades[t]!;
    const pnl = trade.received.minus(trade.paid);
    const p = pnl.toNumber();
    if (p > 0) {
      wins++;
      grossProfit += p;
    } else grossLoss -= p;
    pnlSum += p;
    returnSum += p / trade.paid.toNumber();
    candlesHeld += trade.exitIndex - trade.entryIndex;
  }
  const closed = sim.closed;
  const avgCandles = closed ? candlesHeld / closed : null;

  const hold = buyAndHold(candles, start, input.feeRate.toNumber());
  return {
    strategy: { name: input.strategy.name, params: { ...input.strategy.params } },
    symbol: candles.symbol,
    timeframe: candles.timeframe,
    period: { start: new Date(candles.timestamp[0]!).toISOString(), end: new Date(candles.timestamp[0]! + spanMs).toISOString(), years },
    candles: n,
    start_equity: start,
    final_equity: final,
    total_return: totalReturn,
    cagr,
    max_drawdown: mdd,
    lowest_equity: lowest(sim.equity, start),
    sharpe: stats.sharpe,
    sortino: stats.sortino,
    calmar: cagr !== null && mdd > 0 ? cagr / mdd : null,
    trades_closed: closed,
    win_rate: closed ? wins / closed : null,
    profit_factor: grossLoss > 0 ? grossProfit / grossLoss : null,
    expectancy: closed ? pnlSum / closed : null,
    expectancy_return: closed ? returnSum / closed : null,
    avg_trade_candles: avgCandles,
    avg_trade_hours: avgCandles === null ? null : (avgCandles * candles.timeframeMs) / 3_600_000,
    exposure: sim.candlesInMarket / n,
    fees_paid: sim.fees.toNumber(),
    open_position: closed < sim.trades.length,
    buy_and_hold_return: hold.totalReturn,
    buy_and_hold_max_drawdown: hold.maxDrawdown,
    buy_and_hold_sharpe: hold.sharpe,
    fee_rate: input.feeRate.toNumber(),
    slippage: input.slippage,
    partial_fills: sim.partialFills,
    annualisation: { periods_per_year: ppy, risk_free_rate: 0 },
    lookahead: input.lookahead,
  };
}

function lowest(values: Float64Array, start: number): number {
  let m = start;
  for (let i = 0; i < values.length; i++) if (values[i]! < m) m = values[i]!;
  return m;
}

/** The naive baseline: all cash in at the first open (taker fee on the notional), held to the last close. */
export function buyAndHold(candles: CandleSeries, cash: number, feeRate: number): { totalReturn: number; maxDrawdown: number; sharpe: number | null } {
  const amount = cash / (1 + feeRate) / candles.open[0]!;
  const equity = new Float64Array(candles.length);
  for (let i = 0; i < candles.length; i++) equity[i] = amount * candles.close[i]!;
  return {
    totalReturn: equity[candles.length - 1]! / cash - 1,
    maxDrawdown: maxDrawdown(equity, cash),
    sharpe: returnStats(equity, cash, periodsPerYear(candles.timeframeMs)).sharpe,
  };
}
