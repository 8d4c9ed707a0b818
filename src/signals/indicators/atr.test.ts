import { describe, expect, it } from 'vitest';
import { atr, trueRange } from './atr.js';

const f = (...values: number[]) => Float64Array.from(values);
// Five candles: true ranges — (none), max(2, |9 − 11|, |9 − 9|) = 2, max(1, |10 − 12|, |10 − 11|) = 2,
// max(4, |11.5 − 11|, |11.5 − 7|) = 4.5, max(0.5, |8 − 9|, |8 − 8.5|) = 1.
const high = f(10, 11, 12, 11, 9);
const low = f(8, 9, 11, 7, 8.5);
const close = f(9, 10, 11.5, 8, 8.7);

describe('trueRange', () => {
  it('takes the gaps from the previous close into account; the first candle has none', () => {
    expect([...trueRange(high, low, close)]).toEqual([NaN, 2, 2, 4.5, 1]);
  });
});

describe('atr', () => {
  it('is the mean of the first true ranges, then Wilder smoothing', () => {
    // mean(2, 2) = 2; (2·1 + 4.5) / 2 = 3.25; (3.25·1 + 1) / 2 = 2.125.
    expect([...atr(high, low, close, 2)]).toEqual([NaN, NaN, 2, 3.25, 2.125]);
  });

  it('with period 1 is the true range', () => {
    expect([...atr(high, low, close, 1)]).toEqual([...trueRange(high, low, close)]);
  });

  it('refuses columns of different lengths', () => {
    expect(() => atr(high, low, close.subarray(1), 2)).toThrow(/same length/);
    expect(() => atr(high, low, close, 0)).toThrow(RangeError);
  });
});
