import { minDec, type Decimal } from '../shared/decimal.js';
import { formatMoney } from '../shared/number-format.js';
import { exposureOf } from './exposure.js';
import type { RiskFacts, RiskOrder } from './facts.js';
import type { RiskLimits } from './limits.js';
import { duration, iso, nextUtcDay, pct, round2, utcDayStart, utcTime } from './risk-text.js';
import { allow, verdict, type RiskVerdict } from './verdict.js';

export interface DailyLoss {
  /** false: no equity snapshot for today's 00:00 UTC, so the loss cannot be measured. */
  known: boolean;
  /** The worst fall since 00:00 UTC (the lower of the day's low and equity now), in percent. */
  worstPct: number;
  /** The fall from 00:00 UTC to now, in percent (negative: up on the day). */
  nowPct: number;
  hit: boolean;
  /** When new risk is allowed again: the next 00:00 UTC. */
  until: number;
  low: Decimal | null;
}

export function dailyLossOf(now: number, facts: Pick<RiskFacts, 'equity' | 'day'>, limits: Pick<RiskLimits, 'dailyLossPct'>): DailyLoss {
  const until = nextUtcDay(now);
  const day = facts.day;
  // A snapshot from another day says nothing about today.
  if (!day || day.start !== utcDayStart(now) || day.equity.lte(0)) return { known: false, worstPct: 0, nowPct: 0, hit: false, until, low: null };
  const low = minDec(day.low ?? facts.equity, facts.equity);
  const worst = day.equity.minus(low);
  return {
    known: true,
    worstPct: worst.div(day.equity).mul(100).toNumber(),
    nowPct: day.equity.minus(facts.equity).div(day.equity).mul(100).toNumber(),
    hit: worst.gte(day.equity.mul(limits.dailyLossPct).div(100)),
    until,
    low,
  };
}

/**
 * daily_loss: once equity has fallen `dailyLossPct` below its 00:00 UTC snapshot (realized and
 * unrealized: it is the equity that fell), orders that add risk are blocked until the next 00:00
 * UTC — even if equity recovers meanwhile, which is why the day's low counts.
 */
export function dailyLossRule(now: number, order: RiskOrder, facts: Pick<RiskFacts, 'equity' | 'day' | 'cash' | 'holdings'>, limits: Pick<RiskLimits, 'dailyLossPct'>): RiskVerdict {
  if (!exposureOf(order, facts).addsRisk) return allow('daily_loss', 'no_new_risk');
  const loss = dailyLossOf(now, facts, limits);
  if (!loss.known) return allow('daily_loss', 'no_snapshot');
  if (!loss.hit) return allow('daily_loss');
  const start = facts.day!.equity;
  return verdict(
    'daily_loss',
    'block',
    'limit_hit',
    `Your equity fell ${pct(loss.worstPct)} today (from ${formatMoney(start, facts.cash)} at 00:00 UTC to ${formatMoney(loss.low!, facts.cash)}; the daily limit is ${pct(limits.dailyLossPct)}): new risk is blocked until ${utcTime(loss.until)} (in ${duration(loss.until - now)}). Selling, stops and cancels still work.`,
    { lossPct: round2(loss.worstPct), limitPct: limits.dailyLossPct, dayStartEquity: start.toFixed(), low: loss.low!.toFixed(), until: iso(loss.until) },
  );
}
