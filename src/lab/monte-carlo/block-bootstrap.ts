// (a) Circular block bootstrap: the scenario is the data's own candles (as moves relative to the
// previous close) in blocks of `blockLength` consecutive candles, each block starting at a random
// candle, wrapping around at the end. Blocks keep short-range structure (volatility clusters,
// intraday patterns); shuffling them breaks the one path history happened to take.
import type { CandleSeries } from '../../market/candle-file.js';
import { applyShape, copyFirst, emptyScenario, type CandleShapes } from './candle-shapes.js';
import { randomIndex, type Uniform } from './random.js';

/** The usual rule of thumb for the block length: the cube root of the number of returns. */
export function defaultBlockLength(candles: number): number {
  return Math.max(1, Math.round(Math.cbrt(Math.max(1, candles - 1))));
}

export function blockBootstrap(candles: CandleSeries, shapes: CandleShapes, blockLength: number, random: Uniform): CandleSeries {
  const n = candles.length;
  const out = emptyScenario(candles, `${candles.source} (block bootstrap)`);
  copyFirst(out, candles);
  const rows = n - 1; // rows 1..n−1 hold moves
  let i = 1;
  while (i < n) {
    const start = randomIndex(random, rows);
    for (let k = 0; k < blockLength && i < n; k++, i++) {
      const j = 1 + ((start + k) % rows);
      applyShape(out, i, shapes, j, candles.volume[j]!);
    }
  }
  return out;
}
