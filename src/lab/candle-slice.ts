import type { CandleSeries } from '../market/candle-file.js';

/** Candles [from, to) as a series of their own: views on the same memory, no copy. */
export function candleRange(candles: CandleSeries, from: number, to: number): CandleSeries {
  const start = Math.max(0, Math.min(from, candles.length));
  const end = Math.max(start, Math.min(to, candles.length));
  return {
    symbol: candles.symbol,
    timeframe: candles.timeframe,
    timeframeMs: candles.timeframeMs,
    source: candles.source,
    length: end - start,
    timestamp: candles.timestamp.subarray(start, end),
    open: candles.open.subarray(start, end),
    high: candles.high.subarray(start, end),
    low: candles.low.subarray(start, end),
    close: candles.close.subarray(start, end),
    volume: candles.volume.subarray(start, end),
  };
}

/** The first `length` candles. */
export function candlePrefix(candles: CandleSeries, length: number): CandleSeries {
  return candleRange(candles, 0, length);
}
