import { describe, expect, it } from 'vitest';
import { maxDrawdown, periodsPerYear, quantileSorted, returnStats } from './statistics.js';

describe('statistics', () => {
  it('max drawdown: the largest fall from a running peak that starts at the starting equity', () => {
    expect(maxDrawdown([110, 99, 120, 90, 130], 100)).toBeCloseTo(0.25, 12); // 120 → 90
    expect(maxDrawdown([90, 95], 100)).toBeCloseTo(0.1, 12); // below the start at once
    expect(maxDrawdown([100, 101, 102], 100)).toBe(0);
  });

  it('Sharpe and Sortino from per-candle returns, annualised by √(candles a year)', () => {
    // Returns from 100: +10 %, −10 %, +10 %, −10 %.
    const equity = [110, 99, 108.9, 98.01];
    const { sharpe, sortino, count } = returnStats(equity, 100, 4);
    expect(count).toBe(4);
    // mean 0 → both 0.
    expect(sharpe).toBeCloseTo(0, 12);
    expect(sortino).toBeCloseTo(0, 12);
    // +2 %, +1 %, −1 %: mean 0.6667 %, sd 1.5275 %, downside √(1e-4 / 3).
    const s = returnStats([102, 103.02, 101.9898], 100, 365);
    expect(s.sharpe).toBeCloseTo((0.02 / 3 / Math.sqrt((0.0133333 ** 2 + 0.0033333 ** 2 + 0.0166667 ** 2) / 2)) * Math.sqrt(365), 3);
    expect(s.sortino).toBeCloseTo((0.02 / 3 / Math.sqrt(0.0001 / 3)) * Math.sqrt(365), 6);
    expect(returnStats([100, 100, 100], 100, 8766).sharpe).toBeNull();
    expect(periodsPerYear(3_600_000)).toBe(8766);
    expect(periodsPerYear(86_400_000)).toBe(365.25);
  });

  it('quantiles interpolate between ranks (numpy default)', () => {
    const s = Float64Array.from([1, 2, 3, 4]);
    expect(quantileSorted(s, 0.25)).toBe(1.75);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(4);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });
});
