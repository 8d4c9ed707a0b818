// Bollinger Bands over an SMA with the population standard deviation, as TA-Lib's BBANDS (MA type SMA).
import { rollingMeanVarianceInto } from './rolling-window.js';
import { checkPeriod, warmUpSeries } from './series.js';

export interface BollingerBands {
  /** middle + deviations · σ */
  readonly upper: Float64Array;
  /** SMA(period): sma(values, period), to the last bit. */
  readonly middle: Float64Array;
  /** middle − deviations · σ */
  readonly lower: Float64Array;
}

/**
 * Bollinger Bands: the SMA of the last `period` values ± `deviations` population standard
 * deviations (divided by period, not period − 1, as Bollinger and TA-Lib do). NaN for the first
 * period − 1 cells. TA-Lib's values are matched to rounding, except that TA-Lib reports σ = 0 when
 * the variance is below 1e-14 (prices around 1e-6 and less); here σ is computed whatever the scale.
 */
export function bollinger(values: Float64Array, period = 20, deviations = 2): BollingerBands {
  checkPeriod('Bollinger', period, 2);
  if (!Number.isFinite(deviations)) throw new RangeError(`Bollinger: deviations must be a finite number, got ${deviations}`);
  const n = values.length;
  const middle = warmUpSeries(n);
  const upper = warmUpSeries(n);
  const lower = warmUpSeries(n);
  rollingMeanVarianceInto(values, period, middle, upper); // the variance, in `upper` for now
  for (let i = period - 1; i < n; i++) {
    const mid = middle[i]!;
    const width = Math.sqrt(upper[i]!) * deviations;
    upper[i] = mid + width;
    lower[i] = mid - width;
  }
  return { upper, middle, lower };
}
