import { maxDec, type Decimal } from '../shared/decimal.js';
import { formatMoney } from '../shared/number-format.js';
import { exposureOf } from './exposure.js';
import type { RiskFacts, RiskOrder } from './facts.js';
import type { RiskLimits } from './limits.js';
import { pct, round2 } from './risk-text.js';
import { allow, verdict, type RiskVerdict } from './verdict.js';

export interface Drawdown {
  /** The peak the drawdown is measured from: the tracked peak, or equity now when that is higher. */
  peak: Decimal;
  /** How far equity is below the peak, in percent (0 at or above it). */
  pct: number;
  breached: boolean;
}

export function drawdownOf(facts: Pick<RiskFacts, 'equity' | 'peakEquity'>, limits: Pick<RiskLimits, 'maxDrawdownPct'>): Drawdown {
  const peak = maxDec(facts.peakEquity ?? facts.equity, facts.equity);
  if (peak.lte(0)) return { peak, pct: 0, breached: false };
  const fall = peak.minus(facts.equity);
  return { peak, pct: fall.div(peak).mul(100).toNumber(), breached: fall.gte(peak.mul(limits.maxDrawdownPct).div(100)) };
}

/**
 * max_drawdown: equity `maxDrawdownPct` below its peak pauses the account. The pause is the
 * caller's state: this rule says `pause` (for an order that adds risk, which it also stops) or
 * warns `pausing` (for an exit, which goes ahead), and `evaluateRisk` hands either back as its
 * `pause`, so the caller flips the kill switch. Once paused, the `paused` rule speaks instead.
 */
export function maxDrawdownRule(_now: number, order: RiskOrder, facts: Pick<RiskFacts, 'equity' | 'peakEquity' | 'paused' | 'cash' | 'holdings'>, limits: Pick<RiskLimits, 'maxDrawdownPct'>): RiskVerdict {
  if (facts.paused) return allow('max_drawdown', 'already_paused');
  const dd = drawdownOf(facts, limits);
  if (!dd.breached) return allow('max_drawdown');
  const params = { drawdownPct: round2(dd.pct), limitPct: limits.maxDrawdownPct, peak: dd.peak.toFixed(), equity: facts.equity.toFixed() };
  const fell = `Your equity (${formatMoney(facts.equity, facts.cash)}) is ${pct(dd.pct)} below its peak of ${formatMoney(dd.peak, facts.cash)} (the limit is ${pct(limits.maxDrawdownPct)})`;
  if (!exposureOf(order, facts).addsRisk) {
    return verdict('max_drawdown', 'warn', 'pausing', `${fell}: the account is being paused for new risk. This order only reduces risk, so it can go ahead.`, params);
  }
  return verdict('max_drawdown', 'pause', 'breached', `${fell}: the account is paused and takes no new risk until you resume it. Selling, stops and cancels still work.`, params);
}
