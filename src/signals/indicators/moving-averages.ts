// Simple and exponential moving averages, as TA-Lib computes them (its default compatibility).
import { rollingMeanInto } from './rolling-window.js';
import { checkPeriod, warmUpSeries } from './series.js';

/** Simple moving average: the mean of the last `period` values; NaN for the first period − 1 cells. */
export function sma(values: Float64Array, period: number): Float64Array {
  checkPeriod('SMA', period, 2);
  const out = warmUpSeries(values.length);
  rollingMeanInto(values, period, out);
  return out;
}

/**
 * Exponential moving average with k = 2 / (period + 1), seeded with the SMA of the first `period`
 * values (TA-Lib, and most charting tools; pandas' `ewm(adjust=False)` seeds with the first value
 * instead, so it differs at the start and converges later). NaN for the first period − 1 cells.
 */
export function ema(values: Float64Array, period: number): Float64Array {
  checkPeriod('EMA', period, 2);
  const out = warmUpSeries(values.length);
  emaInto(values, period, 0, out);
  return out;
}

/**
 * The EMA of `values` seeded with the mean of `values[from .. from + period − 1]`, written into
 * `out` from index from + period − 1 on (earlier cells are left as they are). MACD seeds its fast
 * EMA later than the start of the series; this is how.
 */
export function emaInto(values: Float64Array, period: number, from: number, out: Float64Array): void {
  const n = values.length;
  const seedAt = from + period - 1;
  if (seedAt >= n) return;
  let sum = 0;
  for (let i = from; i <= seedAt; i++) sum += values[i]!;
  let prev = sum / period;
  out[seedAt] = prev;
  const k = 2 / (period + 1);
  for (let i = seedAt + 1; i < n; i++) {
    prev = (values[i]! - prev) * k + prev;
    out[i] = prev;
  }
}
