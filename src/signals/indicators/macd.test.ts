import { describe, expect, it } from 'vitest';
import { macd } from './macd.js';
import { ema } from './moving-averages.js';

const f = (...values: number[]) => Float64Array.from(values);
const round = (a: Float64Array) => [...a].map((v) => (Number.isNaN(v) ? NaN : +v.toFixed(12)));

describe('macd', () => {
  it('seeds the fast EMA at the slow one\'s start and reports from slow + signal − 2, as TA-Lib', () => {
    // fast 2 (k 2/3), slow 3 (k 1/2), signal 2 (k 2/3). Slow seed mean(1, 5, 2) = 8/3 at index 2;
    // fast seed mean(5, 2) = 3.5 at index 2 (not mean(1, 5) at index 1). MACD line: 5/6, 7/6, 0, 29/36;
    // signal seed mean(5/6, 7/6) = 1 at index 3, then 1/3, 35/54.
    const out = macd(f(1, 5, 2, 8, 3, 9), 2, 3, 2);
    expect(round(out.macd)).toEqual(round(f(NaN, NaN, NaN, 7 / 6, 0, 29 / 36)));
    expect(round(out.signal)).toEqual(round(f(NaN, NaN, NaN, 1, 1 / 3, 35 / 54)));
    expect(round(out.histogram)).toEqual(round(f(NaN, NaN, NaN, 1 / 6, -1 / 3, 17 / 108)));
  });

  it('differs from EMA(fast) − EMA(slow) at first, by less and less', () => {
    const values = Float64Array.from({ length: 400 }, (_, i) => 100 + 10 * Math.sin(i / 7) + i / 10);
    const line = macd(values).macd;
    const fast = ema(values, 12);
    const slow = ema(values, 26);
    const gap = (i: number) => Math.abs(line[i]! - (fast[i]! - slow[i]!));
    expect(gap(33)).toBeGreaterThan(1e-3);
    expect(gap(200)).toBeLessThan(1e-9);
    expect(gap(399)).toBeLessThan(1e-12);
  });

  it('gives all NaN until the signal line can start, and refuses fast ≥ slow', () => {
    const out = macd(Float64Array.from({ length: 33 }, (_, i) => i), 12, 26, 9);
    expect(out.macd.every(Number.isNaN) && out.signal.every(Number.isNaN) && out.histogram.every(Number.isNaN)).toBe(true);
    expect(Number.isNaN(macd(Float64Array.from({ length: 34 }, (_, i) => i)).histogram[33])).toBe(false);
    expect(() => macd(f(1, 2, 3), 26, 12, 9)).toThrow(/shorter than the slow/);
    expect(() => macd(f(1, 2, 3), 12, 26, 0)).toThrow(RangeError);
  });
});
