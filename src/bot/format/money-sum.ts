import { dec, type DecimalLike } from '../../shared/decimal.js';
import { formatMoney } from '../../shared/number-format.js';

/** The number a formatted amount shows ("1,997.83 USDT" → 1997.83). */
const shownValue = (formatted: string) => dec(formatted.split(' ')[0]!.replace(/,/g, ''));

/**
 * `a + b` or `a − b` as a person checks it on screen: each part rounded for display, and the
 * result derived from the rounded parts, so "Cost 55.55 + fee 0.06 = 55.61" adds up as shown.
 * What is booked keeps every decimal; a shown result is at most one display unit (a cent) from it.
 */
export function shownSum(a: DecimalLike, op: '+' | '−', b: DecimalLike, asset: string): { a: string; b: string; result: string } {
  const left = formatMoney(a, asset);
  const right = formatMoney(b, asset);
  const result = op === '+' ? shownValue(left).plus(shownValue(right)) : shownValue(left).minus(shownValue(right));
  return { a: left, b: right, result: formatMoney(result, asset) };
}
