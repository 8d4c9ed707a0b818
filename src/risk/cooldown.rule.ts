import { exposureOf } from './exposure.js';
import type { RiskFacts, RiskOrder } from './facts.js';
import type { RiskLimits } from './limits.js';
import { duration, iso, utcTime } from './risk-text.js';
import { allow, verdict, type RiskVerdict } from './verdict.js';

const HOUR_MS = 3_600_000;

export interface Cooldown {
  /** When new entries may resume; null when no cooldown was ever triggered by these stops. */
  until: number | null;
  /** The losing stop-losses that triggered it. */
  stops: number[];
}

/**
 * freqtrade's StoplossGuard, per user: whenever `cooldownStopLosses` losing stop-losses fall within
 * `cooldownWindowHours`, new entries are locked for `cooldownHours` after the last of them. The
 * latest such lock is returned. A stop that closed in profit (a trailed stop) does not count;
 * one whose P&L is unknown does.
 */
export function cooldownOf(now: number, facts: Pick<RiskFacts, 'stopLosses'>, limits: Pick<RiskLimits, 'cooldownStopLosses' | 'cooldownWindowHours' | 'cooldownHours'>): Cooldown {
  const losing = facts.stopLosses
    .filter((s) => s.at <= now && (s.pnl === undefined || s.pnl.lt(0)))
    .map((s) => s.at)
    .sort((a, b) => a - b);
  const n = limits.cooldownStopLosses;
  const window = limits.cooldownWindowHours * HOUR_MS;
  let until: number | null = null;
  let stops: number[] = [];
  for (let i = n - 1; i < losing.length; i++) {
    const first = losing[i - n + 1]!;
    const last = losing[i]!;
    if (last - first <= window) {
      until = last + limits.cooldownHours * HOUR_MS;
      stops = losing.slice(i - n + 1, i + 1);
    }
  }
  return { until, stops };
}

/** cooldown: entries wait after a run of stop-losses; exits never do. */
export function cooldownRule(now: number, order: RiskOrder, facts: Pick<RiskFacts, 'stopLosses' | 'cash' | 'holdings'>, limits: Pick<RiskLimits, 'cooldownStopLosses' | 'cooldownWindowHours' | 'cooldownHours'>): RiskVerdict {
  if (!exposureOf(order, facts).addsRisk) return allow('cooldown', 'no_new_risk');
  const { until, stops } = cooldownOf(now, facts, limits);
  if (until === null || until <= now) return allow('cooldown');
  const last = stops[stops.length - 1]!;
  return verdict(
    'cooldown',
    'block',
    'after_stop_losses',
    `${stops.length} stop-losses hit within ${limits.cooldownWindowHours} h (the last at ${utcTime(last)}): new entries wait until ${utcTime(until)} (in ${duration(until - now)}). Selling, stops and cancels still work.`,
    { stopLosses: stops.length, windowHours: limits.cooldownWindowHours, lastStopLoss: iso(last), until: iso(until) },
  );
}
