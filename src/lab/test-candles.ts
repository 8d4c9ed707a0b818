// Helpers for the lab's tests: candle series built from a few numbers, and strategies with fixed answers.
import type { CandleSeries } from '../market/candle-file.js';
import type { Strategy } from '../signals/strategies/index.js';

const HOUR = 3_600_000;
export const START = Date.UTC(2021, 0, 1);

/** Hourly candles from opens and closes (high/low just around them, volume 1,000). */
export function candlesFrom(opens: number[], closes: number[], symbol = 'TEST/USDT'): CandleSeries {
  const n = opens.length;
  const open = Float64Array.from(opens);
  const close = Float64Array.from(closes);
  return {
    symbol,
    timeframe: '1h',
    timeframeMs: HOUR,
    source: 'test',
    length: n,
    timestamp: Float64Array.from({ length: n }, (_, i) => START + i * HOUR),
    open,
    high: open.map((o, i) => Math.max(o, close[i]!) * 1.01),
    low: open.map((o, i) => Math.min(o, close[i]!) * 0.99),
    close,
    volume: new Float64Array(n).fill(1000),
  };
}

/** A strategy that answers with the given targets (for the first `length` candles asked about). */
export function fixedTargets(targets: number[], warmUp = 0): Strategy {
  return { name: 'fixed', params: {}, warmUp, targets: (c) => Uint8Array.from(targets.slice(0, c.length)) };
}
