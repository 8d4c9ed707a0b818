// Trainers for tests: pure, instant, deterministic — and sensitive to every training row, so a row
// that should not be there changes what they predict.
import type { DirectionModel, DirectionTrainer, TrainingSet } from '../ml/direction-model.js';

/**
 * "Centroid" classifier: w = mean of the up rows − mean of the down rows, b = log-odds of up;
 * P(up) = σ(x·w + b).
 */
export function centroidTrainer(): DirectionTrainer & { sets: TrainingSet[] } {
  const sets: TrainingSet[] = [];
  return {
    sets,
    describe: () => 'centroid (test)',
    async train(set) {
      sets.push(set);
      const { x, y, rows, columns } = set;
      const up = new Float64Array(columns);
      const down = new Float64Array(columns);
      let ups = 0;
      for (let r = 0; r < rows; r++) {
        const target = y[r] ? up : down;
        if (y[r]) ups++;
        for (let c = 0; c < columns; c++) target[c]! += x[r * columns + c]!;
      }
      const w = Float64Array.from(up, (u, c) => u / Math.max(1, ups) - down[c]! / Math.max(1, rows - ups));
      const b = Math.log((ups + 1) / (rows - ups + 1));
      return linearModel(w, b);
    },
  };
}

export function linearModel(w: Float64Array, b: number): DirectionModel & { w: Float64Array; b: number; disposed: boolean } {
  return {
    w,
    b,
    disposed: false,
    async predictUp(x, rows) {
      const out = new Float32Array(rows);
      for (let r = 0; r < rows; r++) {
        let z = b;
        for (let c = 0; c < w.length; c++) z += w[c]! * x[r * w.length + c]!;
        out[r] = 1 / (1 + Math.exp(-z));
      }
      return out;
    },
    dispose() {
      this.disposed = true;
    },
  };
}
