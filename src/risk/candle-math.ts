// Float statistics on candles for the volatility and correlation rules (statistics may be floats).
import type { Candle } from '../market/types.js';
import { atr } from '../signals/indicators/index.js';
import { quantileSorted, sortedFinite } from '../lab/statistics.js';

/** ATR(period) / close per candle, in percent; NaN during the ATR's warm-up. */
export function atrPercent(candles: readonly Candle[], period: number): Float64Array {
  const high = Float64Array.from(candles, (c) => c.high);
  const low = Float64Array.from(candles, (c) => c.low);
  const close = Float64Array.from(candles, (c) => c.close);
  const range = atr(high, low, close, period);
  return range.map((v, i) => (close[i]! > 0 ? (v / close[i]!) * 100 : NaN));
}

export function median(values: ArrayLike<number>): number {
  return quantileSorted(sortedFinite(values), 0.5);
}

/**
 * Simple close-to-close returns of two assets over the candles both have (matched by open
 * time), the last `count` of them. A gap in either series breaks no pairing: only timestamps
 * present in both, consecutive in that common list, make a return.
 */
export function alignedReturns(a: readonly Candle[], b: readonly Candle[], count: number): [Float64Array, Float64Array] {
  const closeB = new Map(b.map((c) => [c.timestamp, c.close]));
  const common: Array<[number, number]> = [];
  for (const c of a) {
    const other = closeB.get(c.timestamp);
    if (other !== undefined) common.push([c.close, other]);
  }
  const pairs = common.slice(-(count + 1));
  const n = Math.max(0, pairs.length - 1);
  const ra = new Float64Array(n);
  const rb = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ra[i] = pairs[i + 1]![0] / pairs[i]![0] - 1;
    rb[i] = pairs[i + 1]![1] / pairs[i]![1] - 1;
  }
  return [ra, rb];
}

/** Pearson correlation; null with fewer than 2 values or when either series never varies. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = Math.min(x.length, y.length);
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 1e-24) || !(syy > 1e-24)) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : null;
}
