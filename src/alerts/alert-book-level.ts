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
 * which covers the levels people set; longer ones, and exponent forms, are checked with decimals.
 */
export function isExactFloat(text: string, value: number): boolean {
  // Significant digits: from the first non-zero digit to the last (zeros on either end do not count).
  let significant = 0;
  let zeros = 0;
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) continue; // '.'
    if (c < 48 || c > 57) {
      plain = false;
      break;
    }
    if (c === 48) {
      if (significant > 0) zeros++;
    } else {
      significant += zeros + 1;
      zeros = 0;
    }
  }
  if (plain && significant <= 15) return true;
  return dec(String(value)).eq(dec(text));
}
