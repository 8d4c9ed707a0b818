// Feature scaling fitted on a training set only: the mean and standard deviation of each column
// over the rows the model learns from, applied unchanged to the rows it predicts. Fitting it on the
// whole series would let the future leak into every past prediction (the scale of May 2021's crash
// known in February).

export interface Standardiser {
  readonly mean: number[];
  readonly std: number[];
}

/** Standardised values are clipped to ±CLIP σ, so one crash candle cannot dominate a linear model. */
export const CLIP = 5;

/** A column whose σ is below this is left centred but unscaled (it carries no information). */
const FLAT = 1e-12;

/**
 * Mean and population σ of each column over the listed rows (row-major `values`, `columns` wide).
 * Only those rows are read.
 */
export function fitStandardiser(values: Float64Array, columns: number, rows: ArrayLike<number>): Standardiser {
  const mean = new Array<number>(columns).fill(0);
  const std = new Array<number>(columns).fill(0);
  const n = rows.length;
  if (n === 0) return { mean, std: std.fill(1) };
  for (let k = 0; k < n; k++) {
    const at = rows[k]! * columns;
    for (let j = 0; j < columns; j++) mean[j]! += values[at + j]!;
  }
  for (let j = 0; j < columns; j++) mean[j]! /= n;
  for (let k = 0; k < n; k++) {
    const at = rows[k]! * columns;
    for (let j = 0; j < columns; j++) {
      const d = values[at + j]! - mean[j]!;
      std[j]! += d * d;
    }
  }
  for (let j = 0; j < columns; j++) {
    const s = Math.sqrt(std[j]! / n);
    std[j] = s > FLAT ? s : 1;
  }
  return { mean, std };
}

/** The listed rows, standardised and clipped, as a new row-major Float32Array (what a model takes). */
export function standardiseRows(values: Float64Array, columns: number, rows: ArrayLike<number>, s: Standardiser): Float32Array {
  const out = new Float32Array(rows.length * columns);
  for (let k = 0; k < rows.length; k++) {
    const at = rows[k]! * columns;
    for (let j = 0; j < columns; j++) {
      const z = (values[at + j]! - s.mean[j]!) / s.std[j]!;
      out[k * columns + j] = z > CLIP ? CLIP : z < -CLIP ? -CLIP : z;
    }
  }
  return out;
}
