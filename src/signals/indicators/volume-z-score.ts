// How unusual a candle's volume is against the recent ones.
import { rollingMeanVarianceInto } from './rolling-window.js';
import { checkPeriod, warmUpSeries } from './series.js';

/** σ below this fraction of the mean counts as no variation at all. */
const FLAT = 1e-10;

/**
 * (volume − mean) / σ over the last `period` candles, the current one included, with the
 * population σ: pandas' `(v - v.rolling(n).mean()) / v.rolling(n).std(ddof=0)`. Because the
 * current candle is part of its own window, |z| can never exceed √(period − 1) (4.36 for 20):
 * pick thresholds accordingly. A window of identical volumes (a run of zero-volume candles, say),
 * or with σ below 1e-10 of the mean, gives 0. NaN for the first period − 1 cells.
 */
export function volumeZScore(volume: Float64Array, period = 20): Float64Array {
  checkPeriod('volume z-score', period, 2);
  const n = volume.length;
  const out = warmUpSeries(n);
  const variance = new Float64Array(n);
  rollingMeanVarianceInto(volume, period, out, variance); // the mean, in `out` for now
  for (let i = period - 1; i < n; i++) {
    const mean = out[i]!;
    const sd = Math.sqrt(variance[i]!);
    // A spread within rounding of the mean (identical volumes, but for the last bits) is no spread:
    // dividing the rounding of the mean by it would give any z at all.
    out[i] = sd > FLAT * Math.abs(mean) ? (volume[i]! - mean) / sd : 0;
  }
  return out;
}
