// Relative Strength Index with Wilder's smoothing, as TA-Lib computes it.
import { checkPeriod, warmUpSeries } from './series.js';

/**
 * RSI in [0, 100]: 100 · avgGain / (avgGain + avgLoss). The first averages are the plain means of
 * the first `period` changes; after that each is smoothed Wilder's way, (prev · (period − 1) +
 * today) / period. The first value is at index `period` (it needs `period` changes); earlier cells
 * are NaN.
 *
 * One deliberate difference from TA-Lib: while there has been no change at all (avgGain + avgLoss
 * is exactly 0, a flat start) the RSI is 50, neutral. TA-Lib writes 0 there, and whenever that sum
 * is below 1e-14, which would read as "deeply oversold" on a flat or micro-priced market.
 */
export function rsi(values: Float64Array, period = 14): Float64Array {
  checkPeriod('RSI', period, 2);
  const n = values.length;
  const out = warmUpSeries(n);
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const change = values[i]! - values[i - 1]!;
    if (change < 0) loss -= change;
    else gain += change;
  }
  gain /= period;
  loss /= period;
  out[period] = relativeStrength(gain, loss);
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    const change = values[i]! - values[i - 1]!;
    gain *= keep;
    loss *= keep;
    if (change < 0) loss -= change;
    else gain += change;
    gain /= period;
    loss /= period;
    out[i] = relativeStrength(gain, loss);
  }
  return out;
}

function relativeStrength(gain: number, loss: number): number {
  const total = gain + loss;
  return total === 0 ? 50 : 100 * (gain / total);
}
