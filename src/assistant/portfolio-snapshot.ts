import type { AccountService } from '../accounts/account-service.js';
import type { AlertService } from '../alerts/alert-service.js';
import type { PriceAlert } from '../alerts/types.js';
import type { Clock } from '../shared/clock.js';
import type { PerformanceService, PerformanceView } from '../trading/performance-service.js';
import type { Portfolio } from '../trading/portfolio.js';
import type { TradingService } from '../trading/trading-service.js';
import type { Account, TrackedOrder } from '../trading/types.js';

/** Everything the read-only web view shows, read at one moment for the user's active account. */
export interface PortfolioSnapshot {
  at: number;
  account: Account & { label: string };
  portfolio: Portfolio;
  openOrders: TrackedOrder[];
  /** The newest fills first. */
  fills: TrackedOrder[];
  alerts: PriceAlert[];
  /** Return and drawdown per period, and the equity curve (each UTC day's opening equity, then now). */
  performance: Pick<PerformanceView, 'periods' | 'curve' | 'realizedPnl' | 'unrealizedPnl' | 'fees'>;
}

/**
 * The portfolio as the web view (and `GET` routes) read it: the same use cases the chat's
 * /portfolio, /orders, /alerts and /performance call, put side by side. It changes nothing.
 */
export class PortfolioSnapshots {
  constructor(private readonly deps: { accounts: AccountService; trading: TradingService; alerts: AlertService; performance: PerformanceService; clock: Clock }) {}

  async of(userId: number, options: { fills?: number } = {}): Promise<PortfolioSnapshot> {
    const { accounts, trading, alerts, performance, clock } = this.deps;
    const view = await accounts.active(userId);
    const account: Account = { id: view.id, userId, exchange: view.exchange, mode: view.mode };
    const who = { userId, account };
    const [portfolio, orders, history, active, perf] = await Promise.all([
      trading.portfolio(account),
      trading.orderList(who),
      trading.tradeHistory(who, 0, options.fills ?? 10),
      alerts.active(userId),
      performance.view(who),
    ]);
    return {
      at: clock.now(),
      account: { ...account, label: view.label },
      portfolio,
      openOrders: orders.open,
      fills: history.trades,
      alerts: active,
      performance: { periods: perf.periods, curve: perf.curve, realizedPnl: perf.realizedPnl, unrealizedPnl: perf.unrealizedPnl, fees: perf.fees },
    };
  }
}
