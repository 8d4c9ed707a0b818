// Candles as moves relative to the previous close, so that they can be reshuffled or re-drawn and
// put back together into a valid price path (low ≤ open, close ≤ high holds by construction).
import type { CandleSeries } from '../../market/candle-file.js';

/**
 * Row i (i ≥ 1) holds the log of open, high, low and close over the previous close; row 0 is
 * unused. Volume is kept as it is.
 */
export interface CandleShapes {
  gap: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

export function candleShapes(candles: CandleSeries): CandleShapes {
  const n = candles.length;
  const gap = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const prev = candles.close[i - 1]!;
    gap[i] = Math.log(candles.open[i]! / prev);
    high[i] = Math.log(candles.high[i]! / prev);
    low[i] = Math.log(candles.low[i]! / prev);
    close[i] = Math.log(candles.close[i]! / prev);
  }
  return { gap, high, low, close };
}

/** A scenario's columns: same timestamps and meta as the data, new prices and volumes. */
export function emptyScenario(candles: CandleSeries, source: string): CandleSeries {
  const n = candles.length;
  return {
    symbol: candles.symbol,
    timeframe: candles.timeframe,
    timeframeMs: candles.timeframeMs,
    source,
    length: n,
    timestamp: candles.timestamp,
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
}

/** Writes candle i of `out` as row j of `shapes` applied to out's previous close. */
export function applyShape(out: CandleSeries, i: number, shapes: CandleShapes, j: number, volume: number): void {
  const prev = out.close[i - 1]!;
  (out.open as Float64Array)[i] = prev * Math.exp(shapes.gap[j]!);
  (out.high as Float64Array)[i] = prev * Math.exp(shapes.high[j]!);
  (out.low as Float64Array)[i] = prev * Math.exp(shapes.low[j]!);
  (out.close as Float64Array)[i] = prev * Math.exp(shapes.close[j]!);
  (out.volume as Float64Array)[i] = volume;
}

/** Copies candle 0 of the data: every scenario starts where the data starts. */
export function copyFirst(out: CandleSeries, candles: CandleSeries): void {
  (out.open as Float64Array)[0] = candles.open[0]!;
  (out.high as Float64Array)[0] = candles.high[0]!;
  (out.low as Float64Array)[0] = candles.low[0]!;
  (out.close as Float64Array)[0] = candles.close[0]!;
  (out.volume as Float64Array)[0] = candles.volume[0]!;
}
