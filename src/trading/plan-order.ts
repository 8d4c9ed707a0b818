import { InvalidOrder } from '../shared/errors.js';
import { dec, decString, floorToStep, ZERO, type Decimal } from '../shared/decimal.js';
import { formatAmount, formatMoney } from '../shared/number-format.js';
import { walkBook } from '../market/synthetic-book.js';
import type { Market, OrderBook } from '../market/types.js';
import type { OrderPlan, RiskCheck, TradeRequest } from './types.js';

export interface PlanInput {
  request: TradeRequest;
  market: Market;
  book: OrderBook;
  /** Free balances by asset. */
  free: (asset: string) => Decimal;
  feeRate: Decimal;
  exchange: { name: string; paper: boolean };
}

/**
 * Turns what the user asked for into the exact order that would be sent, priced by
 * walking the current book: the amount on the market's step, the expected average price,
 * cost, fee, balances after, and the checks that decide whether it may be confirmed.
 * Pure: the same inputs give the same plan.
 */
export function planOrder(input: PlanInput): OrderPlan {
  const { request, market, book, feeRate } = input;
  const buy = request.side === 'buy';
  const levels = buy ? book.asks : book.bids;
  const notes: string[] = [];
  const freeQuote = input.free(market.quote);
  const freeBase = input.free(market.base);

  const amount = sizeInBase(input, notes, freeQuote, freeBase);
  const walk = amount.gt(0) ? walkBook(levels, { amount }) : { filled: ZERO, cost: ZERO, averagePrice: null, exhausted: false };
  const cost = walk.cost;
  const fee = cost.mul(feeRate);
  const total = buy ? cost.plus(fee) : cost.minus(fee);
  const bestBid = book.bids[0]?.[0];
  const bestAsk = book.asks[0]?.[0];
  const mid = bestBid !== undefined && bestAsk !== undefined ? dec(bestBid).plus(bestAsk).div(2) : dec(walk.averagePrice ?? 0);

  const checks: RiskCheck[] = [
    market.active
      ? { name: 'market', ok: true, message: `${market.symbol} is trading` }
      : { name: 'market', ok: false, message: `${market.symbol} is not trading right now.` },
    minSizeCheck(market, amount, cost),
    walk.exhausted
      ? { name: 'liquidity', ok: false, message: `The order book is too thin to fill ${formatAmount(amount)} ${market.base} right now.` }
      : { name: 'liquidity', ok: true, message: 'The book can fill it' },
    fundsCheck(buy, market, total, amount, freeQuote, freeBase),
  ];

  const balancesAfter = buy
    ? [
        { asset: market.quote, amount: decString(freeQuote.minus(total)) },
        { asset: market.base, amount: decString(freeBase.plus(amount)) },
      ]
    : [
        { asset: market.base, amount: decString(freeBase.minus(amount)) },
        { asset: market.quote, amount: decString(freeQuote.plus(total)) },
      ];

  return {
    exchange: input.exchange.name,
    paper: input.exchange.paper,
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    side: request.side,
    type: 'market',
    amount: decString(amount),
    estAveragePrice: decString(walk.averagePrice ?? mid),
    estCost: decString(cost),
    estFee: decString(fee),
    feeRate: decString(feeRate),
    estTotal: decString(total),
    midPrice: decString(mid),
    balancesAfter,
    checks,
    notes,
  };
}

export function planIsExecutable(plan: OrderPlan): boolean {
  return plan.checks.every((c) => c.ok);
}

function sizeInBase(input: PlanInput, notes: string[], freeQuote: Decimal, freeBase: Decimal): Decimal {
  const { request, market, book, feeRate } = input;
  const size = request.size;
  const step = market.amountStep;
  const buy = request.side === 'buy';

  if (size.kind === 'base') {
    const wanted = positive(size.amount);
    const rounded = floorToStep(wanted, step);
    if (!rounded.eq(wanted) && rounded.gt(0)) {
      notes.push(`Rounded down to ${formatAmount(rounded)} ${market.base}: ${market.symbol} trades in steps of ${formatAmount(step)}.`);
    }
    return rounded;
  }

  if (size.kind === 'percent') {
    if (!(size.percent > 0 && size.percent <= 100)) throw new InvalidOrder('A percentage must be between 0 and 100.');
    if (!buy) {
      const share = freeBase.mul(size.percent).div(100);
      const rounded = floorToStep(share, step);
      const dust = freeBase.minus(rounded);
      if (size.percent === 100 && dust.gt(0) && rounded.gt(0)) {
        notes.push(`${formatAmount(dust)} ${market.base} stays behind: it is below the market’s step of ${formatAmount(step)}.`);
      }
      return rounded;
    }
    // A share of the quote balance, fee included, is what the user means to spend.
    return spendQuote(book.asks, freeQuote.mul(size.percent).div(100), feeRate, step);
  }

  const quoteAmount = positive(size.amount);
  if (buy) return spendQuote(book.asks, quoteAmount, feeRate, step);
  // Selling "$200 worth": gross proceeds of 200 at the current bids.
  return walkBook(book.bids, { quoteAmount }, { amountStep: step }).filled;
}

/** The base amount whose cost plus fee stays within `budget`. */
function spendQuote(asks: OrderBook['asks'], budget: Decimal, feeRate: Decimal, step: Decimal): Decimal {
  if (budget.lte(0)) return ZERO;
  return walkBook(asks, { quoteAmount: budget.div(feeRate.plus(1)) }, { amountStep: step }).filled;
}

function positive(text: string): Decimal {
  const value = dec(text);
  if (!value.isFinite() || value.lte(0)) throw new InvalidOrder('The amount must be a positive number.');
  return value;
}

function minSizeCheck(market: Market, amount: Decimal, cost: Decimal): RiskCheck {
  if (amount.lte(0)) {
    return { name: 'min_size', ok: false, message: `That is less than the smallest amount ${market.symbol} trades (${formatAmount(market.amountStep)} ${market.base}).` };
  }
  if (amount.lt(market.minAmount)) {
    return { name: 'min_size', ok: false, message: `The minimum order on ${market.symbol} is ${formatAmount(market.minAmount)} ${market.base}.` };
  }
  if (cost.lt(market.minCost)) {
    return { name: 'min_size', ok: false, message: `The minimum order on ${market.symbol} is ${formatMoney(market.minCost, market.quote)}; this one is ${formatMoney(cost, market.quote)}.` };
  }
  return { name: 'min_size', ok: true, message: 'Above the minimum order size' };
}

function fundsCheck(buy: boolean, market: Market, total: Decimal, amount: Decimal, freeQuote: Decimal, freeBase: Decimal): RiskCheck {
  if (buy && total.gt(freeQuote)) {
    return { name: 'funds', ok: false, message: `Not enough ${market.quote}: this needs ${formatMoney(total, market.quote)} and you have ${formatMoney(freeQuote, market.quote)} free.` };
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
