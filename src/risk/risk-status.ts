import type { Decimal } from '../shared/decimal.js';
import { cooldownOf } from './cooldown.rule.js';
import { dailyLossOf } from './daily-loss.rule.js';
import type { RiskFacts } from './facts.js';
import type { RiskLimits } from './limits.js';
import { drawdownOf } from './max-drawdown.rule.js';

/** The account-wide guards as they stand, for the /risk menu or an API status: no order involved. */
export interface RiskStatus {
  paused: boolean;
  /** The drawdown limit is crossed and the account is not paused yet: pause it. */
  pauseDue: boolean;
  drawdown: { pct: number; peak: Decimal; limitPct: number };
  /** null: no snapshot for today's 00:00 UTC. */
  dailyLoss: { worstPct: number; nowPct: number; limitPct: number; hit: boolean; until: number } | null;
  /** Entries wait until `until` (ms) after a run of stop-losses; null when they do not. */
  cooldownUntil: number | null;
  openOrders: { count: number; max: number };
  /** New risk is refused for the whole account right now (paused, daily loss or cooldown). */
  newRiskBlocked: boolean;
}

export function riskStatus(now: number, facts: Pick<RiskFacts, 'equity' | 'peakEquity' | 'paused' | 'day' | 'stopLosses' | 'openOrders'>, limits: RiskLimits): RiskStatus {
  const drawdown = drawdownOf(facts, limits);
  const loss = dailyLossOf(now, facts, limits);
  const cooldown = cooldownOf(now, facts, limits);
  const cooldownUntil = cooldown.until !== null && cooldown.until > now ? cooldown.until : null;
  const pauseDue = drawdown.breached && !facts.paused;
  return {
    paused: facts.paused,
    pauseDue,
    drawdown: { pct: drawdown.pct, peak: drawdown.peak, limitPct: limits.maxDrawdownPct },
    dailyLoss: loss.known ? { worstPct: loss.worstPct, nowPct: loss.nowPct, limitPct: limits.dailyLossPct, hit: loss.hit, until: loss.until } : null,
    cooldownUntil,
    openOrders: { count: facts.openOrders.length, max: limits.maxOpenOrders },
    newRiskBlocked: facts.paused || pauseDue || loss.hit || cooldownUntil !== null,
  };
}
