import { dec, type Decimal, type DecimalLike } from '../shared/decimal.js';
import { AppError } from '../shared/errors.js';
import { formatPrice } from '../shared/number-format.js';
import type { AlertDirection } from './types.js';

/*
 * When an alert fires, and which alerts can be set. One rule decides both: an alert "holds" when
 * the last price is at or beyond its level (touching counts, as for the stops Parley watches).
 * An alert that already holds is refused when it is set, so an alert that holds later was crossed
 * after it was set — whether the price walked past the level or jumped past it between two passes.
 */

/** The most active alerts one user may have. */
export const MAX_ACTIVE_ALERTS = 50;
/** Far beyond any listed price; keeps a typo's 60,000,000,000,000 out of the book. */
const MAX_LEVEL = dec('1e15');

/** A refusal the user can act on; `code` is alert.invalid_price | alert.already_there | alert.limit. */
export class AlertRefused extends AppError {}

/** "BTC" on the USDT market everyone means by it; a cross keeps its pair ("ETH/BTC"). */
export function coinName(symbol: string): string {
  const [base, quote] = symbol.split('/');
  return quote === 'USDT' && base ? base : symbol;
}

/** Above when the level is above the price now, else below. */
export function inferDirection(level: DecimalLike, last: DecimalLike): AlertDirection {
  return dec(level).gt(dec(last)) ? 'above' : 'below';
}

/** True when `last` is at or beyond the level in `direction`. */
export function alertHolds(direction: AlertDirection, level: DecimalLike, last: DecimalLike): boolean {
  const cmp = dec(last).cmp(dec(level));
  return direction === 'above' ? cmp >= 0 : cmp <= 0;
}

/** The level as a positive decimal, or a refusal saying why not. */
export function alertLevel(price: string | number): Decimal {
  let level: Decimal;
  try {
    level = dec(price);
  } catch {
    throw new AlertRefused('alert.invalid_price', 'I need a price level as a number, for example 60000 or 60k.');
  }
  if (!level.isFinite() || level.lte(0)) throw new AlertRefused('alert.invalid_price', 'An alert level must be a price above zero.');
  if (level.gt(MAX_LEVEL)) throw new AlertRefused('alert.invalid_price', `${formatPrice(level)} is not a price I can watch.`);
  // The column keeps 18 decimals (ETH's wei); more would be rounded silently by the database.
  return level.toDecimalPlaces(18);
}

/** Refuses an alert that would fire at once: "BTC is already above 60,000.00 (61,234.00 now)." */
export function refuseIfAlreadyThere(symbol: string, direction: AlertDirection, level: Decimal, last: number, inferred: boolean): void {
  if (!alertHolds(direction, level, last)) return;
  const name = coinName(symbol);
  if (inferred || level.eq(last)) {
    // Only an exact tie gets here when the direction was inferred.
    throw new AlertRefused('alert.already_there', `${name} is at ${formatPrice(level)} right now. Pick a level above or below it.`);
  }
  throw new AlertRefused('alert.already_there', `${name} is already ${direction} ${formatPrice(level)} (${formatPrice(last)} now).`);
}

export function tooManyAlerts(max: number): AlertRefused {
  return new AlertRefused('alert.limit', `You have ${max} active alerts, the most I keep. Remove one you no longer need first.`);
}
