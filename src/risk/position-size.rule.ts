import { dec, decString, floorToStep, maxDec, ZERO, type Decimal } from '../shared/decimal.js';
import { formatAmount, formatMoney } from '../shared/number-format.js';
import { exposureOf, heldValue, pendingValue } from './exposure.js';
import type { RiskFacts, RiskOrder, RiskTrade } from './facts.js';
import type { RiskLimits } from './limits.js';
import { pct, round2 } from './risk-text.js';
import { allow, verdict, type RiskVerdict } from './verdict.js';

export interface PositionRoom {
  /** The asset the order acquires. */
  asset: string;
  /** What is held in it now plus what open orders would add, in the reference currency. */
  before: Decimal;
  /** The same after this order. */
  after: Decimal;
  /** Portfolio value after this order: equity less the order's fee. */
  equityAfter: Decimal;
  /** The position limit, in the reference currency, on the equity after this order. */
  limit: Decimal;
  /** after ≤ limit */
  fits: boolean;
  /** The largest base amount of this order that fits, on the market's step (0 when none does). */
  maxAmount: Decimal;
  maxValue: Decimal;
}

/**
 * Room for an order in the position it builds. With V held (and pending) in the acquired asset,
 * equity E, the order's value W and fee rate f, the limit L (a fraction) holds when
 *   V + W ≤ L · (E − W·f)   ⇔   W ≤ (L·E − V) / (1 + L·f),
 * which gives the largest amount that passes. The fee counts against equity (it leaves the
 * account); the value acquired is counted before its fee, which can only overstate the position.
 */
export function positionRoom(order: RiskTrade, asset: string, facts: Pick<RiskFacts, 'equity' | 'holdings' | 'openOrders'>, limits: Pick<RiskLimits, 'maxPositionPct'>): PositionRoom {
  const share = dec(limits.maxPositionPct).div(100);
  const before = heldValue(facts, asset).plus(pendingValue(facts, asset));
  const unitValue = order.price.mul(order.quoteValue);
  const value = order.amount.mul(unitValue);
  const after = before.plus(value);
  const equityAfter = facts.equity.minus(value.mul(order.feeRate));
  const limit = share.mul(equityAfter);
  const room = maxDec(ZERO, share.mul(facts.equity).minus(before).div(share.mul(order.feeRate).plus(1)));
  const maxAmount = unitValue.gt(0) ? floorToStep(room.div(unitValue), order.amountStep) : ZERO;
  return { asset, before, after, equityAfter, limit, fits: after.lte(limit), maxAmount, maxValue: maxAmount.mul(unitValue) };
}

/**
 * position_size: no position may exceed `maxPositionPct` of the portfolio value after the order
 * (open orders that would add to it count). Blocks, saying the largest amount that passes.
 */
export function positionSizeRule(_now: number, order: RiskOrder, facts: Pick<RiskFacts, 'equity' | 'holdings' | 'openOrders' | 'cash'>, limits: Pick<RiskLimits, 'maxPositionPct'>): RiskVerdict {
  const exposure = exposureOf(order, facts);
  if (order.kind === 'cancel' || !exposure.addsRisk || exposure.acquires === null) return allow('position_size', 'no_new_risk');
  const room = positionRoom(order, exposure.acquires, facts, limits);
  if (room.fits) return allow('position_size');
  const asset = room.asset;
  const afterPct = room.equityAfter.gt(0) ? room.after.div(room.equityAfter).mul(100).toNumber() : 100;
  const beforePct = facts.equity.gt(0) ? room.before.div(facts.equity).mul(100).toNumber() : 100;
  const pending = pendingValue(facts, asset).gt(0) ? ', counting your open orders' : '';
  const verb = order.side === 'buy' ? 'buy' : 'sell';
  const params = {
    asset,
    limitPct: limits.maxPositionPct,
    afterPct: round2(afterPct),
    positionValue: decString(room.after),
    maxAmount: decString(room.maxAmount),
    maxValue: decString(room.maxValue),
    unit: order.base,
  };
  if (room.maxAmount.lte(0)) {
    return verdict(
      'position_size',
      'block',
      'limit_reached',
      `${asset} is already ${pct(beforePct)} of your portfolio${pending} (the limit per position is ${pct(limits.maxPositionPct)}): no more can be added.`,
      params,
    );
  }
  return verdict(
    'position_size',
    'block',
    'too_large',
    `A position may be at most ${pct(limits.maxPositionPct)} of your portfolio; after this order ${asset} would be ${pct(afterPct)} (${formatMoney(room.after, facts.cash)}${pending}). The most you can ${verb} is ${formatAmount(room.maxAmount)} ${order.base} (${formatMoney(room.maxValue, facts.cash)}).`,
    params,
    { amount: decString(room.maxAmount), value: decString(room.maxValue) },
  );
}
