import { dec } from '../shared/decimal.js';

/*
 * The alert book keeps levels as float64; the database keeps them as decimal strings. Why the
 * book's float comparisons never fire an alert the decimals would not:
 *
 * `Number(text)` rounds to the nearest float, and rounding to nearest is monotone (V8 rounds
 * correctly for any number of digits). For a level d and a price p, both decimals:
 *   p > d  ⇒  Number(p) ≥ Number(d)      p < d  ⇒  Number(p) ≤ Number(d)
 * so Number(p) > Number(d) proves p > d, and Number(p) < Number(d) proves p < d. Only an exact tie
 * of the floats leaves the decimals undecided, and the book settles those few with the decimals
 * themselves (`alertHolds`). A price given as a JS number means the decimal `String(price)` — the
 * same reading `alertHolds` (decimal.js) gives it.
 */

const DECIMAL = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const PLAIN = /^(\d*)(?:\.(\d*))?$/;

/** The float the book files a decimal level under. Throws RangeError for anything but a positive decimal. */
export function levelFloat(text: string): number {
  const value = Number(text);
  if (!DECIMAL.test(text) || !Number.isFinite(value) || value <= 0) throw new RangeError(`not a price level: "${text}"`);
  return value;
}

/**
 * True when the decimal `text` is exactly the number `String(value)` reads as (value = levelFloat(text)):
 * then a float tie with a price given as a number is a decimal tie too, and fires without decimal
 * arithmetic. Any decimal of at most 15 significant digits round-trips through a float64 (DBL_DIG),
 * which covers the levels people set; longer ones are checked with decimals.
 */
export function isExactFloat(text: string, value: number): boolean {
  const plain = PLAIN.exec(text);
  if (plain) {
    const digits = ((plain[1] ?? '') + (plain[2] ?? '').replace(/0+$/, '')).replace(/^0+/, '');
    if (digits.length <= 15) return true;
  }
  return dec(String(value)).eq(dec(text));
}
