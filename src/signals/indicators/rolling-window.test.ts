import { describe, expect, it } from 'vitest';
import { bollinger } from './bollinger.js';
import { seededRandom } from '../../shared/seeded-random.js';


/** 400,000 one-minute closes around 60,000 that then fall 10,000× (LUNA-like) to ~7, then drift. */
function longSeries(): Float64Array {
  const next = seededRandom(7);
  const out = new Float64Array(400_000);
  let p = 60_000;
  for (let i = 0; i < out.length; i++) {
    const crash = i >= 200_000 && i < 210_000 ? 0.9991 : 1; // ×1e-4 over 10,000 candles
    p *= crash * (1 + (next() - 0.5) * 0.002);
    out[i] = p;
  }
  return out;
}

function twoPassSigma(values: Float64Array, end: number, n: number): number {
  let sum = 0;
  for (let j = end - n + 1; j <= end; j++) sum += values[j]!;
  const mean = sum / n;
  let q = 0;
  for (let j = end - n + 1; j <= end; j++) q += (values[j]! - mean) ** 2;
  return Math.sqrt(q / n);
}

describe('rolling sums on a long series', () => {
  it('keep Bollinger σ within 1e-9 of the exact value over 400,000 candles and a fall of the price by 10,000×', () => {
    const values = longSeries();
    const bb = bollinger(values, 20, 1);
    // What a running sum of squares (TA-Lib's BBANDS) gets wrong here: the scenario is a hard one.
    // (TA-Lib 0.6 itself, run on this series, reports σ = 0 in most sampled windows after the fall.)
    let sum = 0;
    let sumSq = 0;
    let naiveWorst = 0;
    let worst = 0;
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      sum += x;
      sumSq += x * x;
      if (i >= 20) {
        const old = values[i - 20]!;
        sum -= old;
        sumSq -= old * old;
      }
      if (i >= 19 && i % 499 === 0) {
        const exact = twoPassSigma(values, i, 20);
        const mean = sum / 20;
        const naive = Math.sqrt(Math.max(0, sumSq / 20 - mean * mean));
        naiveWorst = Math.max(naiveWorst, Math.abs(naive - exact) / exact);
        worst = Math.max(worst, Math.abs(bb.upper[i]! - bb.middle[i]! - exact) / exact);
      }
    }
    expect(naiveWorst).toBeGreaterThan(1e-3);
    expect(worst).toBeLessThan(1e-9);
  });
});
