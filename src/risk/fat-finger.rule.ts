import type { Decimal } from '../shared/decimal.js';
import { formatMoney, formatPrice } from '../shared/number-format.js';
import { exposureOf } from './exposure.js';
import type { RiskFacts, RiskOrder } from './facts.js';
import type { RiskLimits } from './limits.js';
import { pct, round2 } from './risk-text.js';
import { allow, verdict, type RiskVerdict } from './verdict.js';

/** Fewer recent orders than this make no "usual" size. */
export const MIN_USUAL_ORDERS = 5;

/** Median value of the user's newest `history` orders; null with fewer than MIN_USUAL_ORDERS. */
export function usualOrderValue(facts: Pick<RiskFacts, 'recentOrders'>, history: number): Decimal | null {
  const values = [...facts.recentOrders]
    .sort((a, b) => b.at - a.at)
    .slice(0, history)
    .map((o) => o.value)
    .sort((a, b) => a.comparedTo(b));
  if (values.length < MIN_USUAL_ORDERS) return null;
  const mid = Math.floor(values.length / 2);
  return values.length % 2 ? values[mid]! : values[mid - 1]!.plus(values[mid]!).div(2);
}

/**
 * fat_finger: a limit price far from the market on the side where it would fill at once (a buy
 * above, a sell below), or a size far above the user's usual, needs a second, explicit
 * confirmation. It applies to sales too — selling at a tenth of the price is the classic slip —
 * but never blocks them. Stops, take-profits and cancels are not judged.
 */
export function fatFingerRule(_now: number, order: RiskOrder, facts: Pick<RiskFacts, 'recentOrders' | 'cash' | 'holdings'>, limits: Pick<RiskLimits, 'fatFingerPricePct' | 'fatFingerSizeMultiple' | 'fatFingerHistory'>): RiskVerdict {
  if (order.kind === 'cancel' || order.type === 'stop_loss' || order.type === 'take_profit') return allow('fat_finger', 'not_judged');
  const reasons: string[] = [];
  const params: Record<string, string | number> = {};
  const market = order.marketPrice;
  if (order.type === 'limit' && order.limitPrice && market.gt(0)) {
    const away = order.limitPrice.minus(market).div(market).mul(100);
    const wrongSide = order.side === 'buy' ? away.gt(limits.fatFingerPricePct) : away.neg().gt(limits.fatFingerPricePct);
    if (wrongSide) {
      params.awayPct = round2(away.abs().toNumber());
      params.limitPrice = order.limitPrice.toFixed();
      params.marketPrice = market.toFixed();
      reasons.push(
        `Your limit of ${formatPrice(order.limitPrice)} is ${pct(away.abs())} ${order.side === 'buy' ? 'above' : 'below'} the market (${formatPrice(market)}): it would ${order.side} at once at whatever the book offers.`,
      );
    }
  }
  const usual = usualOrderValue(facts, limits.fatFingerHistory);
  const value = exposureOf(order, facts).value;
  if (usual && usual.gt(0) && value.gt(usual.mul(limits.fatFingerSizeMultiple))) {
    const times = value.div(usual);
    params.value = value.toFixed();
    params.usualValue = usual.toFixed();
    params.times = round2(times.toNumber());
    reasons.push(`This order (${formatMoney(value, facts.cash)}) is ${times.toFixed(1)}× the median of your recent orders (${formatMoney(usual, facts.cash)}).`);
  }
  if (reasons.length === 0) return allow('fat_finger');
  const reason = params.awayPct !== undefined ? (params.times !== undefined ? 'price_and_size' : 'price') : 'size';
  return verdict('fat_finger', 'confirm_twice', reason, `${reasons.join(' ')} Confirm it a second time if that is what you mean.`, params);
}
