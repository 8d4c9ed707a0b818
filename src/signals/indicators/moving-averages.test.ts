import { describe, expect, it } from 'vitest';
import { ema, sma } from './moving-averages.js';

const f = (...values: number[]) => Float64Array.from(values);

describe('sma', () => {
  it('is the mean of the last `period` values, NaN before', () => {
    expect([...sma(f(1, 2, 3, 4, 5), 2)]).toEqual([NaN, 1.5, 2.5, 3.5, 4.5]);
    expect([...sma(f(1, 2, 6, 3, 9), 3)]).toEqual([NaN, NaN, 3, 11 / 3, 6]);
  });

  it('gives all NaN when the series is shorter than the period, and nothing for nothing', () => {
    expect([...sma(f(1, 2, 3), 5)]).toEqual([NaN, NaN, NaN]);
    expect(sma(f(), 5)).toHaveLength(0);
  });

  it('refuses a period TA-Lib would refuse', () => {
    expect(() => sma(f(1, 2, 3), 1)).toThrow(RangeError);
    expect(() => sma(f(1, 2, 3), 2.5)).toThrow(/integer ≥ 2, got 2.5/);
    expect(() => sma(f(1, 2, 3), NaN)).toThrow(RangeError);
  });
});

describe('ema', () => {
  it('is seeded with the SMA of the first period, then k = 2 / (period + 1)', () => {
    // k = 2/3: seed (2 + 4) / 2 = 3; then 3 + (6 − 3)·2/3 = 5; 5 + (8 − 5)·2/3 = 7; 7 + (4 − 7)·2/3 = 5.
    const out = ema(f(2, 4, 6, 8, 4), 2);
    expect(out[0]).toBeNaN();
    expect([...out.subarray(1)].map((v) => +v.toFixed(12))).toEqual([3, 5, 7, 5]);
    // k = 1/2 on a line: the EMA lags the line by one step.
    expect([...ema(f(1, 2, 3, 4, 5, 6), 3)]).toEqual([NaN, NaN, 2, 3, 4, 5]);
  });

  it('gives all NaN when the series is shorter than the period', () => {
    expect([...ema(f(1, 2), 3)]).toEqual([NaN, NaN]);
  });
});
