import { editDistance } from '../../shared/edit-distance.js';

export { editDistance };

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
