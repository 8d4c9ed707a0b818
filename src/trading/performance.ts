// Performance over periods, from daily equity and closed trades: returns, drawdown, Sharpe and
// Sortino, and the trade statistics. Money stays decimal; ratios and statistics are floats.
import { dec, ZERO, type Decimal } from '../shared/decimal.js';
import { maxDrawdown, returnStats } from '../lab/statistics.js';

export const PERFORMANCE_PERIODS = ['1d', '7d', '30d', '1y', 'all'] as const;
export type PerformancePeriod = (typeof PERFORMANCE_PERIODS)[number];

const DAY_MS = 86_400_000;
const PERIOD_MS: Record<PerformancePeriod, number> = { '1d': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '1y': 365 * DAY_MS, all: Infinity };

/** Crypto trades every day of the year: daily returns are annualised with √365. */
export const DAYS_PER_YEAR = 365;

/**
 * The account's equity at one time, in the reference currency: one point per UTC day (the 00:00
 * snapshot), optionally the live equity as the last point. `flow`: deposits (+) and withdrawals
 * (−) since the previous point, already in `equity` — they are not performance.
 */
export interface EquityPoint {
  at: number;
  equity: Decimal;
  flow?: Decimal;
}

/** A trade that realized P&L (after fees on both sides), e.g. from `pnlLedger`. */
export interface ClosedTrade {
  closedAt: number;
  pnl: Decimal;
  asset?: string;
}

export interface PeriodPerformance {
  period: PerformancePeriod;
  /** The equity point the period is measured from, and the last one in it; null without two points. */
  from: number | null;
  to: number | null;
  /** The history does not reach back the whole period (always false for 'all'). */
  partial: boolean;
  startEquity: Decimal | null;
  endEquity: Decimal | null;
  /** Equity gained, net of deposits and withdrawals. */
  pnl: Decimal | null;
  /** Time-weighted: the daily returns net of flows, compounded (0.05 = +5 %). */
  totalReturn: number | null;
  /** Largest fall from a peak of that compounded curve, as a fraction of the peak. */
  maxDrawdown: number | null;
  /** Mean daily return / its sample standard deviation × √365; no risk-free rate. Null under two returns or with no variation. */
  sharpe: number | null;
  /** Mean daily return / downside deviation (RMS of the negative returns, target 0) × √365; null without a losing day. */
  sortino: number | null;
  /** Daily returns the ratios were computed on. */
  returns: number;
  trades: number;
  /** Share of trades with P&L above 0; null without a trade. */
  winRate: number | null;
  /** Gross profit / gross loss; null when no trade lost (a UI may show ∞ when there were wins). */
  profitFactor: number | null;
  /** Mean P&L per trade; null without a trade. */
  expectancy: Decimal | null;
  best: Decimal | null;
  worst: Decimal | null;
  grossProfit: Decimal;
  grossLoss: Decimal;
}

/** Every period at once, measured back from `now`. */
export function performanceReport(now: number, equity: readonly EquityPoint[], trades: readonly ClosedTrade[]): Record<PerformancePeriod, PeriodPerformance> {
  const points = equity.filter((p) => p.at <= now).sort((a, b) => a.at - b.at);
  const closed = trades.filter((t) => t.closedAt <= now);
  return Object.fromEntries(PERFORMANCE_PERIODS.map((period) => [period, periodPerformance(now, period, points, closed)])) as Record<PerformancePeriod, PeriodPerformance>;
}

/** One period: `points` sorted by time, none after `now`. */
export function periodPerformance(now: number, period: PerformancePeriod, points: readonly EquityPoint[], trades: readonly ClosedTrade[]): PeriodPerformance {
  const since = now - PERIOD_MS[period];
  return { period, ...equityStats(since, points), ...tradeStats(trades.filter((t) => t.closedAt > since)) };
}

type EquityStats = Pick<PeriodPerformance, 'from' | 'to' | 'partial' | 'startEquity' | 'endEquity' | 'pnl' | 'totalReturn' | 'maxDrawdown' | 'sharpe' | 'sortino' | 'returns'>;

function equityStats(since: number, points: readonly EquityPoint[]): EquityStats {
  // Measured from the last point at or before the period's start (the equity it started with).
  let first = -1;
  for (let i = 0; i < points.length && points[i]!.at <= since; i++) first = i;
  const partial = first === -1 && Number.isFinite(since);
  if (first === -1) first = 0;
  const window = points.slice(first);
  if (window.length < 2) {
    return { from: null, to: null, partial, startEquity: null, endEquity: null, pnl: null, totalReturn: null, maxDrawdown: null, sharpe: null, sortino: null, returns: 0 };
  }
  // The curve of one unit invested: each day's return net of that day's flow, compounded.
  const curve: number[] = [];
  let index = dec(1);
  let flows = ZERO;
  for (let i = 1; i < window.length; i++) {
    const previous = window[i - 1]!.equity;
    const flow = window[i]!.flow ?? ZERO;
    flows = flows.plus(flow);
    if (previous.lte(0)) continue; // an emptied account has no return until money comes back
    index = index.mul(window[i]!.equity.minus(flow).div(previous));
    curve.push(index.toNumber());
  }
  const stats = returnStats(curve, 1, DAYS_PER_YEAR);
  const start = window[0]!;
  const end = window[window.length - 1]!;
  return {
    from: start.at,
    to: end.at,
    partial,
    startEquity: start.equity,
    endEquity: end.equity,
    pnl: end.equity.minus(start.equity).minus(flows),
    totalReturn: curve.length ? index.minus(1).toNumber() : null,
    maxDrawdown: curve.length ? maxDrawdown(curve, 1) : null,
    sharpe: stats.sharpe,
    sortino: stats.sortino,
    returns: curve.length,
  };
}

type TradeStats = Pick<PeriodPerformance, 'trades' | 'winRate' | 'profitFactor' | 'expectancy' | 'best' | 'worst' | 'grossProfit' | 'grossLoss'>;

function tradeStats(trades: readonly ClosedTrade[]): TradeStats {
  let wins = 0;
  let grossProfit = ZERO;
  let grossLoss = ZERO;
  let best: Decimal | null = null;
  let worst: Decimal | null = null;
  for (const { pnl } of trades) {
    if (pnl.gt(0)) {
      wins++;
      grossProfit = grossProfit.plus(pnl);
    } else grossLoss = grossLoss.minus(pnl);
    if (best === null || pnl.gt(best)) best = pnl;
    if (worst === null || pnl.lt(worst)) worst = pnl;
  }
  const n = trades.length;
  return {
    trades: n,
    winRate: n ? wins / n : null,
    profitFactor: grossLoss.gt(0) ? grossProfit.div(grossLoss).toNumber() : null,
    expectancy: n ? grossProfit.minus(grossLoss).div(n) : null,
    best,
    worst,
    grossProfit,
    grossLoss,
  };
}
