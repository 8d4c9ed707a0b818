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
//     when it falls a thousandfold below its recent peak (a spike leaving the window), where the
//     update would cancel, it is recomputed from the window, and the sum with it;
//   * a window of identical values gives exactly that value and a variance of exactly 0 (a run of
//     zero-volume candles is common on quiet pairs, and rounding noise divided by rounding noise
//     would read as a z-score of ±1).

/** Outputs per block: the exact restart costs 2 · period additions, under half a step per output. */
function blockLength(period: number): number {
  return Math.max(128, 4 * period);
}

/** m2 falling below this fraction of its recent peak is recomputed (its error is ~1e-16 of the peak). */
const COLLAPSE = 1e-3;

function sumOfSquaredDeviations(values: Float64Array, first: number, last: number, mean: number): number {
  let m2 = 0;
  for (let j = first; j <= last; j++) {
    const d = values[j]! - mean;
    m2 += d * d;
  }
  return m2;
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
    let base = values[anchor]!;
    let sum = 0; // of (value − base) over the window
    for (let j = anchor - period + 1; j <= anchor; j++) sum += values[j]! - base;
    let run = equalRunEndingAt(values, anchor, period);
    if (run >= period) sum = 0;
    mean[anchor] = base + sum / period;
    for (let i = anchor + 1; i < stop; i++) {
      const x = values[i]!;
      run = x === values[i - 1] ? run + 1 : 1;
      sum += x - values[i - period]!;
      if (run >= period) {
        // Exact, and a fresh start for the sum (as rollingMeanVarianceInto does).
        base = x;
        sum = 0;
      }
      mean[i] = base + sum / period;
    }
  }
}

/**
 * Writes the rolling mean into `mean[i]` and the rolling population variance (divided by
 * `period`, as TA-Lib and Bollinger do) into `variance[i]` for every i ≥ period − 1; earlier cells
 * are left as they are. The means are those of rollingMeanInto, but for the last bit after the
 * variance has collapsed (both are restarted then). Same preconditions.
 */
export function rollingMeanVarianceInto(values: Float64Array, period: number, mean: Float64Array, variance: Float64Array): void {
  const n = values.length;
  const block = blockLength(period);
  for (let anchor = period - 1; anchor < n; anchor += block) {
    const stop = Math.min(n, anchor + block);
    // Exact restart: two passes over the window.
    let base = values[anchor]!;
    let sum = 0; // of (value − base) over the window
    for (let j = anchor - period + 1; j <= anchor; j++) sum += values[j]! - base;
    let m = base + sum / period;
    let m2 = sumOfSquaredDeviations(values, anchor - period + 1, anchor, m); // Σ (value − mean)² over the window
    let run = equalRunEndingAt(values, anchor, period);
    if (run >= period) {
      m = base;
      m2 = 0;
      sum = 0;
    }
    mean[anchor] = m;
    variance[anchor] = m2 / period;
    // The largest m2 since it was last computed exactly: the updates round at about its size, so
    // once m2 falls far below it (a spike has left the window) it is recomputed.
    let peak = m2;
    for (let i = anchor + 1; i < stop; i++) {
      const x = values[i]!;
      const old = values[i - period]!;
      run = x === values[i - 1] ? run + 1 : 1;
      sum += x - old;
      if (run >= period) {
        // Exact, and a fresh start for the sums: whatever rounding they carried is gone.
        m = x;
        m2 = 0;
        peak = 0;
        base = x;
        sum = 0;
      } else {
        const next = base + sum / period;
        // Σ(x − mean)² after dropping `old` and adding `x`, as two deviations (each a difference
        // of nearby numbers, so nothing of the size of the price is rounded).
        m2 += (x - old) * ((x - next) + (old - m));
        m = next;
        if (m2 > peak) peak = m2;
        else if (m2 < peak * COLLAPSE) {
          // The sum too, around a value of the window: after a spike has left, it still carries
          // rounding at the spike's size.
          base = x;
          sum = 0;
          for (let j = i - period + 1; j <= i; j++) sum += values[j]! - base;
          m = base + sum / period;
          m2 = sumOfSquaredDeviations(values, i - period + 1, i, m);
          peak = m2;
        }
      }
      mean[i] = m;
      variance[i] = m2 / period;
    }
  }
}
