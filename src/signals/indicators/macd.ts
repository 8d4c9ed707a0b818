// MACD exactly as TA-Lib computes it, which is not quite "EMA(12) − EMA(26)" at the start.
import { checkPeriod, warmUpSeries } from './series.js';

export interface Macd {
  /** Fast EMA − slow EMA. */
  readonly macd: Float64Array;
  /** EMA of the MACD line over the signal period. */
  readonly signal: Float64Array;
  /** MACD line − signal line. */
  readonly histogram: Float64Array;
}

/**
 * MACD(fast, slow, signal), all three series starting where TA-Lib's do: at index
 * slow + signal − 2 (33 for 12/26/9); earlier cells are NaN.
 *
 * TA-Lib aligns both EMAs to the slow one's start: the slow EMA is seeded with the mean of the
 * first `slow` values, and the fast EMA with the mean of the `fast` values ending at the same index
 * (values[slow − fast .. slow − 1]), not of the first `fast` values. So the MACD line here differs
 * from ema(values, fast) − ema(values, slow) (and from `technicalindicators`, or pandas) in its
 * first values, by an amount that shrinks by a factor (fast − 1) / (fast + 1) per candle. The
 * signal line is the EMA of the MACD line seeded with the mean of its first `signal` values.
 */
export function macd(values: Float64Array, fast = 12, slow = 26, signal = 9): Macd {
  checkPeriod('MACD fast', fast, 2);
  checkPeriod('MACD slow', slow, 2);
  checkPeriod('MACD signal', signal, 1);
  if (fast >= slow) throw new RangeError(`MACD: the fast period (${fast}) must be shorter than the slow one (${slow})`);
  const n = values.length;
  const line = warmUpSeries(n);
  const signalLine = warmUpSeries(n);
  const histogram = warmUpSeries(n);
  const lineStart = slow - 1; // first MACD line value
  const start = lineStart + signal - 1; // first signal value: what TA-Lib reports from
  if (start >= n) return { macd: line, signal: signalLine, histogram };

  let fastSum = 0;
  let slowSum = 0;
  for (let i = 0; i <= lineStart; i++) slowSum += values[i]!;
  for (let i = slow - fast; i <= lineStart; i++) fastSum += values[i]!;
  let fastEma = fastSum / fast;
  let slowEma = slowSum / slow;
  const kFast = 2 / (fast + 1);
  const kSlow = 2 / (slow + 1);
  const kSignal = 2 / (signal + 1);

  // The MACD line before `start` only seeds the signal line; TA-Lib does not report it.
  let lineSum = fastEma - slowEma;
  for (let i = lineStart + 1; i <= start; i++) {
    const x = values[i]!;
    fastEma = (x - fastEma) * kFast + fastEma;
    slowEma = (x - slowEma) * kSlow + slowEma;
    lineSum += fastEma - slowEma;
  }
  let signalEma = lineSum / signal;
  let m = fastEma - slowEma;
  line[start] = m;
  signalLine[start] = signalEma;
  histogram[start] = m - signalEma;
  for (let i = start + 1; i < n; i++) {
    const x = values[i]!;
    fastEma = (x - fastEma) * kFast + fastEma;
    slowEma = (x - slowEma) * kSlow + slowEma;
    m = fastEma - slowEma;
    signalEma = (m - signalEma) * kSignal + signalEma;
    line[i] = m;
    signalLine[i] = signalEma;
    histogram[i] = m - signalEma;
  }
  return { macd: line, signal: signalLine, histogram };
}
