import { exposureOf } from './exposure.js';
import type { RiskFacts, RiskOrder } from './facts.js';
import type { RiskLimits } from './limits.js';
import { allow, verdict, type RiskVerdict } from './verdict.js';

/**
 * open_orders: at `maxOpenOrders` open orders, a new order that adds risk and would rest (a limit
 * order) is refused. Market orders do not rest; sales, stops and take-profits are never refused.
 */
export function openOrdersRule(_now: number, order: RiskOrder, facts: Pick<RiskFacts, 'openOrders' | 'cash' | 'holdings'>, limits: Pick<RiskLimits, 'maxOpenOrders'>): RiskVerdict {
  if (order.kind === 'cancel' || !exposureOf(order, facts).addsRisk) return allow('open_orders', 'no_new_risk');
  if (order.type === 'market') return allow('open_orders', 'does_not_rest');
  const count = facts.openOrders.length;
  if (count < limits.maxOpenOrders) return allow('open_orders');
  return verdict('open_orders', 'block', 'too_many', `You have ${count} open orders (the most is ${limits.maxOpenOrders}): cancel one before placing another. Market orders, sales and stops still work.`, {
    openOrders: count,
    maxOpenOrders: limits.maxOpenOrders,
  });
}
