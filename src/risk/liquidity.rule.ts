import { dec, decString, floorToStep, ZERO, type Decimal } from '../shared/decimal.js';
import { formatAmount, formatMoney, formatPrice } from '../shared/number-format.js';
import { walkBook } from '../market/synthetic-book.js';
import type { BookLevel, OrderBook } from '../market/types.js';
import { exposureOf } from './exposure.js';
import type { RiskFacts, RiskOrder, RiskTrade } from './facts.js';
import type { RiskLimits } from './limits.js';
import { pct, round2 } from './risk-text.js';
import { allow, verdict, type RiskVerdict } from './verdict.js';

export interface BookImpact {
  mid: Decimal;
  /** Base amount on the side the order takes, within `liquidityBandPct` of the mid. */
  depth: Decimal;
  /** The order's amount as a share of that depth, in percent (Infinity with no depth). */
  sharePct: number;
  /** Average price walking the whole side for the order's amount; null when the side is empty. */
  averagePrice: Decimal | null;
  /** Distance of that average from the mid, in percent. */
  slippagePct: number | null;
  /** The side ran out before the order was filled. */
  exhausted: boolean;
}

/** What an order of `amount` would do to the side of the book it takes from. */
export function bookImpact(book: OrderBook, side: 'buy' | 'sell', amount: Decimal, bandPct: number): BookImpact | null {
  const bid = book.bids[0]?.[0];
  const ask = book.asks[0]?.[0];
  if (bid === undefined || ask === undefined) return null;
  const mid = dec(bid).plus(ask).div(2);
  const levels: readonly BookLevel[] = side === 'buy' ? book.asks : book.bids;
  const band = dec(bandPct).div(100);
  const edge = side === 'buy' ? mid.mul(band.plus(1)) : mid.mul(dec(1).minus(band));
  const depth = levels.filter(([p]) => (side === 'buy' ? edge.gte(p) : edge.lte(p))).reduce((sum, [, a]) => sum.plus(a), ZERO);
  const walk = amount.gt(0) && levels.length > 0 ? walkBook(levels, { amount }) : null;
  const averagePrice = walk?.averagePrice ?? null;
  return {
    mid,
    depth,
    sharePct: depth.gt(0) ? amount.div(depth).mul(100).toNumber() : Infinity,
    averagePrice,
    slippagePct: averagePrice && mid.gt(0) ? averagePrice.minus(mid).abs().div(mid).mul(100).toNumber() : null,
    exhausted: walk?.exhausted ?? true,
  };
}

/** Market orders take liquidity; a limit takes it when the book already crosses its price. */
function takesLiquidity(order: RiskTrade, book: OrderBook): boolean {
  if (order.type === 'market') return true;
  if (order.type !== 'limit' || !order.limitPrice) return false;
  const best = order.side === 'buy' ? book.asks[0]?.[0] : book.bids[0]?.[0];
  if (best === undefined) return false;
  return order.side === 'buy' ? order.limitPrice.gte(best) : order.limitPrice.lte(best);
}

/**
 * liquidity: an order taking more than `liquidityWarnPct` of the depth within `liquidityBandPct`
 * of the mid is warned, above `liquidityBlockPct` blocked (with the largest amount that passes),
 * both with the slippage walking the book would cost. An exit is only ever warned.
 */
export function liquidityRule(_now: number, order: RiskOrder, facts: Pick<RiskFacts, 'book' | 'cash' | 'holdings'>, limits: Pick<RiskLimits, 'liquidityBandPct' | 'liquidityWarnPct' | 'liquidityBlockPct'>): RiskVerdict {
  if (order.kind === 'cancel' || order.type === 'stop_loss' || order.type === 'take_profit') return allow('liquidity', 'does_not_take');
  const book = facts.book;
  if (!book) return allow('liquidity', 'no_book');
  if (!takesLiquidity(order, book)) return allow('liquidity', 'resting');
  const impact = bookImpact(book, order.side, order.amount, limits.liquidityBandPct);
  if (!impact) return allow('liquidity', 'no_book');
  if (impact.sharePct <= limits.liquidityWarnPct) return allow('liquidity');

  const addsRisk = exposureOf(order, facts).addsRisk;
  const blocks = addsRisk && impact.sharePct > limits.liquidityBlockPct;
  const sideName = order.side === 'buy' ? 'asks' : 'bids';
  const share = Number.isFinite(impact.sharePct) ? `${pct(impact.sharePct, 0)} of` : 'more than';
  const fill = impact.exhausted
    ? 'The whole visible book could not fill it.'
    : `Walking the book it would fill around ${formatPrice(impact.averagePrice!)} on average, ${pct(impact.slippagePct!, 2)} from the mid.`;
  const maxAmount = floorToStep(impact.depth.mul(limits.liquidityBlockPct).div(100), order.amountStep);
  const maxValue = maxAmount.mul(order.price).mul(order.quoteValue);
  const params = {
    sharePct: Number.isFinite(impact.sharePct) ? round2(impact.sharePct) : 'infinite',
    depth: decString(impact.depth),
    bandPct: limits.liquidityBandPct,
    slippagePct: impact.slippagePct === null || impact.exhausted ? 'unknown' : round2(impact.slippagePct),
    warnPct: limits.liquidityWarnPct,
    blockPct: limits.liquidityBlockPct,
    maxAmount: decString(maxAmount),
    unit: order.base,
  };
  const thin = `This order is ${share} the ${order.symbol} ${sideName} within ${pct(limits.liquidityBandPct)} of the mid (${formatAmount(impact.depth)} ${order.base}). ${fill}`;
  if (blocks) {
    const way = maxAmount.gt(0) ? ` The most that passes is ${formatAmount(maxAmount)} ${order.base} (${formatMoney(maxValue, facts.cash)}).` : ' Nothing passes until the book refills.';
    return verdict('liquidity', 'block', 'too_thin', `${thin}${way}`, params, maxAmount.gt(0) ? { amount: decString(maxAmount), value: decString(maxValue) } : undefined);
  }
  return verdict('liquidity', 'warn', 'thin_book', thin, params);
}
