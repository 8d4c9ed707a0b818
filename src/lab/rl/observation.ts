// What the trading agent sees at a candle's close: a few indicator readings computed from that
// candle and earlier ones only (every indicator here is causal), squashed into about [−1, 1] by
// fixed transforms — no statistics fitted on the data, so nothing of a later period can leak in
// through a scale — followed by the account's position and cash shares (added by the environment).
import type { CandleSeries } from '../../market/candle-file.js';
import { atr, ema, rsi } from '../../signals/indicators/index.js';

export type ObservationCandles = Pick<CandleSeries, 'length' | 'high' | 'low' | 'close'>;

/** Market columns, in order (the environment appends `position_share` and `cash_share`). */
export const MARKET_FEATURES = [
  'rsi14_centred', // RSI(14) / 100 − 0.5
  'close_over_ema20', // tanh(20 · (close / EMA20 − 1))
  'ema12_over_ema26', // tanh(50 · (EMA12 / EMA26 − 1))
  'return_1', // tanh(50 · (close / previous close − 1))
  'return_24', // tanh(10 · (close / close 24 candles ago − 1))
  'atr14_rel', // tanh(50 · ATR(14) / close)
] as const;

export const OBSERVATION_NAMES = [...MARKET_FEATURES, 'position_share', 'cash_share'] as const;
export const MARKET_FEATURE_COUNT = MARKET_FEATURES.length;
export const OBSERVATION_SIZE = OBSERVATION_NAMES.length;

/** First candle with every market feature defined: EMA26 starts at 25, the 24-candle return at 24. */
export const OBSERVATION_WARM_UP = 25;

/** One row of MARKET_FEATURE_COUNT numbers per candle (row-major); NaN rows before the warm-up. */
export function marketFeatures(candles: ObservationCandles): Float32Array {
  const n = candles.length;
  const close = candles.close;
  const r = rsi(close, 14);
  const e20 = ema(close, 20);
  const e12 = ema(close, 12);
  const e26 = ema(close, 26);
  const a = atr(candles.high, candles.low, close, 14);
  const out = new Float32Array(n * MARKET_FEATURE_COUNT).fill(NaN);
  for (let i = OBSERVATION_WARM_UP; i < n; i++) {
    const c = close[i]!;
    const row = i * MARKET_FEATURE_COUNT;
    out[row] = r[i]! / 100 - 0.5;
    out[row + 1] = Math.tanh(20 * (c / e20[i]! - 1));
    out[row + 2] = Math.tanh(50 * (e12[i]! / e26[i]! - 1));
    out[row + 3] = Math.tanh(50 * (c / close[i - 1]! - 1));
    out[row + 4] = Math.tanh(10 * (c / close[i - 24]! - 1));
    out[row + 5] = Math.tanh((50 * a[i]!) / c);
  }
  return out;
}
