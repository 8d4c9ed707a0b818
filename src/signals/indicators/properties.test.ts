// Properties that hold for any input, checked on random series (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bollinger, rollingMax, rollingMin, rsi, sma, volumeZScore } from './index.js';

/** Positive prices at one random scale (1e-8 … 1e6) with random relative moves, some flat. */
const prices = fc
  .tuple(
    fc.integer({ min: -8, max: 6 }),
    fc.array(fc.oneof(fc.constant(0), fc.double({ min: -0.2, max: 0.2, noNaN: true })), { minLength: 1, maxLength: 700 }),
  )
  .map(([exponent, moves]) => {
    const out = new Float64Array(moves.length);
    let p = 10 ** exponent;
    moves.forEach((m, i) => {
      p *= 1 + m;
      out[i] = p;
    });
    return out;
  });
const period = fc.integer({ min: 2, max: 60 });

/** Mean and population σ of values[i − period + 1 .. i], two passes: the reference. */
function windowStats(values: Float64Array, end: number, n: number): { mean: number; sd: number; min: number; max: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let j = end - n + 1; j <= end; j++) {
    sum += values[j]!;
    min = Math.min(min, values[j]!);
    max = Math.max(max, values[j]!);
  }
  const mean = sum / n;
  let q = 0;
  for (let j = end - n + 1; j <= end; j++) q += (values[j]! - mean) ** 2;
  return { mean, sd: Math.sqrt(q / n), min, max };
}

describe('indicator properties', () => {
  it('a constant series: SMA and every band are that constant, σ and the z-score 0, RSI 50', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), fc.integer({ min: 1, max: 400 }), period, (c, length, n) => {
        const values = new Float64Array(length).fill(c);
        const s = sma(values, n);
        const bb = bollinger(values, n, 2);
        const z = volumeZScore(values, n);
        const r = rsi(values, n);
        // === rather than Object.is: −0 + 0 is +0, and that is not a difference.
        const wrong: string[] = [];
        for (let i = n - 1; i < length; i++) {
          if (![s[i], bb.upper[i], bb.middle[i], bb.lower[i]].every((v) => v === c) || z[i] !== 0) wrong.push(`cell ${i}`);
          if (i >= n && r[i] !== 50) wrong.push(`RSI cell ${i}: ${r[i]}`);
        }
        expect(wrong).toEqual([]);
      }),
    );
  });

  it('SMA and Bollinger equal a two-pass computation over each window, at any price scale', () => {
    fc.assert(
      fc.property(prices, period, (values, n) => {
        const bb = bollinger(values, n, 2);
        const s = sma(values, n);
        for (let i = n - 1; i < values.length; i++) {
          const { mean, sd, min, max } = windowStats(values, i, n);
          const scale = Math.abs(mean);
          expect(Math.abs(s[i]! - mean)).toBeLessThanOrEqual(1e-12 * scale);
          expect(Math.abs(bb.middle[i]! - s[i]!)).toBeLessThanOrEqual(1e-15 * scale);
          // σ to 1e-9 of itself, or of the price when σ is (nearly) zero.
          const sigma = (bb.upper[i]! - bb.middle[i]!) / 2;
          expect(Math.abs(sigma - sd)).toBeLessThanOrEqual(1e-9 * sd + 1e-13 * scale);
          expect(bb.upper[i]).toBeGreaterThanOrEqual(bb.middle[i]!);
          expect(bb.middle[i]).toBeGreaterThanOrEqual(bb.lower[i]!);
          expect(bb.middle[i]).toBeGreaterThanOrEqual(min * (1 - 1e-12));
          expect(bb.middle[i]).toBeLessThanOrEqual(max * (1 + 1e-12));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('RSI stays within [0, 100]; |volume z-score| within √(period − 1)', () => {
    fc.assert(
      fc.property(prices, period, (values, n) => {
        for (const v of rsi(values, n)) if (!Number.isNaN(v)) expect(v >= 0 && v <= 100).toBe(true);
        const bound = Math.sqrt(n - 1) + 1e-6;
        for (const z of volumeZScore(values, n)) if (!Number.isNaN(z)) expect(Math.abs(z)).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 500 },
    );
  });

  it('the volume z-score equals a two-pass computation, over spikes and runs of zero volume', () => {
    // Zero or 1e-8 … 1e9: volumes, not numbers so small that their squares underflow to 0.
    const volumes = fc
      .array(fc.oneof(fc.constant(0), fc.double({ min: 1e-8, max: 10, noNaN: true }), fc.double({ min: 1e-8, max: 1e9, noNaN: true })), { minLength: 1, maxLength: 700 })
      .map((list) => Float64Array.from(list));
    fc.assert(
      fc.property(volumes, period, (values, n) => {
        const z = volumeZScore(values, n);
        for (let i = n - 1; i < values.length; i++) {
          const { mean, sd } = windowStats(values, i, n);
          if (sd <= 1e-9 * mean) continue; // within rounding of "no spread": 0 by design
          expect(Math.abs(z[i]! - (values[i]! - mean) / sd)).toBeLessThanOrEqual(1e-6);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rolling max and min equal a scan of each window', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (list, n) => {
        const values = Float64Array.from(list);
        const hi = rollingMax(values, n);
        const lo = rollingMin(values, n);
        for (let i = 0; i < values.length; i++) {
          if (i < n - 1) {
            expect(Number.isNaN(hi[i]!) && Number.isNaN(lo[i]!)).toBe(true);
            continue;
          }
          const window = [...values.subarray(i - n + 1, i + 1)];
          expect(hi[i]).toBe(Math.max(...window));
          expect(lo[i]).toBe(Math.min(...window));
        }
      }),
    );
  });
});
