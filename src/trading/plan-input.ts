import { InvalidOrder } from '../shared/errors.js';
import { decString, floorToStep, ZERO, type Decimal } from '../shared/decimal.js';
import { formatAmount } from '../shared/number-format.js';
import type { Market, OrderBook } from '../market/types.js';
import { positive } from './plan-checks.js';
import type { RiskCheck, TradeRequest } from './types.js';

/** What every planner is given, and the parts of a plan they share. */
export interface PlanInput {
  request: TradeRequest;
  market: Market;
  book: OrderBook;
  /** Free balances by asset. */
  free: (asset: string) => Decimal;
  feeRate: Decimal;
  exchange: { name: string; paper: boolean; nativeStopLoss: boolean; nativeTakeProfit: boolean };
}

export function planCommon(input: PlanInput, amount: Decimal, notes: string[], checks: RiskCheck[], mid: Decimal, freeQuote: Decimal, freeBase: Decimal, quoteMoved: Decimal) {
  const { market, request } = input;
  const buy = request.side === 'buy';
  return {
    exchange: input.exchange.name,
    paper: input.exchange.paper,
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    side: request.side,
    amount: decString(amount),
    ...(request.size.kind === 'base' ? { asked: request.size.amount } : {}),
    priceDecimals: Math.max(0, market.priceTick.decimalPlaces()),
    feeRate: decString(input.feeRate),
    midPrice: decString(mid),
    balancesAfter: buy
      ? [
          { asset: market.quote, amount: decString(freeQuote.minus(quoteMoved)) },
          { asset: market.base, amount: decString(freeBase.plus(amount)) },
        ]
      : [
          { asset: market.base, amount: decString(freeBase.minus(amount)) },
          { asset: market.quote, amount: decString(freeQuote.plus(quoteMoved)) },
        ],
    checks,
    notes,
  };
}

/**
 * The base amount the request means. Quote amounts and buy percentages are converted by
 * `buyFor`/`sellFor` (the book for market orders, the limit price for limits); a quote
 * budget for a buy includes the fee, so "buy $100" spends at most $100.
 */
export function sizeInBase(input: PlanInput, notes: string[], buyFor: (quote: Decimal) => Decimal, sellFor: (quote: Decimal) => Decimal): Decimal {
  const { request, market, feeRate } = input;
  const size = request.size;
  const step = market.amountStep;
  const buy = request.side === 'buy';
  const budget = (quote: Decimal) => (quote.lte(0) ? ZERO : buyFor(quote.div(feeRate.plus(1))));

  if (size.kind === 'base') {
    const wanted = positive(size.amount);
    const rounded = floorToStep(wanted, step);
    if (!rounded.eq(wanted) && rounded.gt(0)) notes.push(`Rounded down to ${formatAmount(rounded)} ${market.base}: ${market.symbol} trades in steps of ${formatAmount(step)}.`);
    return rounded;
  }
  if (size.kind === 'percent') {
    if (!(size.percent > 0 && size.percent <= 100)) throw new InvalidOrder('A percentage must be between 0 and 100.');
    if (buy) return budget(input.free(market.quote).mul(size.percent).div(100));
    const held = input.free(market.base);
    const rounded = floorToStep(held.mul(size.percent).div(100), step);
    const dust = held.minus(rounded);
    if (size.percent === 100 && dust.gt(0) && rounded.gt(0)) notes.push(`${formatAmount(dust)} ${market.base} stays behind: it is below the market’s step of ${formatAmount(step)}.`);
    return rounded;
  }
  const quote = positive(size.amount);
  if (buy) return budget(quote);
  // Selling "$200 worth": gross proceeds of 200.
  return sellFor(quote);
}
