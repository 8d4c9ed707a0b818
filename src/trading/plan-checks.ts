import { dec, type Decimal } from '../shared/decimal.js';
import { InvalidOrder } from '../shared/errors.js';
import { formatAmount, formatMoney } from '../shared/number-format.js';
import type { Market, OrderBook } from '../market/types.js';
import type { RiskCheck } from './types.js';

/** The checks every order plan carries; a plan with a failed check cannot be confirmed. */

export function marketCheck(market: Market): RiskCheck {
  return market.active ? { name: 'market', ok: true, message: `${market.symbol} is trading` } : { name: 'market', ok: false, message: `${market.symbol} is not trading right now.` };
}

export function minSizeCheck(market: Market, amount: Decimal, notional: Decimal): RiskCheck {
  if (amount.lte(0)) {
    return { name: 'min_size', ok: false, message: `That is less than the smallest amount ${market.symbol} trades (${formatAmount(market.amountStep)} ${market.base}).` };
  }
  if (amount.lt(market.minAmount)) {
    return { name: 'min_size', ok: false, message: `The minimum order on ${market.symbol} is ${formatAmount(market.minAmount)} ${market.base}.` };
  }
  if (notional.lt(market.minCost)) {
    return { name: 'min_size', ok: false, message: `The minimum order on ${market.symbol} is ${formatMoney(market.minCost, market.quote)}; this one is ${formatMoney(notional, market.quote)}.` };
  }
  return { name: 'min_size', ok: true, message: 'Above the minimum order size' };
}

/**
 * Buy: the quote the order can take (cost + fee, or what a resting order locks). Sell: the base it
 * sells. `atLeast`: the book could not price all of it, so what it needs is more than that.
 */
export function fundsCheck(buy: boolean, market: Market, quoteNeeded: Decimal, amount: Decimal, freeQuote: Decimal, freeBase: Decimal, options: { atLeast?: boolean } = {}): RiskCheck {
  if (buy && quoteNeeded.gt(freeQuote)) {
    const needs = options.atLeast ? `more than ${formatMoney(quoteNeeded, market.quote)}` : formatMoney(quoteNeeded, market.quote);
    return { name: 'funds', ok: false, message: `Not enough ${market.quote}: this needs ${needs} and you have ${formatMoney(freeQuote, market.quote)} free.` };
  }
  if (!buy && amount.gt(freeBase)) {
    return {
      name: 'funds',
      ok: false,
      message: freeBase.isZero() ? `You hold no ${market.base} to sell.` : `Not enough ${market.base}: you have ${formatAmount(freeBase)} ${market.base} free.`,
    };
  }
  return { name: 'funds', ok: true, message: 'Enough balance' };
}

export function midPrice(book: OrderBook): Decimal {
  const bid = book.bids[0]?.[0];
  const ask = book.asks[0]?.[0];
  if (bid !== undefined && ask !== undefined) return dec(bid).plus(ask).div(2);
  return dec(bid ?? ask ?? 0);
}

export function bestPrice(book: OrderBook, side: 'bid' | 'ask'): Decimal | null {
  const level = side === 'bid' ? book.bids[0] : book.asks[0];
  return level ? dec(level[0]) : null;
}

export function positive(text: string, what = 'The amount'): Decimal {
  const value = dec(text);
  if (!value.isFinite() || value.lte(0)) throw new InvalidOrder(`${what} must be a positive number.`);
  return value;
}

/** Decimals of a market's price tick (0.01 → 2): its prices are shown on that grid. */
export function tickDecimals(market: Market): number {
  return Math.max(0, market.priceTick.decimalPlaces());
}
