// Float statistics over equity curves and scenario results (statistics may be floats; money is not).

export const YEAR_MS = 365.25 * 86_400_000;

/** Candles in a year at this candle length: crypto trades around the clock, so 8,766 for 1h. */
export function periodsPerYear(timeframeMs: number): number {
  return YEAR_MS / timeframeMs;
}

/**
 * Largest peak-to-trough fall of `equity` as a fraction of the peak (0.25 = 25 %), the peak
 * starting at `start` (the equity before the first value). 0 when it never falls.
 */
export function maxDrawdown(equity: ArrayLike<number>, start: number): number {
  let peak = start;
  let worst = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) peak = e;
    else if (peak > 0) {
      const dd = (peak - e) / peak;
      if (dd > worst) worst = dd;
    }
  }
  return worst;
}

export interface ReturnStats {
  /** Annualised mean / sample standard deviation of the per-candle returns; null when they never vary. */
  sharpe: number | null;
  /** Annualised mean / downside deviation (root mean square of the negative returns, target 0); null without a loss. */
  sortino: number | null;
  /** Per-candle returns used. */
  count: number;
}

/**
 * Sharpe and Sortino of the simple returns of the equity from `start` through each mark (one
 * return per candle), annualised by √(periodsPerYear), with no risk-free rate.
 */
export function returnStats(equity: ArrayLike<number>, start: number, periodsPerYearValue: number): ReturnStats {
  const n = equity.length;
  if (n < 2) return { sharpe: null, sortino: null, count: n };
  let sum = 0;
  let previous = start;
  for (let i = 0; i < n; i++) {
    sum += equity[i]! / previous - 1;
    previous = equity[i]!;
  }
  const mean = sum / n;
  let sq = 0;
  let down = 0;
  previous = start;
  for (let i = 0; i < n; i++) {
    const r = equity[i]! / previous - 1;
    previous = equity[i]!;
    sq += (r - mean) * (r - mean);
    if (r < 0) down += r * r;
  }
  const sd = Math.sqrt(sq / (n - 1));
  const dd = Math.sqrt(down / n);
  const scale = Math.sqrt(periodsPerYearValue);
  // A flat curve's float noise (sd ~1e-17) must not read as an infinite Sharpe.
  return {
    sharpe: sd > 1e-15 ? (mean / sd) * scale : null,
    sortino: dd > 1e-15 ? (mean / dd) * scale : null,
    count: n,
  };
}

/** Quantile q of sorted values, linear between the two nearest ranks (R's type 7, numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The finite values, sorted ascending, as a new array. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(values[i]!);
  return Float64Array.from(out).sort();
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length ? s / values.length : NaN;
}
