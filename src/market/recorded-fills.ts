import { dec, Decimal, ZERO, type DecimalLike } from '../shared/decimal.js';
import { midOf, type RecordedBook, type RecordedSnapshot, type RecordedTrade } from './recorded-book.js';
import { walkBook } from './synthetic-book.js';

/*
 * Fills on a recorded order book: the one engine behind `fill-sim` and the paper exchange in
 * MARKET_DATA=book mode.
 *
 * Market orders take the recorded levels of the second they arrive in, best first (walkBook, in
 * decimals). Only the recorded depth (top 20 levels) exists: an order larger than it is
 * reported as exhausted, not filled beyond it.
 *
 * Resting limit orders fill from the recorded trades that cross them, by traded volume, behind
 * a queue:
 *  - At placement the order joins the back of its price level: the queue ahead is the volume
 *    the book shows at exactly its price on its own side (none when the price is a new level,
 *    inside the spread or beyond the recorded depth).
 *  - A trade whose taker is on the other side (a sell taker for a buy order) and that prints at
 *    the order's price first uses up the queue ahead; what is left of it fills the order.
 *  - A trade that prints through the price (below a buy, above a sell) swept the whole level:
 *    the queue is gone and the whole trade's volume is offered to the order.
 *  - Each order is its own simulation: orders of different accounts do not share the volume.
 *  - The simulation looks back at most one loop of the recording: an order that has rested for
 *    longer is at the front of its queue.
 * Trades whose taker is on the order's own side never fill it.
 */

export interface MarketFill {
  /** Base taken from the book. */
  filled: Decimal;
  /** Quote paid (buy) or received (sell), before the fee. */
  cost: Decimal;
  averagePrice: Decimal | null;
  /** cost × fee rate, in the quote asset. */
  fee: Decimal;
  /** (best bid + best ask) / 2 of the book walked. */
  mid: Decimal;
  /** What the average price cost against the mid, in basis points: positive is worse than the mid. */
  slippageBps: Decimal | null;
  levelsUsed: number;
  /** The recorded depth ran out before the amount was filled. */
  exhausted: boolean;
}

export function marketFill(book: Pick<RecordedSnapshot, 'bids' | 'asks'>, side: 'buy' | 'sell', amount: DecimalLike, feeRate: DecimalLike): MarketFill {
  const mid = midOf(book);
  if (mid === null) throw new Error('the book is one-sided: no mid price');
  const walk = walkBook(side === 'buy' ? book.asks : book.bids, { amount });
  const midDec = dec(mid);
  const slippageBps = walk.averagePrice && (side === 'buy' ? walk.averagePrice.minus(midDec) : midDec.minus(walk.averagePrice)).div(midDec).mul(10_000);
  return {
    filled: walk.filled,
    cost: walk.cost,
    averagePrice: walk.averagePrice,
    fee: walk.cost.mul(dec(feeRate)),
    mid: midDec,
    slippageBps,
    levelsUsed: walk.levelsUsed,
    exhausted: walk.exhausted,
  };
}

export interface RestingOrder {
  side: 'buy' | 'sell';
  price: Decimal;
  /** Wall time it was placed at. */
  placedAt: number;
}

/** Volume on the order's own side at exactly its price, in the book it was placed into. */
export function queueAhead(book: Pick<RecordedSnapshot, 'bids' | 'asks'>, side: 'buy' | 'sell', price: DecimalLike): Decimal {
  const p = dec(price);
  const level = (side === 'buy' ? book.bids : book.asks).find(([lp]) => p.eq(lp));
  return level ? dec(level[1]) : ZERO;
}

/** How a trade meets a resting order: not at all, at its price (behind the queue), or through it. */
export function crossing(order: Pick<RestingOrder, 'side' | 'price'>, trade: Pick<RecordedTrade, 'side' | 'price'>): 'none' | 'at' | 'through' {
  if (trade.side === order.side) return 'none';
  const cmp = order.price.cmp(trade.price); // buy: trade at or below; sell: at or above
  if (cmp === 0) return 'at';
  if (order.side === 'buy') return cmp > 0 ? 'through' : 'none';
  return cmp < 0 ? 'through' : 'none';
}

/**
 * Base volume the recorded trades offer a resting order in the wall interval (fromMs, toMs],
 * after its queue; the caller caps it at what the order still wants. `fromMs` is when the order
 * last had volume offered (its placement or its last fill), so repeated calls never offer a
 * trade twice. At most one loop of trades is offered per call.
 */
export function offeredVolume(book: RecordedBook, order: RestingOrder, fromMs: number, toMs: number): Decimal {
  const from = Math.max(fromMs, order.placedAt, toMs - book.spanMs);
  if (!(toMs > from)) return ZERO;
  // The queue is walked from placement (within one loop back), then only what falls in (from, to] counts.
  const queueStart = Math.max(order.placedAt, from - book.spanMs);
  let queue = queueStart === order.placedAt ? queueAhead(book.bookAtWall(order.placedAt), order.side, order.price) : ZERO;
  let offered = new Decimal(0);
  for (const trade of book.tradesBetweenWall(queueStart, toMs)) {
    const how = crossing(order, trade);
    if (how === 'none') continue;
    let volume = dec(trade.qty);
    if (how === 'through') {
      queue = ZERO;
    } else if (queue.gt(0)) {
      const used = Decimal.min(queue, volume);
      queue = queue.minus(used);
      volume = volume.minus(used);
    }
    if (trade.wallTs > from) offered = offered.plus(volume);
  }
  return offered;
}
