import { Decimal, minDec, ZERO } from '../shared/decimal.js';
import { InsufficientFunds, InvalidOrder } from '../shared/errors.js';
import { formatAmount, formatMoney } from '../shared/number-format.js';
import { walkBook } from '../market/synthetic-book.js';
import type { BookLevel, Market, OrderBook } from '../market/types.js';
import type { ExchangeOrder, OrderRequest } from '../trading/exchange-port.js';
import type { BalanceDelta, LedgerBalance, NewPaperOrder, OrderChange, PaperOrderRecord } from './paper-ledger.js';

/*
 * The paper exchange's arithmetic for limit orders, kept pure so the exchange (placing,
 * cancelling) and the matcher (filling) share one definition of what an order holds.
 * Fees are charged in the quote asset. Every stored figure is cut to the ledger's 18 decimals
 * here, so what the database keeps and what the balances moved by are the same numbers.
 */

const LEDGER_DECIMALS = 18;
/** Rounded like the numeric(38,18) columns would, but before storing, so both sides agree. */
export const toLedger = (value: Decimal): Decimal => value.toDecimalPlaces(LEDGER_DECIMALS);
const toLedgerUp = (value: Decimal): Decimal => value.toDecimalPlaces(LEDGER_DECIMALS, Decimal.ROUND_UP);

export function assetsOf(symbol: string): { base: string; quote: string } {
  const [base = symbol, quote = ''] = symbol.split('/');
  return { base, quote };
}

/**
 * What a resting buy holds: the quote at its own price plus the fee, at the rate in force when
 * it was placed. A fill charged at a higher rate later takes the difference from the free balance.
 */
export function buyHold(amount: Decimal, price: Decimal, feeRate: Decimal): Decimal {
  return toLedgerUp(amount.mul(price).mul(feeRate.plus(1)));
}

/** The book levels a limit order may take: those at its price or better. */
export function levelsWithin(book: OrderBook, side: 'buy' | 'sell', limit: Decimal): BookLevel[] {
  return side === 'buy' ? book.asks.filter(([p]) => limit.gte(p)) : book.bids.filter(([p]) => limit.lte(p));
}

/**
 * A limit order at placement: the part the book can fill at the limit or better fills now as a
 * taker; the rest rests with its funds held. Throws InsufficientFunds when the account cannot pay
 * for both, which writes nothing.
 */
export function placeLimit(input: {
  request: OrderRequest & { price: Decimal };
  market: Market;
  book: OrderBook;
  balances: Map<string, LedgerBalance>;
  feeRate: Decimal;
  now: number;
}): { order: NewPaperOrder; deltas: BalanceDelta[] } {
  const { request, market, balances, feeRate } = input;
  const { amount, price } = request;
  const buy = request.side === 'buy';
  const levels = levelsWithin(input.book, request.side, price);
  const walked = levels.length > 0 ? walkBook(levels, { amount }) : { filled: ZERO, cost: ZERO };
  const walk = { filled: walked.filled, cost: toLedger(walked.cost) };
  const takerFee = toLedger(walk.cost.mul(feeRate));
  const rest = amount.minus(walk.filled);
  const hold = buy ? buyHold(rest, price, feeRate) : rest;

  const freeQuote = balances.get(market.quote)?.free ?? ZERO;
  const freeBase = balances.get(market.base)?.free ?? ZERO;
  const quoteNeeded = walk.cost.plus(takerFee).plus(hold);
  if (buy && quoteNeeded.gt(freeQuote)) {
    throw new InsufficientFunds(`Not enough ${market.quote}: this order holds ${formatMoney(quoteNeeded, market.quote)} with the fee and you have ${formatMoney(freeQuote, market.quote)} free.`);
  }
  if (!buy && amount.gt(freeBase)) {
    throw new InsufficientFunds(`Not enough ${market.base}: you have ${formatAmount(freeBase)} ${market.base} free.`);
  }
  return {
    order: {
      clientOrderId: request.clientOrderId,
      symbol: market.symbol,
      side: request.side,
      type: 'limit',
      status: rest.isZero() ? 'closed' : 'open',
      amount,
      price,
      filled: walk.filled,
      cost: walk.cost,
      average: walk.filled.gt(0) ? walk.cost.div(walk.filled) : null,
      fee: { cost: takerFee, currency: market.quote },
      timestamp: input.now,
      locked: hold,
    },
    deltas: buy
      ? [
          { asset: market.quote, free: quoteNeeded.neg(), locked: hold },
          { asset: market.base, free: walk.filled },
        ]
      : [
          { asset: market.base, free: amount.neg(), locked: hold },
          { asset: market.quote, free: walk.cost.minus(takerFee) },
        ],
  };
}

export interface RestingFill {
  /** Base filled now. */
  amount: Decimal;
  change: OrderChange;
  deltas: BalanceDelta[];
  cost: Decimal;
  fee: Decimal;
}

/**
 * `amount` of a resting order fills at the order's own price (a maker fill). The held funds pay
 * for it; the last fill gives back whatever the hold had left (nothing when the rate is unchanged).
 */
export function fillResting(order: PaperOrderRecord, amount: Decimal, feeRate: Decimal, now: number): RestingFill {
  if (!order.price) throw new Error(`paper order ${order.id} has no limit price`);
  const { base, quote } = assetsOf(order.symbol);
  const buy = order.side === 'buy';
  const cost = toLedger(amount.mul(order.price));
  const fee = toLedger(cost.mul(feeRate));
  const filled = order.filled.plus(amount);
  const done = filled.gte(order.amount);
  const need = buy ? cost.plus(fee) : amount;
  const fromHold = done ? order.locked : minDec(order.locked, need);
  const held = buy ? quote : base;
  const deltas: BalanceDelta[] = [
    { asset: held, free: fromHold.minus(need), locked: fromHold.neg() },
    buy ? { asset: base, free: amount } : { asset: quote, free: cost.minus(fee) },
  ];
  return {
    change: {
      status: done ? 'closed' : 'open',
      filled,
      cost: order.cost.plus(cost),
      fee: order.fee.cost.plus(fee),
      locked: order.locked.minus(fromHold),
      updatedAt: now,
    },
    amount,
    deltas,
    cost,
    fee,
  };
}

/** An open order ends as canceled, and what it still held goes back to the free balance. */
export function cancelResting(order: PaperOrderRecord, now: number): { change: OrderChange; deltas: BalanceDelta[] } {
  if (order.status !== 'open') {
    const state = order.status === 'closed' ? 'filled' : order.status === 'canceled' ? 'cancelled' : order.status;
    throw new InvalidOrder(`Order ${order.id} is already ${state}.`);
  }
  const { base, quote } = assetsOf(order.symbol);
  const held = order.side === 'buy' ? quote : base;
  return {
    change: { status: 'canceled', locked: ZERO, updatedAt: now },
    deltas: [{ asset: held, free: order.locked, locked: order.locked.neg() }],
  };
}

/** The port's view of a ledger record: what a real exchange would answer. */
export function publicOrder(record: PaperOrderRecord): ExchangeOrder {
  const { accountId: _account, locked: _locked, updatedAt: _updated, ...order } = record;
  return order;
}
