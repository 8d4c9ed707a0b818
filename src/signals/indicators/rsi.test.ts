import { describe, expect, it } from 'vitest';
import { rsi } from './rsi.js';

const f = (...values: number[]) => Float64Array.from(values);

describe('rsi', () => {
  it('uses the plain mean of the first changes, then Wilder smoothing', () => {
    // Changes +1 +1 −1 +1 +1, period 2: gains/losses (1, 0) → 100; (0.5, 0.5) → 50;
    // (0.75, 0.25) → 75; (0.875, 0.125) → 87.5.
    expect([...rsi(f(1, 2, 3, 2, 3, 4), 2)]).toEqual([NaN, NaN, 100, 50, 75, 87.5]);
  });

  it('is 0 after only losses and 100 after only gains', () => {
    expect([...rsi(f(5, 4, 3, 2), 2)]).toEqual([NaN, NaN, 0, 0]);
    expect([...rsi(f(1, 2, 4, 8), 3)]).toEqual([NaN, NaN, NaN, 100]);
  });

  it('is 50, neutral, while the price has not moved at all (TA-Lib says 0: "oversold")', () => {
    expect([...rsi(f(5, 5, 5, 5), 2)]).toEqual([NaN, NaN, 50, 50]);
  });

  it('needs period + 1 values for its first value', () => {
    expect([...rsi(f(1, 2, 3), 3)]).toEqual([NaN, NaN, NaN]);
    expect(() => rsi(f(1, 2, 3), 1)).toThrow(RangeError);
  });
});
