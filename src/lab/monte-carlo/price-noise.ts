// (b) Price and volume noise: the data's own path, each candle's prices multiplied by one random
// factor exp(σp·z) (open, high, low and close alike, so the candle stays valid) and its volume by
// exp(σv·z − σv²/2) (mean kept). σp is `priceNoise` times the standard deviation of the data's
// close-to-close log returns. Tests whether a result survives small changes in where the candles
// happened to close, i.e. whether it is fitted to noise.
import type { CandleSeries } from '../../market/candle-file.js';
import { emptyScenario, type CandleShapes } from './candle-shapes.js';
import { normalFrom, type Uniform } from './random.js';

export interface NoiseLevels {
  /** Price noise as a share of the per-candle volatility (default 0.25). */
  priceNoise: number;
  /** Standard deviation of the log volume noise (default 0.25). */
  volumeNoise: number;
}

export const DEFAULT_NOISE: NoiseLevels = { priceNoise: 0.25, volumeNoise: 0.25 };

/** Standard deviation of the close-to-close log returns (rows 1..n−1 of the shapes). */
export function closeVolatility(shapes: CandleShapes): number {
  const n = shapes.close.length - 1;
  if (n < 2) return 0;
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += shapes.close[i]!;
  const mean = sum / n;
  let sq = 0;
  for (let i = 1; i <= n; i++) sq += (shapes.close[i]! - mean) ** 2;
  return Math.sqrt(sq / (n - 1));
}

export function priceNoise(candles: CandleSeries, volatility: number, levels: NoiseLevels, random: Uniform): CandleSeries {
  const n = candles.length;
  const out = emptyScenario(candles, `${candles.source} (noise)`);
  const z = normalFrom(random);
  const sp = levels.priceNoise * volatility;
  const sv = levels.volumeNoise;
  const o = out.open as Float64Array, h = out.high as Float64Array, l = out.low as Float64Array, c = out.close as Float64Array, v = out.volume as Float64Array;
  for (let i = 0; i < n; i++) {
    const f = Math.exp(sp * z());
    o[i] = candles.open[i]! * f;
    h[i] = candles.high[i]! * f;
    l[i] = candles.low[i]! * f;
    c[i] = candles.close[i]! * f;
    v[i] = candles.volume[i]! * Math.exp(sv * z() - (sv * sv) / 2);
  }
  return out;
}
