import { InvalidOrder } from '../shared/errors.js';
import { decString, floorToStep, roundToStep, ZERO, type Decimal } from '../shared/decimal.js';
import { formatAmount, formatPrice } from '../shared/number-format.js';
import { walkBook } from '../market/synthetic-book.js';
import type { BookLevel } from '../market/types.js';
import { fundsCheck, marketCheck, midPrice, minSizeCheck, positive, tickDecimals } from './plan-checks.js';
import { planCommon, sizeInBase, type PlanInput } from './plan-input.js';
import { planProtective } from './plan-protective.js';
import type { OrderPlan, RiskCheck } from './types.js';

export type { PlanInput } from './plan-input.js';

/**
 * Turns what the user asked for into the exact order that would be sent, priced from the
 * current book: the amount on the market's step, the price on its tick, the expected
 * average price, cost, fee, what stays locked, balances after, and the checks that decide
 * whether it may be confirmed. Pure: the same inputs give the same plan.
 */
export function planOrder(input: PlanInput): OrderPlan {
  switch (input.request.type) {
    case 'market':
      return planMarket(input);
    case 'limit':
      return planLimit(input);
    case 'stop_loss':
    case 'take_profit':
      return planProtective(input);
  }
}

export function planIsExecutable(plan: { checks: RiskCheck[] }): boolean {
  return plan.checks.every((c) => c.ok);
}

function planMarket(input: PlanInput): OrderPlan {
  const { request, market, book, feeRate } = input;
  const buy = request.side === 'buy';
  const notes: string[] = [];
  const freeQuote = input.free(market.quote);
  const freeBase = input.free(market.base);
  const amount = sizeInBase(input, notes, (quote) => walkBook(book.asks, { quoteAmount: quote }, { amountStep: market.amountStep }).filled, (quote) =>
    walkBook(book.bids, { quoteAmount: quote }, { amountStep: market.amountStep }).filled,
  );
  const walk = amount.gt(0) ? walkBook(buy ? book.asks : book.bids, { amount }) : { cost: ZERO, averagePrice: null, exhausted: false };
  const fee = walk.cost.mul(feeRate);
  const total = buy ? walk.cost.plus(fee) : walk.cost.minus(fee);
  const mid = midPrice(book);
  // In the order a person needs them: the first that fails is the one said.
  const checks: RiskCheck[] = [
    marketCheck(market),
    fundsCheck(buy, market, total, amount, freeQuote, freeBase, { atLeast: walk.exhausted }),
    minSizeCheck(market, amount, walk.cost),
    walk.exhausted
      ? { name: 'liquidity', ok: false, message: `The order book is too thin to fill ${formatAmount(amount)} ${market.base} right now.` }
      : { name: 'liquidity', ok: true, message: 'The book can fill it' },
  ];
  return {
    ...planCommon(input, amount, notes, checks, mid, freeQuote, freeBase, total),
    type: 'market',
    fillsNow: true,
    estAveragePrice: decString(walk.averagePrice ?? mid),
    estCost: decString(walk.cost),
    estFee: decString(fee),
    estTotal: decString(total),
  };
}

function planLimit(input: PlanInput): OrderPlan {
  const { request, market, book, feeRate } = input;
  const buy = request.side === 'buy';
  const notes: string[] = [];
  const freeQuote = input.free(market.quote);
  const freeBase = input.free(market.base);
  const asked = positive(request.price ?? '0', 'The limit price');
  const price = roundToStep(asked, market.priceTick);
  if (price.lte(0)) throw new InvalidOrder(`The limit price is below the smallest price step of ${market.symbol} (${formatPrice(market.priceTick, tickDecimals(market))}).`);
  if (!price.eq(asked)) notes.push(`Price rounded to ${formatPrice(price, tickDecimals(market))} ${market.quote}: ${market.symbol} prices move in steps of ${formatPrice(market.priceTick, tickDecimals(market))}.`);

  // A share of the balance or a quote amount buys at most what it pays for at the limit, fee included.
  const amount = sizeInBase(input, notes, (quote) => floorToStep(quote.div(price), market.amountStep), (quote) => floorToStep(quote.div(price), market.amountStep));
  const crossing = walkWithin(buy ? book.asks : book.bids, amount, price, buy);
  const restAmount = amount.minus(crossing.filled);
  const estCost = crossing.cost.plus(restAmount.mul(price));
  const fee = estCost.mul(feeRate);
  const total = buy ? estCost.plus(fee) : estCost.minus(fee);
  // What the exchange holds at most: the whole order at its limit.
  const worstQuote = amount.mul(price).mul(feeRate.plus(1));
  const mid = midPrice(book);
  if (crossing.filled.gt(0)) {
    notes.push(
      restAmount.gt(0)
        ? `${formatAmount(crossing.filled)} ${market.base} fills at once from the book; the other ${formatAmount(restAmount)} waits at ${formatPrice(price, tickDecimals(market))}.`
        : `The book already offers this price: it fills at once, at ${formatPrice(price, tickDecimals(market))} or better.`,
    );
  }
  const checks: RiskCheck[] = [marketCheck(market), fundsCheck(buy, market, worstQuote, amount, freeQuote, freeBase), minSizeCheck(market, amount, amount.mul(price))];
  return {
    ...planCommon(input, amount, notes, checks, mid, freeQuote, freeBase, buy ? worstQuote : total),
    type: 'limit',
    limitPrice: decString(price),
    fillsNow: crossing.filled.gt(0),
    estAveragePrice: decString(amount.gt(0) ? estCost.div(amount) : price),
    estCost: decString(estCost),
    estFee: decString(fee),
    estTotal: decString(buy ? worstQuote : total),
    ...(restAmount.gt(0) ? { locked: buy ? { asset: market.quote, amount: decString(restAmount.mul(price).mul(feeRate.plus(1))) } : { asset: market.base, amount: decString(restAmount) } } : {}),
  };
}

/** Book levels at the limit or better: what a marketable limit takes at once. */
function walkWithin(levels: readonly BookLevel[], amount: Decimal, limit: Decimal, buy: boolean): { filled: Decimal; cost: Decimal } {
  const within = levels.filter(([p]) => (buy ? limit.gte(p) : limit.lte(p)));
  if (within.length === 0 || amount.lte(0)) return { filled: ZERO, cost: ZERO };
  const walk = walkBook(within, { amount });
  return { filled: walk.filled, cost: walk.cost };
}

