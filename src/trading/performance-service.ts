import type { Clock } from '../shared/clock.js';
import { dec, ZERO, type Decimal } from '../shared/decimal.js';
import { performanceReport, type EquityPoint, type PerformancePeriod, type PeriodPerformance } from './performance.js';
import { pnlLedger, type LedgerFill } from './performance-ledger.js';
import { CASH_ASSET } from './position-accounting.js';
import type { EquityBook } from './risk-ports.js';
import type { TradingService } from './trading-service.js';
import type { Account, TrackedOrder } from './types.js';

/** What /performance shows: the numbers per period, the equity curve they come from, and the P&L from the fills. */
export interface PerformanceView {
  account: Account;
  paper: boolean;
  exchange: string;
  now: number;
  equityNow: Decimal;
  periods: Record<PerformancePeriod, PeriodPerformance>;
  /** The curve: each UTC day's opening equity, then the equity now. */
  curve: EquityPoint[];
  realizedPnl: Decimal;
  unrealizedPnl: Decimal;
  fees: Decimal;
  /** Fills the trade statistics count (orders with something filled). */
  fills: number;
}

/**
 * /performance: returns, drawdown, Sharpe and Sortino per period from the daily equity snapshots
 * (the risk job writes one per account per UTC day) plus the equity now, and the trade statistics
 * from the account's fills (average cost, as the portfolio counts them). Deposits and withdrawals
 * are not told apart yet: on a live account they count as performance.
 */
export class PerformanceService {
  constructor(private readonly deps: { trading: TradingService; equity: EquityBook; clock: Clock }) {}

  async view(who: { userId: number; account: Account }): Promise<PerformanceView> {
    const now = this.deps.clock.now();
    const [portfolio, filled] = await Promise.all([this.deps.trading.portfolio(who.account), this.deps.trading.orders(who.userId, { accountId: who.account.id, filledOnly: true, limit: 500 })]);
    // This reading is a mark too: today's row exists before the curve is drawn from the rows.
    await this.deps.equity.mark(who.account.id, new Date(now), portfolio.equityUsdt);
    const days = await this.deps.equity.days(who.account.id, 400);
    const curve: EquityPoint[] = days.map((d) => ({ at: d.day, equity: d.open }));
    if (curve.length === 0 || curve[curve.length - 1]!.at < now) curve.push({ at: now, equity: portfolio.equityUsdt });

    const prices = new Map<string, Decimal>(portfolio.holdings.filter((h) => h.price !== null).map((h) => [h.asset, h.price!]));
    prices.set(CASH_ASSET, dec(1));
    const ledger = pnlLedger([], filled.map((o) => fillOf(o, prices)).filter((f): f is LedgerFill => f !== null), (asset) => prices.get(asset) ?? null);
    return {
      account: who.account,
      paper: portfolio.paper,
      exchange: portfolio.exchange,
      now,
      equityNow: portfolio.equityUsdt,
      periods: performanceReport(now, curve, ledger.closedTrades),
      curve,
      realizedPnl: ledger.realizedPnlUsdt,
      unrealizedPnl: ledger.unrealizedPnlUsdt,
      fees: ledger.feesUsdt,
      fills: filled.length,
    };
  }
}

/** An order's fills as one ledger fill (the journal keeps their sum). A quote other than USDT is valued at today's price: an approximation. */
function fillOf(order: TrackedOrder, prices: ReadonlyMap<string, Decimal>): LedgerFill | null {
  const [base, quote] = order.symbol.split('/') as [string, string];
  const amount = dec(order.filled);
  if (amount.lte(0)) return null;
  return {
    at: order.updatedAt.getTime(),
    orderId: order.id,
    base,
    quote,
    side: order.side,
    amount,
    cost: dec(order.cost),
    fee: dec(order.fee),
    feeCurrency: order.feeCurrency || quote,
    quoteUsdt: quote === CASH_ASSET ? dec(1) : (prices.get(quote) ?? ZERO),
  };
}
