import { ZERO, type Decimal } from '../shared/decimal.js';
import type { Position } from './types.js';

/** The account's reference currency: P&L is measured in it and it has no position of its own. */
export const CASH_ASSET = 'USDT';

export interface TradeLegs {
  base: string;
  quote: string;
  side: 'buy' | 'sell';
  /** Base amount filled. */
  amount: Decimal;
  /** Quote value of the fill, before fees. */
  cost: Decimal;
  fee: Decimal;
  /** The quote (paper, most exchanges), the base (Binance without BNB) or a third asset (BNB). */
  feeCurrency: string;
  /** USDT value of one unit of the quote asset at the fill (1 for USDT). */
  quoteUsdt: Decimal;
}

/**
 * Average-cost accounting in USDT. A trade is two legs — one asset acquired, the other
 * disposed of — both valued at the same USDT amount, with fees inside that value; so
 * realized + unrealized P&L always equals the change in the account's USDT value. A fee
 * paid in a third asset is a disposal of that asset for nothing (its cost is realized).
 */
export function applyTrade(positions: readonly Position[], legs: TradeLegs): Position[] {
  const byAsset = new Map(positions.map((p) => [p.asset, { ...p }]));
  const feeIn = (asset: string) => (legs.feeCurrency === asset ? legs.fee : ZERO);
  const buy = legs.side === 'buy';
  // What moved, net of fees taken in the traded assets.
  const baseMoved = buy ? legs.amount.minus(feeIn(legs.base)) : legs.amount.plus(feeIn(legs.base));
  const quoteMoved = buy ? legs.cost.plus(feeIn(legs.quote)) : legs.cost.minus(feeIn(legs.quote));
  const value = quoteMoved.mul(legs.quoteUsdt);
  const [acquired, acquiredAmount, disposed, disposedAmount] = buy ? [legs.base, baseMoved, legs.quote, quoteMoved] : [legs.quote, quoteMoved, legs.base, baseMoved];
  if (acquired !== CASH_ASSET) acquire(byAsset, acquired, acquiredAmount, value);
  if (disposed !== CASH_ASSET) dispose(byAsset, disposed, disposedAmount, value);
  const third = legs.feeCurrency !== legs.base && legs.feeCurrency !== legs.quote && legs.fee.gt(0) && legs.feeCurrency !== CASH_ASSET;
  if (third) dispose(byAsset, legs.feeCurrency, legs.fee, ZERO);
  return [...byAsset.values()];
}

type Book = Map<string, Position>;

function get(book: Book, asset: string): Position {
  let position = book.get(asset);
  if (!position) {
    position = { asset, amount: ZERO, avgEntryUsdt: ZERO, realizedPnlUsdt: ZERO };
    book.set(asset, position);
  }
  return position;
}

function acquire(book: Book, asset: string, amount: Decimal, valueUsdt: Decimal): void {
  const p = get(book, asset);
  const held = p.amount.gt(0) ? p.amount : ZERO;
  const newAmount = held.plus(amount);
  p.avgEntryUsdt = newAmount.gt(0) ? held.mul(p.avgEntryUsdt).plus(valueUsdt).div(newAmount) : ZERO;
  p.amount = newAmount;
}

function dispose(book: Book, asset: string, amount: Decimal, valueUsdt: Decimal): void {
  const p = get(book, asset);
  // Coins Parley never saw bought (deposited by hand) have no known cost: they are
  // booked at the sale price, so they add no made-up profit.
  const tracked = amount.gt(p.amount) ? (p.amount.gt(0) ? p.amount : ZERO) : amount;
  const trackedValue = amount.isZero() ? ZERO : valueUsdt.mul(tracked).div(amount);
  p.realizedPnlUsdt = p.realizedPnlUsdt.plus(trackedValue.minus(p.avgEntryUsdt.mul(tracked)));
  p.amount = p.amount.minus(tracked);
  if (p.amount.lte(0)) {
    p.amount = ZERO;
    p.avgEntryUsdt = ZERO;
  }
}

/**
 * Sets a holding to what the exchange says (deposits, withdrawals, trades made elsewhere):
 * coins that appeared are booked at today's price, coins that left at their average cost,
 * so neither invents profit.
 */
export function adjustHolding(positions: readonly Position[], asset: string, target: Decimal, priceUsdt: Decimal): Position[] {
  const byAsset = new Map(positions.map((p) => [p.asset, { ...p }]));
  const p = get(byAsset, asset);
  const held = p.amount.gt(0) ? p.amount : ZERO;
  if (target.gt(held)) acquire(byAsset, asset, target.minus(held), target.minus(held).mul(priceUsdt));
  else if (target.lt(held)) {
    p.amount = target.gt(0) ? target : ZERO;
    if (p.amount.isZero()) p.avgEntryUsdt = ZERO;
  }
  return [...byAsset.values()];
}
