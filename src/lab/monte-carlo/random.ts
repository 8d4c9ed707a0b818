// Randomness for the scenarios: one independent mulberry32 stream per scenario, derived from the
// run's seed and the scenario's index only, so a scenario comes out the same whichever worker
// thread runs it and in whatever order.
import { seededRandom } from '../../shared/seeded-random.js';

export type Uniform = () => number;

/** A 32-bit seed for scenario `index` of a run seeded with `seed` (murmur3's finaliser over both). */
export function scenarioSeed(seed: number, index: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function scenarioRandom(seed: number, index: number): Uniform {
  return seededRandom(scenarioSeed(seed, index));
}

/** Standard normal draws from uniform ones (Box–Muller; the second value of each pair is kept). */
export function normalFrom(uniform: Uniform): () => number {
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const out = spare;
      spare = NaN;
      return out;
    }
    const u = 1 - uniform(); // (0, 1]: log(0) would be −∞
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** An integer in [0, n). */
export function randomIndex(uniform: Uniform, n: number): number {
  return Math.min(n - 1, Math.floor(uniform() * n));
}
