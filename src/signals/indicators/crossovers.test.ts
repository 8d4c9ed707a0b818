import { describe, expect, it } from 'vitest';
import { crossedAbove, crossedBelow } from './crossovers.js';

const f = (...values: number[]) => Float64Array.from(values);

describe('crossedAbove / crossedBelow', () => {
  it('mark the candle where a goes from not above (or not below) a level to beyond it', () => {
    const a = f(1, 2, 3, 2, 1);
    expect([...crossedAbove(a, 2)]).toEqual([0, 0, 1, 0, 0]); // 2 → 3: touching is not crossing
    expect([...crossedBelow(a, 2)]).toEqual([0, 0, 0, 0, 1]);
  });

  it('compare two series cell by cell', () => {
    const fast = f(1, 2, 4, 3, 1);
    const slow = f(2, 2, 3, 3, 2);
    expect([...crossedAbove(fast, slow)]).toEqual([0, 0, 1, 0, 0]);
    expect([...crossedBelow(fast, slow)]).toEqual([0, 0, 0, 0, 1]);
  });

  it('never fire on a warm-up NaN', () => {
    expect([...crossedAbove(f(NaN, 3, NaN, 5), f(2, 2, 2, 2))]).toEqual([0, 0, 0, 0]);
    expect([...crossedAbove(f(1, 3), f(NaN, 2))]).toEqual([0, 0]);
  });

  it('refuse series of different lengths', () => {
    expect(() => crossedAbove(f(1, 2), f(1))).toThrow(/same length/);
  });
});
