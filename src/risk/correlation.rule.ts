import { dec, ZERO } from '../shared/decimal.js';
import { formatMoney } from '../shared/number-format.js';
import { alignedReturns, pearson } from './candle-math.js';
import { exposureOf, heldValue, isCash, pendingValue } from './exposure.js';
import type { RiskFacts, RiskOrder } from './facts.js';
import type { RiskLimits } from './limits.js';
import { pct, round2 } from './risk-text.js';
import { allow, verdict, type RiskVerdict } from './verdict.js';

/** Fewer common returns than this say nothing about how two assets move. */
export const MIN_CORRELATION_RETURNS = 20;

export interface CorrelatedHolding {
  asset: string;
  correlation: number;
}

/**
 * The holdings that move with `asset`: Pearson correlation of their last `correlationLookback`
 * candle returns above `correlationThreshold`, strongest first. Pairs with too little common
 * history are left out: too few returns say nothing either way.
 */
export function correlatedHoldings(asset: string, facts: Pick<RiskFacts, 'candles' | 'holdings' | 'openOrders' | 'cash'>, limits: Pick<RiskLimits, 'correlationThreshold' | 'correlationLookback'>): CorrelatedHolding[] {
  const mine = facts.candles[asset];
  if (!mine) return [];
  const others = new Set([...facts.holdings.filter((h) => h.amount.gt(0)).map((h) => h.asset), ...facts.openOrders.map((o) => o.acquires)]);
  const out: CorrelatedHolding[] = [];
  for (const other of others) {
    if (other === asset || isCash(other, facts.cash)) continue;
    const theirs = facts.candles[other];
    if (!theirs) continue;
    const [a, b] = alignedReturns(mine, theirs, limits.correlationLookback);
    if (a.length < MIN_CORRELATION_RETURNS) continue;
    const r = pearson(a, b);
    if (r !== null && r > limits.correlationThreshold) out.push({ asset: other, correlation: r });
  }
  return out.sort((x, y) => y.correlation - x.correlation);
}

/**
 * correlation: warns when an order raises the exposure to a group of assets that move together
 * (the acquired asset and every holding correlated with it) above `maxCorrelatedPct` of equity.
 * A lone asset is the position-size rule's business; this one speaks only of a group.
 */
export function correlationRule(_now: number, order: RiskOrder, facts: Pick<RiskFacts, 'candles' | 'holdings' | 'openOrders' | 'cash' | 'equity'>, limits: Pick<RiskLimits, 'correlationThreshold' | 'correlationLookback' | 'maxCorrelatedPct'>): RiskVerdict {
  const exposure = exposureOf(order, facts);
  if (order.kind === 'cancel' || !exposure.addsRisk || exposure.acquires === null) return allow('correlation', 'no_new_risk');
  const asset = exposure.acquires;
  if (!facts.candles[asset]) return allow('correlation', 'not_enough_data', { asset });
  const group = correlatedHoldings(asset, facts, limits);
  if (group.length === 0) return allow('correlation', 'no_correlated_holdings', { asset });
  const valueOf = (a: string) => heldValue(facts, a).plus(pendingValue(facts, a));
  const groupValue = group.reduce((sum, g) => sum.plus(valueOf(g.asset)), valueOf(asset).plus(exposure.value));
  const equityAfter = facts.equity.minus(exposure.value.mul(order.feeRate));
  const limit = equityAfter.mul(dec(limits.maxCorrelatedPct).div(100));
  const share = equityAfter.gt(0) ? groupValue.div(equityAfter).mul(100).toNumber() : 100;
  const params = {
    asset,
    group: [asset, ...group.map((g) => g.asset)].join(','),
    correlations: group.map((g) => `${g.asset}:${g.correlation.toFixed(2)}`).join(','),
    groupPct: round2(share),
    limitPct: limits.maxCorrelatedPct,
    groupValue: groupValue.toFixed(),
  };
  if (groupValue.lte(limit) || equityAfter.lte(ZERO)) return allow('correlation', 'ok', params);
  const names = group.map((g) => `${g.asset} (${g.correlation.toFixed(2)})`);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
  return verdict(
    'correlation',
    'warn',
    'group_too_large',
    `${asset} moves with ${list}: together they would be ${pct(share)} of your portfolio (${formatMoney(groupValue, facts.cash)}; the limit for assets that move together is ${pct(limits.maxCorrelatedPct)}). A fall in one is likely a fall in all.`,
    params,
  );
}
