// Rolling mean and population variance over a fixed window, the core of SMA, Bollinger Bands and
// the volume z-score. A plain running sum (TA-Lib's way) rounds at the size of the sum of the
// prices, and its errors pile up along the series; three choices keep these results within
// ~1e-13 of exact ones, on a million candles as on a thousand:
//   * the series is cut into blocks; at the start of each the window's sums are recomputed from
//     scratch, relative to the block's first value, so running sums hold deviations (hundreds),
//     not sums of prices (millions), and cannot drift from one block to the next;
//   * the variance is updated from deviations (Welford's update for a sliding window), never as
//     mean(x²) − mean(x)²: no cancellation between numbers of the size of price², so the result
//     does not depend on the price level (TA-Lib's BBANDS does the latter and reports σ = 0
//     whenever the variance is below 1e-14, which collapses the bands of coins priced near 1e-6);
//   * a window of identical values gives exactly that value and a variance of exactly 0 (a run of
//     zero-volume candles is common on quiet pairs, and rounding noise divided by rounding noise
//     would read as a z-score of ±1).

/** Outputs per block: the exact restart costs 2 · period additions, under half a step per output. */
function blockLength(period: number): number {
  return Math.max(128, 4 * period);
}

/** Length of the run of values equal to `values[end]` that ends at `end`, counted up to `cap`. */
function equalRunEndingAt(values: Float64Array, end: number, cap: number): number {
  const v = values[end];
  let run = 1;
  while (run < cap && values[end - run] === v) run++;
  return run;
}

/**
 * Writes the mean of `values[i − period + 1 .. i]` into `mean[i]` for every i ≥ period − 1; earlier
 * cells are left as they are. `period` ≥ 1 and `mean.length` ≥ `values.length` are the caller's job.
 */
export function rollingMeanInto(values: Float64Array, period: number, mean: Float64Array): void {
  const n = values.length;
  const block = blockLength(period);
  for (let anchor = period - 1; anchor < n; anchor += block) {
    const stop = Math.min(n, anchor + block);
    const base = values[anchor]!;
    let sum = 0; // of (value − base) over the window
    for (let j = anchor - period + 1; j <= anchor; j++) sum += values[j]! - base;
    let run = equalRunEndingAt(values, anchor, period);
    mean[anchor] = run >= period ? base : base + sum / period;
    for (let i = anchor + 1; i < stop; i++) {
      const x = values[i]!;
      run = x === values[i - 1] ? run + 1 : 1;
      sum += x - values[i - period]!;
      mean[i] = run >= period ? x : base + sum / period;
    }
  }
}

/**
 * Writes the rolling mean into `mean[i]` and the rolling population variance (divided by
 * `period`, as TA-Lib and Bollinger do) into `variance[i]` for every i ≥ period − 1; earlier cells
 * are left as they are. The means are exactly those of rollingMeanInto. Same preconditions.
 */
export function rollingMeanVarianceInto(values: Float64Array, period: number, mean: Float64Array, variance: Float64Array): void {
  const n = values.length;
  const block = blockLength(period);
  for (let anchor = period - 1; anchor < n; anchor += block) {
    const stop = Math.min(n, anchor + block);
    // Exact restart: two passes over the window.
    const base = values[anchor]!;
    let sum = 0; // of (value − base) over the window
    for (let j = anchor - period + 1; j <= anchor; j++) sum += values[j]! - base;
    let m = base + sum / period;
    let m2 = 0; // Σ (value − mean)² over the window
    for (let j = anchor - period + 1; j <= anchor; j++) {
      const d = values[j]! - m;
      m2 += d * d;
    }
    let run = equalRunEndingAt(values, anchor, period);
    if (run >= period) {
      m = base;
      m2 = 0;
    }
    mean[anchor] = m;
    variance[anchor] = m2 / period;
    for (let i = anchor + 1; i < stop; i++) {
      const x = values[i]!;
      const old = values[i - period]!;
      run = x === values[i - 1] ? run + 1 : 1;
      sum += x - old;
      if (run >= period) {
        m = x;
        m2 = 0;
      } else {
        const next = base + sum / period;
        // Σ(x − mean)² after dropping `old` and adding `x`, as two deviations (each a difference
        // of nearby numbers, so nothing of the size of the price is rounded).
        m2 += (x - old) * ((x - next) + (old - m));
        if (m2 < 0) m2 = 0; // rounding, when the true value is ~0
        m = next;
      }
      mean[i] = m;
      variance[i] = m2 / period;
    }
  }
}
