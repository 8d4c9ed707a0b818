// Turns what the trading core already has (a plan, a portfolio, the order journal) into the risk
// rules' order and facts, so the caller only fetches and calls. The rules themselves import no
// trading type: a type in trading/ may then refer to a verdict without an import cycle.
import { dec, ZERO, type Decimal } from '../shared/decimal.js';
import type { Market } from '../market/types.js';
import type { Portfolio } from '../trading/portfolio.js';
import { ACTIVE_STATUSES, type OrderPlan, type TrackedOrder } from '../trading/types.js';
import type { HoldingFact, OpenOrderFact, RiskFacts, RiskTrade } from './facts.js';

/**
 * The order a plan would send. `quoteValue`: one unit of the market's quote in the reference
 * currency (1 for a USDT market; the quote's USDT price otherwise).
 */
export function riskTradeFromPlan(plan: OrderPlan, market: Pick<Market, 'amountStep'>, quoteValue: Decimal = dec(1)): RiskTrade {
  return {
    kind: 'trade',
    symbol: plan.symbol,
    base: plan.base,
    quote: plan.quote,
    side: plan.side,
    type: plan.type,
    amount: dec(plan.amount),
    price: dec(plan.estAveragePrice),
    ...(plan.limitPrice ? { limitPrice: dec(plan.limitPrice) } : {}),
    marketPrice: dec(plan.midPrice),
    feeRate: dec(plan.feeRate),
    amountStep: market.amountStep,
    quoteValue,
  };
}

/** Equity and priced holdings from a portfolio (unpriced assets are in neither, as in the portfolio). */
export function portfolioFacts(portfolio: Portfolio): Pick<RiskFacts, 'cash' | 'equity' | 'holdings'> {
  const holdings: HoldingFact[] = portfolio.holdings.filter((h) => h.price !== null).map((h) => ({ asset: h.asset, amount: h.amount, price: h.price! }));
  return { cash: portfolio.cash.asset, equity: portfolio.equityUsdt, holdings };
}

/** A value in the reference currency for one unit of `quote`; null when it cannot be priced. */
export type QuoteValue = (quote: string) => Decimal | null;

function priceOf(order: TrackedOrder): Decimal {
  return dec(order.average ?? order.price ?? order.triggerPrice ?? 0);
}

/** The user's active orders: what each would acquire and the value of its unfilled part. */
export function openOrderFacts(orders: readonly TrackedOrder[], quoteValue: QuoteValue): OpenOrderFact[] {
  return orders
    .filter((o) => ACTIVE_STATUSES.includes(o.status))
    .map((o) => {
      const [base, quote] = o.symbol.split('/') as [string, string];
      const rest = dec(o.amount).minus(o.filled);
      return { acquires: o.side === 'buy' ? base : quote, value: rest.gt(0) ? rest.mul(priceOf(o)).mul(quoteValue(quote) ?? ZERO) : ZERO };
    });
}

/** The user's recent orders with something filled (or still open), by the value they moved. */
export function recentOrderFacts(orders: readonly TrackedOrder[], quoteValue: QuoteValue): RiskFacts['recentOrders'] {
  return orders
    .filter((o) => o.type === 'market' || o.type === 'limit')
    .filter((o) => dec(o.filled).gt(0) || ACTIVE_STATUSES.includes(o.status))
    .map((o) => {
      const quote = o.symbol.split('/')[1]!;
      const moved = dec(o.cost).gt(0) ? dec(o.cost) : dec(o.amount).mul(priceOf(o));
      return { at: o.updatedAt.getTime(), value: moved.mul(quoteValue(quote) ?? ZERO) };
    })
    .filter((o) => o.value.gt(0));
}

/**
 * Stop-losses that filled, for the cooldown. The journal does not keep a fill's realized P&L per
 * order: pass `pnlOf` (e.g. from AppliedUpdate.realizedPnlUsdt, stored with the event) to leave
 * out stops that closed in profit; without it every filled stop counts.
 */
export function stopLossFacts(orders: readonly TrackedOrder[], pnlOf?: (order: TrackedOrder) => Decimal | undefined): RiskFacts['stopLosses'] {
  return orders
    .filter((o) => o.type === 'stop_loss' && dec(o.filled).gt(0))
    .map((o) => {
      const pnl = pnlOf?.(o);
      return pnl === undefined ? { at: o.updatedAt.getTime() } : { at: o.updatedAt.getTime(), pnl };
    });
}
