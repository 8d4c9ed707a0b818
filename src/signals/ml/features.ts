// What the model sees at a candle's close: numbers computed from that candle and earlier ones only
// (each indicator here is causal, and so is every return), one row per candle. Scales differ a lot
// (a 72-hour return against an RSI); the model gets them standardised with statistics of its own
// training window (see standardiser.ts), never of the whole series.
import type { CandleSeries } from '../../market/candle-file.js';
import { atr, bollinger, ema, macd, rsi, volumeZScore } from '../indicators/index.js';

/** The candle columns the features read. */
export type FeatureCandles = Pick<CandleSeries, 'length' | 'high' | 'low' | 'close' | 'volume'>;

/** Log-return horizons, in candles. */
export const RETURN_HORIZONS = [1, 4, 12, 24, 72] as const;

/** The columns, in order; saved with a model so a model is never fed another layout. */
export const FEATURE_NAMES = [
  ...RETURN_HORIZONS.map((h) => `log_return_${h}`),
  'rsi14_centred', // (RSI − 50) / 50
  'macd_histogram_rel', // MACD(12,26,9) histogram / close
  'bollinger_pct_b_centred', // %B(20, 2) − 0.5
  'ema20_over_ema50', // EMA20 / EMA50 − 1
  'atr14_rel', // ATR(14) / close
  'volume_z20', // volume z-score over 20 candles
] as const;

export const FEATURE_COUNT = FEATURE_NAMES.length;

/** First candle index with every feature defined: the longest return horizon needs 72 earlier candles. */
export const FEATURE_WARM_UP = Math.max(...RETURN_HORIZONS, 49 /* EMA50 */, 33 /* MACD */);

export interface FeatureMatrix {
  /** Row-major, `rows × FEATURE_COUNT`; rows before FEATURE_WARM_UP are NaN. */
  readonly values: Float64Array;
  readonly rows: number;
  readonly columns: number;
}

/** The feature row of every candle (NaN rows during the warm-up). */
export function featureMatrix(candles: FeatureCandles): FeatureMatrix {
  const n = candles.length;
  const f = FEATURE_COUNT;
  const values = new Float64Array(n * f).fill(NaN);
  const { close } = candles;
  const r = rsi(close, 14);
  const m = macd(close, 12, 26, 9);
  const bb = bollinger(close, 20, 2);
  const e20 = ema(close, 20);
  const e50 = ema(close, 50);
  const a = atr(candles.high, candles.low, close, 14);
  const vz = volumeZScore(candles.volume, 20);
  for (let i = FEATURE_WARM_UP; i < n; i++) {
    const c = close[i]!;
    const row = i * f;
    let k = 0;
    for (const h of RETURN_HORIZONS) values[row + k++] = Math.log(c / close[i - h]!);
    values[row + k++] = (r[i]! - 50) / 50;
    values[row + k++] = m.histogram[i]! / c;
    const width = bb.upper[i]! - bb.lower[i]!;
    values[row + k++] = width > 0 ? (c - bb.lower[i]!) / width - 0.5 : 0;
    values[row + k++] = e20[i]! / e50[i]! - 1;
    values[row + k++] = a[i]! / c;
    values[row + k] = vz[i]!;
  }
  return { values, rows: n, columns: f };
}

/** Row `i` as a new array (for a single prediction). */
export function featureRow(matrix: FeatureMatrix, i: number): Float64Array {
  return matrix.values.slice(i * matrix.columns, (i + 1) * matrix.columns);
}
