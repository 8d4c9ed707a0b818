import type { PortfolioSnapshot } from '../../assistant/portfolio-snapshot.js';
import type { Decimal } from '../../shared/decimal.js';
import { PERFORMANCE_PERIODS } from '../../trading/performance.js';

const money = (d: Decimal | null | undefined): string | null => (d ? d.toFixed(2) : null);
const exact = (d: Decimal | null | undefined): string | null => (d ? d.toFixed() : null);

/**
 * The snapshot as JSON: amounts as strings (exact decimals, no float drift), money rounded to the
 * cent, times as ISO strings; field names as the API's (`total_value`, `positions`, `daily_pnl`,
 * `total_pnl`). Read-only by construction: it carries no confirmation id, nothing to act on.
 */
export function snapshotJson(s: PortfolioSnapshot) {
  const p = s.portfolio;
  const perf = s.performance;
  return {
    at: new Date(s.at).toISOString(),
    account: { id: s.account.id, exchange: s.account.exchange, mode: s.account.mode, label: s.account.label, paper: p.paper },
    total_value: money(p.equityUsdt),
    quote: 'USDT',
    cash: { asset: p.cash.asset, free: exact(p.cash.free), locked: exact(p.cash.locked) },
    total_pnl: money(p.totalPnlUsdt),
    total_pnl_pct: p.totalPnlPct ? p.totalPnlPct.toFixed(2) : null,
    realized_pnl: money(p.realizedPnlUsdt),
    unrealized_pnl: money(p.unrealizedPnlUsdt),
    fees: money(perf.fees),
    daily_pnl: money(perf.periods['1d'].pnl),
    unpriced: p.unpriced,
    positions: p.holdings.map((h) => ({
      asset: h.asset,
      amount: exact(h.amount),
      locked: exact(h.locked),
      price: exact(h.price),
      value: money(h.valueUsdt),
      avg_entry: exact(h.avgEntryUsdt),
      unrealized_pnl: money(h.unrealizedPnlUsdt),
      unrealized_pnl_pct: h.unrealizedPnlPct ? h.unrealizedPnlPct.toFixed(2) : null,
    })),
    open_orders: s.openOrders.map((o) => ({
      id: o.id,
      symbol: o.symbol,
      side: o.side,
      type: o.type,
      amount: o.amount,
      price: o.price,
      trigger_price: o.triggerPrice,
      filled: o.filled,
      status: o.status,
      price_decimals: o.priceDecimals ?? null,
      updated_at: o.updatedAt.toISOString(),
    })),
    fills: s.fills.map((o) => ({
      id: o.id,
      symbol: o.symbol,
      side: o.side,
      type: o.type,
      filled: o.filled,
      average: o.average,
      cost: o.cost,
      fee: o.fee,
      fee_currency: o.feeCurrency,
      price_decimals: o.priceDecimals ?? null,
      at: o.updatedAt.toISOString(),
    })),
    alerts: s.alerts.map((a) =>
      a.kind === 'level'
        ? { id: a.id, kind: a.kind, symbol: a.symbol, direction: a.direction, price: a.price, repeats: a.cooldownMs !== null }
        : { id: a.id, kind: a.kind, symbol: a.symbol, direction: a.direction, move_pct: a.pct, window_minutes: Math.round(a.windowMs / 60_000), repeats: a.cooldownMs !== null },
    ),
    periods: Object.fromEntries(PERFORMANCE_PERIODS.map((k) => [k, { total_return: perf.periods[k].totalReturn, max_drawdown: perf.periods[k].maxDrawdown, pnl: money(perf.periods[k].pnl) }])),
    equity_curve: perf.curve.map((point) => ({ at: new Date(point.at).toISOString(), equity: money(point.equity) })),
  };
}

export type SnapshotJson = ReturnType<typeof snapshotJson>;
