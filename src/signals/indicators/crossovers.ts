// Where one series crosses another (or a level): the events most simple strategies act on.

/**
 * 1 at each index where `a` is above `b` and was not above it one candle before (a[i−1] ≤ b[i−1]
 * and a[i] > b[i]), else 0. `b` may be a series of the same length or a fixed level
 * (`crossedAbove(rsi14, 30)`). A NaN on either side (a warm-up) is never a cross; index 0 never is.
 */
export function crossedAbove(a: Float64Array, b: Float64Array | number): Uint8Array {
  return crossings(a, b, 1);
}

/** 1 where `a` is below `b` and was not below it one candle before; the mirror of crossedAbove. */
export function crossedBelow(a: Float64Array, b: Float64Array | number): Uint8Array {
  return crossings(a, b, -1);
}

function crossings(a: Float64Array, b: Float64Array | number, sign: 1 | -1): Uint8Array {
  const n = a.length;
  const out = new Uint8Array(n);
  if (typeof b === 'number') {
    const level = b * sign;
    for (let i = 1; i < n; i++) out[i] = a[i - 1]! * sign <= level && a[i]! * sign > level ? 1 : 0;
    return out;
  }
  if (b.length !== n) throw new RangeError(`crossover: the series must have the same length, got ${n} and ${b.length}`);
  for (let i = 1; i < n; i++) out[i] = a[i - 1]! * sign <= b[i - 1]! * sign && a[i]! * sign > b[i]! * sign ? 1 : 0;
  return out;
}
