/**
 * Where two numeric series disagree, for tests of indicators: the first cell that differs in
 * being a number (NaN/null ↔ value, so warm-ups must line up exactly) or whose values are further
 * apart than `tolerance` × max(1, |expected|) — relative, or absolute near zero. Returns undefined
 * when they match, else a sentence naming the cell and both values (a readable test failure).
 */
export function seriesMismatch(actual: ArrayLike<number>, expected: ArrayLike<number | null>, tolerance: number): string | undefined {
  if (actual.length !== expected.length) return `length ${actual.length}, expected ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] ?? NaN;
    if (Number.isNaN(a) !== Number.isNaN(e)) return `cell ${i}: ${a}, expected ${e}`;
    if (!Number.isNaN(e) && !(Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e)))) {
      return `cell ${i}: ${a}, expected ${e} (difference ${Math.abs(a - e)})`;
    }
  }
  return undefined;
}

/** The largest |actual − expected| / max(1, |expected|) over the cells where both are numbers. */
export function largestDifference(actual: ArrayLike<number>, expected: ArrayLike<number | null>): number {
  let worst = 0;
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
    const a = actual[i] as number;
    const e = expected[i] ?? NaN;
    if (Number.isNaN(a) || Number.isNaN(e)) continue;
    worst = Math.max(worst, Math.abs(a - e) / Math.max(1, Math.abs(e)));
  }
  return worst;
}
