// Shared by every indicator: argument checks and the NaN-filled output that marks the warm-up.

/** A new output series of `length` cells, all NaN: the cells an indicator cannot fill yet stay so. */
export function warmUpSeries(length: number): Float64Array {
  return new Float64Array(length).fill(NaN);
}

/** Throws a RangeError unless `period` is an integer ≥ `min` (TA-Lib's lower bound for that indicator). */
export function checkPeriod(name: string, period: number, min: number): void {
  if (!Number.isInteger(period) || period < min) {
    throw new RangeError(`${name}: the period must be an integer ≥ ${min}, got ${period}`);
  }
}

/** Throws a RangeError unless every series has the length of the first. */
export function checkSameLength(name: string, ...series: ArrayLike<number>[]): void {
  const length = series[0]?.length ?? 0;
  if (series.some((s) => s.length !== length)) {
    throw new RangeError(`${name}: the input series must have the same length, got ${series.map((s) => s.length).join(', ')}`);
  }
}
