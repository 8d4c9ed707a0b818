// How sure an accuracy is. Consecutive 4-hour-ahead outcomes share three of their four hours, so
// they are far from independent: a Wilson interval on n (which assumes independent trials) comes out
// too narrow. The interval a claim rests on here is a moving-block bootstrap — whole runs of 24
// consecutive predictions resampled together, so the overlap travels with them. The Wilson interval
// is kept beside it for comparison.
import { seededRandom } from '../../shared/seeded-random.js';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

const Z95 = 1.959963984540054;

/** Wilson score interval of hits / n at 95 % (independent trials assumed). [0, 1] when n is 0. */
export function wilson95(hits: number, n: number): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = hits / n;
  const z2 = Z95 * Z95;
  const centre = p + z2 / (2 * n);
  const half = Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  return { low: Math.max(0, (centre - half) / denominator), high: Math.min(1, (centre + half) / denominator) };
}

export interface BootstrapOptions {
  /** Consecutive predictions resampled together (default 24: a day of hourly candles). */
  block?: number;
  /** Resamples (default 2,000). */
  resamples?: number;
  /** Seed of the resampling, so a report is reproducible (default 1). */
  seed?: number;
}

/**
 * 95 % percentile interval of the mean of `correct` (1 right, 0 wrong; in time order) by a circular
 * moving-block bootstrap: each resample strings together random runs of `block` consecutive values
 * (wrapping at the end) until it is as long as the original.
 */
export function blockBootstrap95(correct: ArrayLike<number>, options: BootstrapOptions = {}): Interval {
  const n = correct.length;
  if (n === 0) return { low: 0, high: 1 };
  const block = Math.max(1, Math.min(n, Math.floor(options.block ?? 24)));
  const resamples = Math.max(1, Math.floor(options.resamples ?? 2000));
  const random = seededRandom(options.seed ?? 1);
  // Circular prefix sums make each block's sum O(1).
  const prefix = new Float64Array(2 * n + 1);
  for (let i = 0; i < 2 * n; i++) prefix[i + 1] = prefix[i]! + correct[i % n]!;
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let taken = 0; taken < n; taken += block) {
      const start = Math.floor(random() * n);
      const length = Math.min(block, n - taken);
      sum += prefix[start + length]! - prefix[start]!;
    }
    means[r] = sum / n;
  }
  means.sort();
  return { low: quantile(means, 0.025), high: quantile(means, 0.975) };
}

function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
