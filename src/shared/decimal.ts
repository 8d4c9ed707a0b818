import { Decimal as DecimalJs } from 'decimal.js';

/**
 * Money is decimal: balances, fills, fees and P&L never go through float sums.
 * A private Decimal constructor keeps our precision settings off the global one.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;
export type DecimalLike = Decimal | string | number;

export const ZERO = new Decimal(0);

export function dec(value: DecimalLike): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}

/** Round down to a multiple of `step` (amounts: never sell or spend more than asked). */
export function floorToStep(value: DecimalLike, step: DecimalLike): Decimal {
  const s = dec(step);
  if (s.lte(0)) return dec(value);
  return dec(value).div(s).floor().mul(s);
}

/** Round to the nearest multiple of `tick` (prices). */
export function roundToStep(value: DecimalLike, step: DecimalLike): Decimal {
  const s = dec(step);
  if (s.lte(0)) return dec(value);
  return dec(value).div(s).round().mul(s);
}

export function minDec(a: Decimal, b: Decimal): Decimal {
  return a.lt(b) ? a : b;
}

export function maxDec(a: Decimal, b: Decimal): Decimal {
  return a.gt(b) ? a : b;
}

/** Plain positional string for storage (numeric columns) and JSON. */
export function decString(value: DecimalLike): string {
  return dec(value).toFixed();
}
