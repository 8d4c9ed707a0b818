import { describe, expect, it } from 'vitest';
import { rollingMax, rollingMin } from './rolling-extremes.js';

const f = (...values: number[]) => Float64Array.from(values);

describe('rollingMax / rollingMin', () => {
  it('hold the extreme of the last `period` values', () => {
    const values = f(3, 1, 4, 1, 5, 9, 2, 6);
    expect([...rollingMax(values, 3)]).toEqual([NaN, NaN, 4, 4, 5, 9, 9, 9]);
    expect([...rollingMin(values, 3)]).toEqual([NaN, NaN, 1, 1, 1, 1, 2, 2]);
  });

  it('let an old extreme leave the window on a steadily falling series', () => {
    expect([...rollingMax(f(9, 8, 7, 6, 5), 2)]).toEqual([NaN, 9, 8, 7, 6]);
    expect([...rollingMin(f(5, 6, 7, 8, 9), 2)]).toEqual([NaN, 5, 6, 7, 8]);
  });

  it('with period 1 is the series, and longer periods than the series give NaN', () => {
    expect([...rollingMax(f(2, 7, 1), 1)]).toEqual([2, 7, 1]);
    expect([...rollingMin(f(2, 7, 1), 4)]).toEqual([NaN, NaN, NaN]);
  });
});
