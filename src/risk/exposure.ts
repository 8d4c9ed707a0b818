import { ZERO, type Decimal } from '../shared/decimal.js';
import type { RiskFacts, RiskOrder } from './facts.js';

/** Coins pegged to the US dollar: holding them is holding cash, for a USDT-valued account. */
export const STABLECOINS: ReadonlySet<string> = new Set(['USDT', 'USDC', 'FDUSD', 'BUSD', 'DAI', 'TUSD', 'USDP', 'USD']);

export function isCash(asset: string, cash: string): boolean {
  return asset === cash || STABLECOINS.has(asset);
}

/**
 * Why an order does or does not add risk:
 * - buy: acquires the base coin (with cash or with another coin) — adds risk;
 * - sell_into_coin: a sale whose quote is a coin (ETH/BTC) acquires that coin — adds risk in it;
 * - sell_more_than_held: sells more than the holding (a short) — adds risk;
 * - exit: a sale of at most what is held, into cash — never adds risk;
 * - into_cash: a "buy" whose base is cash (USDC/USDT) — no risk;
 * - protective: a stop-loss or take-profit that sells — never adds risk, whatever it sells into;
 * - cancel: cancelling orders — never adds risk.
 */
export type ExposureReason = 'buy' | 'sell_into_coin' | 'sell_more_than_held' | 'exit' | 'into_cash' | 'protective' | 'cancel';

export interface Exposure {
  addsRisk: boolean;
  reason: ExposureReason;
  /** The asset whose exposure grows; null when none does. */
  acquires: string | null;
  /** What the order moves, in the reference currency (amount × price × quote value); 0 for a cancel. */
  value: Decimal;
}

/**
 * Whether an order adds risk, and to what. The rules that guard the account (paused, drawdown,
 * daily loss, cooldown, open orders, position size) look only at orders that add risk, so exits,
 * stops, take-profits and cancels always go through.
 */
export function exposureOf(order: RiskOrder, facts: Pick<RiskFacts, 'cash' | 'holdings'>): Exposure {
  if (order.kind === 'cancel') return { addsRisk: false, reason: 'cancel', acquires: null, value: ZERO };
  const value = order.amount.mul(order.price).mul(order.quoteValue);
  const no = (reason: ExposureReason): Exposure => ({ addsRisk: false, reason, acquires: null, value });
  if (order.side === 'sell' && (order.type === 'stop_loss' || order.type === 'take_profit')) return no('protective');
  if (order.side === 'buy') {
    return isCash(order.base, facts.cash) ? no('into_cash') : { addsRisk: true, reason: 'buy', acquires: order.base, value };
  }
  if (order.amount.gt(heldAmount(facts, order.base))) {
    return { addsRisk: true, reason: 'sell_more_than_held', acquires: isCash(order.quote, facts.cash) ? null : order.quote, value };
  }
  if (isCash(order.quote, facts.cash)) return no('exit');
  return { addsRisk: true, reason: 'sell_into_coin', acquires: order.quote, value };
}

export function heldAmount(facts: Pick<RiskFacts, 'holdings'>, asset: string): Decimal {
  return facts.holdings.filter((h) => h.asset === asset).reduce((sum, h) => sum.plus(h.amount), ZERO);
}

/** Value of a holding in the reference currency (0 when not held). */
export function heldValue(facts: Pick<RiskFacts, 'holdings'>, asset: string): Decimal {
  return facts.holdings.filter((h) => h.asset === asset).reduce((sum, h) => sum.plus(h.amount.mul(h.price)), ZERO);
}

/** Value of the open orders that would acquire `asset` if they filled. */
export function pendingValue(facts: Pick<RiskFacts, 'openOrders'>, asset: string): Decimal {
  return facts.openOrders.filter((o) => o.acquires === asset).reduce((sum, o) => sum.plus(o.value), ZERO);
}

/** Share of `whole` in percent, as a float for messages and parameters; null when whole ≤ 0. */
export function sharePct(part: Decimal, whole: Decimal): number | null {
  return whole.gt(0) ? part.div(whole).mul(100).toNumber() : null;
}
