import type { AssetCatalog } from '../contract.js';
import { analyze } from './analyze.js';
import { PORTION_WORDS } from './lexicon.js';
import { shiftDecimal } from './numbers.js';

/** The values a message states, as the offline number reader reads them (numbers.ts). */
export interface WrittenNumbers {
  /** Is `value` stated in the message, in a form read exactly? Never for an unreadable, ambiguous or non-positive one. */
  holds(value: number): boolean;
}

/**
 * Every value a message states in a form the offline reader reads exactly: digits with the stated
 * separators and suffixes ("1,250.50", "2.5k", "$1.2k", "1 000 000"), spelled numbers ("two", "a
 * hundred"), shares as percentages and as parts of a coin ("half" → 50 and 0.5), "all" → 100, "a
 * bitcoin" → 1, satoshis as coins ("1000 sats" → 0.00001). Another parser's number that is not
 * among them was not written by the user.
 */
export function writtenNumbers(text: string, catalog: AssetCatalog): WrittenNumbers {
  const toks = analyze(text, catalog).toks;
  const values: number[] = [];
  const sats = toks.some((t) => t.coin?.via === 'sats');
  for (const t of toks) {
    const n = t.num;
    if (n === undefined) {
      if (PORTION_WORDS.has(t.w) || t.w === 'position') values.push(100);
      if (t.w === 'a' || t.w === 'an') values.push(1);
      continue;
    }
    if (n.flaw !== undefined || n.label === true || !Number.isFinite(n.value)) continue;
    values.push(n.value);
    if (n.fraction === true) values.push(n.value * 100);
    if (sats) values.push(shiftDecimal(n.value, -8));
  }
  return { holds: (value) => values.some((v) => Math.abs(v - value) <= 1e-9 * Math.max(Math.abs(v), Math.abs(value))) };
}
