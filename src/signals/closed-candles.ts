// Signals read closed candles only. An exchange's (or the replay's) latest candle is still forming:
// its close is the price now and will move before the candle ends, so a reading on it would not
// last until its stated expiry. These helpers turn candles from a market data port into a series of
// the closed ones.
import type { CandleSeries } from '../market/candle-file.js';
import type { Candle } from '../market/types.js';

/**
 * The candles that had closed by `now` (open time + timeframe ≤ now), oldest first, as columns.
 * Input candles must be in time order (as MarketDataPort.candles returns them).
 */
export function closedCandles(candles: readonly Candle[], meta: { symbol: string; timeframe: string; timeframeMs: number; source: string }, now: number): CandleSeries {
  let n = candles.length;
  while (n > 0 && candles[n - 1]!.timestamp + meta.timeframeMs > now) n--;
  const column = (pick: (c: Candle) => number) => Float64Array.from({ length: n }, (_, i) => pick(candles[i]!));
  return {
    ...meta,
    length: n,
    timestamp: column((c) => c.timestamp),
    open: column((c) => c.open),
    high: column((c) => c.high),
    low: column((c) => c.low),
    close: column((c) => c.close),
    volume: column((c) => c.volume),
  };
}
