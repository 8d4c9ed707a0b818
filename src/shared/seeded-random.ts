/**
 * mulberry32: a tiny seeded PRNG, uniform on [0, 1). The same seed gives the same sequence — for
 * a synthetic book that must not change within a second, a fuzz failure replayed from its seed,
 * a benchmark's run plan.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
