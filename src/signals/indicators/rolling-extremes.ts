// Highest and lowest value over the last `period` cells (TA-Lib's MAX and MIN), for breakouts,
// Donchian channels and trailing stops.
import { checkPeriod, warmUpSeries } from './series.js';

/** The largest of the last `period` values; NaN for the first period − 1 cells. */
export function rollingMax(values: Float64Array, period: number): Float64Array {
  return rollingExtreme(values, period, 'rolling max', 1);
}

/** The smallest of the last `period` values; NaN for the first period − 1 cells. */
export function rollingMin(values: Float64Array, period: number): Float64Array {
  return rollingExtreme(values, period, 'rolling min', -1);
}

// A monotonic queue of indices, O(n) whatever the period: each index enters and leaves once. The
// queue holds candidates whose values decrease (for the max; increase for the min) from head to
// tail; the head is the answer once the indices too old for the window are dropped.
function rollingExtreme(values: Float64Array, period: number, name: string, sign: 1 | -1): Float64Array {
  checkPeriod(name, period, 1);
  const n = values.length;
  const out = warmUpSeries(n);
  const queue = new Int32Array(Math.min(n, period));
  const size = queue.length;
  let head = 0; // ring positions
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (count > 0 && queue[head]! <= i - period) {
      head = (head + 1) % size; // left the window
      count--;
    }
    const x = values[i]! * sign;
    while (count > 0 && values[queue[(head + count - 1) % size]!]! * sign <= x) count--;
    queue[(head + count) % size] = i;
    count++;
    if (i >= period - 1) out[i] = values[queue[head]!]!;
  }
  return out;
}
