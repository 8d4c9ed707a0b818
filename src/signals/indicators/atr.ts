// True range and Wilder's average true range, as TA-Lib computes them.
import { checkPeriod, checkSameLength, warmUpSeries } from './series.js';

/** The largest of high − low, |previous close − high| and |previous close − low|. */
function trueRangeAt(high: Float64Array, low: Float64Array, close: Float64Array, i: number): number {
  const h = high[i]!;
  const l = low[i]!;
  const prevClose = close[i - 1]!;
  let greatest = h - l;
  const toHigh = Math.abs(prevClose - h);
  if (toHigh > greatest) greatest = toHigh;
  const toLow = Math.abs(prevClose - l);
  if (toLow > greatest) greatest = toLow;
  return greatest;
}

/** True range per candle. The first cell is NaN: it has no previous close (TA-Lib's TRANGE too). */
export function trueRange(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  checkSameLength('true range', high, low, close);
  const n = close.length;
  const out = warmUpSeries(n);
  for (let i = 1; i < n; i++) out[i] = trueRangeAt(high, low, close, i);
  return out;
}

/**
 * Average true range: the mean of the first `period` true ranges (candles 1..period), then Wilder's
 * smoothing, (prev · (period − 1) + TR) / period. The first value is at index `period`; earlier
 * cells are NaN. ATR(1) is the true range.
 */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  checkPeriod('ATR', period, 1);
  checkSameLength('ATR', high, low, close);
  const n = close.length;
  const out = warmUpSeries(n);
  if (n <= period) return out;
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += trueRangeAt(high, low, close, i);
  let prev = sum / period;
  out[period] = prev;
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    prev *= keep;
    prev += trueRangeAt(high, low, close, i);
    prev /= period;
    out[i] = prev;
  }
  return out;
}
