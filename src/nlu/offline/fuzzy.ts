/**
 * Typo tolerance: optimal-string-alignment Damerau-Levenshtein distance (a swap of two
 * neighbouring letters costs one edit: "bitconi" → "bitcoin"), with an early exit once the
 * distance is known to exceed what the caller would accept.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  // Three rolling rows: the transposition step looks two rows back.
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/**
 * How many edits a word of this length may carry and still be recognised. Short words get
 * none: "sol" is one edit from "sel", "sun", "sold"; guessing there would invent trades.
 */
export function maxEdits(length: number): number {
  if (length < 4) return 0;
  if (length < 8) return 1;
  return 2;
}

/**
 * Typos rarely hit the first letter, and requiring it to match keeps "tell" away from
 * "sell". A swap of the first two letters ("ehtereum") is the one exception allowed.
 */
export function sameStart(word: string, target: string): boolean {
  return word[0] === target[0] || (word[0] === target[1] && word[1] === target[0]);
}

export interface FuzzyHit {
  match: string;
  distance: number;
}

/**
 * The closest candidate within the allowed distance. A tie between candidates that mean
 * different things (`meaning`, e.g. the ticker a name stands for) returns null: an ambiguous
 * correction is worse than none.
 */
export function closest(word: string, candidates: Iterable<string>, meaning: (c: string) => string = (c) => c, minTargetLength = 4): FuzzyHit | null {
  const max = maxEdits(word.length);
  if (max === 0) return null;
  let best: FuzzyHit | null = null;
  let tie = false;
  for (const c of candidates) {
    if (c.length < minTargetLength || !sameStart(word, c) || Math.abs(c.length - word.length) > max) continue;
    const d = editDistance(word, c, best === null ? max : Math.min(max, best.distance));
    if (d > max) continue;
    if (best === null || d < best.distance) {
      best = { match: c, distance: d };
      tie = false;
    } else if (d === best.distance && meaning(c) !== meaning(best.match)) tie = true;
  }
  return tie ? null : best;
}
