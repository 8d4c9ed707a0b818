import type { Candle } from '../market/types.js';
import { exposureOf } from './exposure.js';
import { atrPercent, median } from './candle-math.js';
import type { RiskFacts, RiskOrder } from './facts.js';
import type { RiskLimits } from './limits.js';
import { pct, round2 } from './risk-text.js';
import { allow, verdict, type RiskVerdict } from './verdict.js';

/** Fewer earlier ATR% values than this make no norm to compare with. */
export const MIN_VOLATILITY_NORM = 20;

export interface Volatility {
  /** ATR(period) / close of the last candle, in percent. */
  atrPct: number;
  /** Median ATR% of up to `volatilityLookback` candles before the last. */
  normPct: number;
  /** atrPct / normPct */
  ratio: number;
  /** How many values the norm is the median of. */
  periods: number;
}

/** The last candle's ATR% against the median of the ones before it; null without enough candles. */
export function volatilityOf(candles: readonly Candle[], limits: Pick<RiskLimits, 'volatilityAtrPeriod' | 'volatilityLookback'>): Volatility | null {
  const n = candles.length;
  const period = limits.volatilityAtrPeriod;
  // The first ATR value is at index `period`; the last candle is judged, the ones before make the norm.
  if (n < period + 1 + MIN_VOLATILITY_NORM) return null;
  const series = atrPercent(candles, period);
  const current = series[n - 1]!;
  const from = Math.max(period, n - 1 - limits.volatilityLookback);
  const earlier = series.subarray(from, n - 1);
  const norm = median(earlier);
  if (!Number.isFinite(current) || !(norm > 0)) return null;
  return { atrPct: current, normPct: norm, ratio: current / norm, periods: earlier.length };
}

/**
 * volatility: warns when the asset an order adds to is far more volatile than usual for it —
 * its ATR% above `volatilityMultiple` × its own median over the last `volatilityLookback` candles.
 */
export function volatilityRule(_now: number, order: RiskOrder, facts: Pick<RiskFacts, 'candles' | 'cash' | 'holdings'>, limits: Pick<RiskLimits, 'volatilityAtrPeriod' | 'volatilityLookback' | 'volatilityMultiple'>): RiskVerdict {
  const exposure = exposureOf(order, facts);
  if (!exposure.addsRisk || exposure.acquires === null) return allow('volatility', 'no_new_risk');
  const asset = exposure.acquires;
  const v = volatilityOf(facts.candles[asset] ?? [], limits);
  if (!v) return allow('volatility', 'not_enough_data', { asset });
  if (v.ratio <= limits.volatilityMultiple) return allow('volatility', 'ok', { asset, atrPct: round2(v.atrPct), normPct: round2(v.normPct) });
  return verdict(
    'volatility',
    'warn',
    'unusually_high',
    `${asset} is unusually volatile: its ATR(${limits.volatilityAtrPeriod}) is ${pct(v.atrPct, 2)} of the price, ${v.ratio.toFixed(1)}× its median of ${pct(v.normPct, 2)} over the last ${v.periods} candles. Prices may swing more than usual: consider a smaller size or a wider stop.`,
    { asset, atrPct: round2(v.atrPct), normPct: round2(v.normPct), ratio: round2(v.ratio), multiple: limits.volatilityMultiple, periods: v.periods },
  );
}
