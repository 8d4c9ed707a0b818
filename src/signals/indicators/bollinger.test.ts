import { describe, expect, it } from 'vitest';
import { bollinger } from './bollinger.js';
import { sma } from './moving-averages.js';

const f = (...values: number[]) => Float64Array.from(values);

describe('bollinger', () => {
  it('is the SMA ± k population standard deviations', () => {
    // Windows (1, 3): mean 2, σ 1; (3, 3): σ 0; (3, 7): mean 5, σ 2.
    const bb = bollinger(f(1, 3, 3, 7), 2, 2);
    expect([...bb.upper]).toEqual([NaN, 4, 3, 9]);
    expect([...bb.middle]).toEqual([NaN, 2, 3, 5]);
    expect([...bb.lower]).toEqual([NaN, 0, 3, 1]);
    // Population variance of 1..5 is 2 (not 2.5).
    expect(bollinger(f(1, 2, 3, 4, 5), 5, 1).upper[4]).toBeCloseTo(3 + Math.SQRT2, 14);
  });

  it('has the SMA as its middle band', () => {
    const values = Float64Array.from({ length: 3000 }, (_, i) => 30000 + 500 * Math.sin(i / 13) + (i % 7) * 3.3);
    const middle = bollinger(values, 20).middle;
    const mean = sma(values, 20);
    expect(middle.every((v, i) => Object.is(v, mean[i]) || Math.abs(v - mean[i]!) <= 1e-15 * Math.abs(v))).toBe(true);
  });

  it('keeps its width at any price level (TA-Lib reports σ = 0 below a variance of 1e-14)', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => 1e-6 * (1 + 0.01 * Math.sin(i)));
    const scaled = Float64Array.from(values, (v) => v * 1e9);
    const small = bollinger(values, 20);
    const big = bollinger(scaled, 20);
    for (let i = 19; i < 100; i++) {
      const width = small.upper[i]! - small.lower[i]!;
      expect(width).toBeGreaterThan(0);
      expect(width * 1e9).toBeCloseTo(big.upper[i]! - big.lower[i]!, 9);
    }
  });

  it('refuses a period below 2 and deviations that are not a number', () => {
    expect(() => bollinger(f(1, 2, 3), 1)).toThrow(RangeError);
    expect(() => bollinger(f(1, 2, 3), 2, NaN)).toThrow(/deviations/);
  });
});
