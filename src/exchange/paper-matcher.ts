import type { Clock } from '../shared/clock.js';
import { dec, floorToStep, minDec, ZERO, type Decimal } from '../shared/decimal.js';
import type { Logger } from '../shared/logger.js';
import type { MarketDirectory } from '../market/market-directory.js';
import type { Candle, Market, MarketDataPort, OrderBook, Ticker } from '../market/types.js';
import type { ExchangeOrder, ExchangeOrderStatus, OrderSide } from '../trading/exchange-port.js';
import { fillResting, levelsWithin, publicOrder, type RestingFill } from './paper-fills.js';
import type { PaperLedger, PaperOrderRecord } from './paper-ledger.js';
import { HOUR_MS, markOf, reachedSince, volumeBetween, type MarketMark } from './paper-market-reach.js';

/*
 * Fill rules for resting paper limit orders (see also paper-market-reach.ts):
 *  - An order is crossed when the market reached its limit: a buy when the lowest price traded
 *    since the matcher last looked (or the ask now) is at or below it, a sell when the highest
 *    (or the bid now) is at or above it. Touching the limit counts. An order placed after that
 *    last look, or before any look by this matcher, is judged by the price now only: the
 *    candles cannot tell whether a dip came before or after it was placed.
 *  - A crossed order fills at its own limit price, as a maker would, with `feeRate` in the quote.
 *  - It may take at most `participation` (10 %) of the base volume the market traded since the
 *    order last had volume offered: since the later of its placement or last fill and the
 *    matcher's last look (or `firstLookbackMs` back when the matcher has not looked yet, e.g.
 *    after a restart). Volume is read from hourly candles, spread evenly over each hour. This
 *    makes the fill rate independent of how often the matcher runs, and a huge order fills
 *    over several passes. Each order is its own simulation: paper orders of different accounts
 *    do not share the volume, so one user's order never slows another's.
 *  - When the volume gives less than one amount step but is not zero, one step fills, so a
 *    small order in a thin market still progresses. Without candles, the book's depth at the
 *    limit or better (as it stands now) bounds each pass instead.
 *  - Each fill is one ledger transaction on the order row locked with SKIP LOCKED: a second
 *    matcher skips an order being filled, and afterwards finds its volume already used (the
 *    order's updatedAt moved to the fill's time), so a move is never filled twice.
 */

export const DEFAULT_PARTICIPATION = dec('0.1');
const DEFAULT_FIRST_LOOKBACK_MS = 60_000;
const PAGE_SIZE = 500;

export interface PaperMatcherDeps {
  ledger: PaperLedger;
  marketData: MarketDataPort;
  markets: MarketDirectory;
  /** Fee on resting fills. Binance's default spot tier charges makers the taker rate (0.1 %). */
  feeRate: Decimal;
  clock: Clock;
  /** Share of the market's volume one resting order may take; default 0.1. */
  participation?: Decimal;
  /** How far back volume counts when this matcher has not looked at a market yet; default 60 s. */
  firstLookbackMs?: number;
  logger?: Pick<Logger, 'warn'>;
  /**
   * When set (MARKET_DATA=book), resting orders fill from the recorded trades instead: the base
   * volume they are offered between two moments, after their queue (see recorded-fills.ts).
   * Candles and the participation share are not used then.
   */
  tradeFills?: TradeFillModel;
}

/** Volume the market's trades offer a resting order in the wall interval (fromMs, toMs]. */
export interface TradeFillModel {
  offered(symbol: string, order: { side: OrderSide; price: Decimal; placedAt: number }, fromMs: number, toMs: number): Decimal;
}

/** One fill made by a matching pass, for the trading core to record and report. */
export interface PaperFill {
  accountId: number;
  clientOrderId: string;
  orderId: string;
  symbol: string;
  side: OrderSide;
  /** Base filled by this pass. */
  filledNow: Decimal;
  /** This fill's price: a resting order fills at its own limit. */
  average: Decimal;
  /** This fill's fee, in `feeCurrency`. */
  fee: Decimal;
  feeCurrency: string;
  /** 'closed' once the whole amount has filled, else 'open'. */
  status: ExchangeOrderStatus;
  /** The order after the fill: cumulative filled, cost, fee. */
  order: ExchangeOrder;
}

interface MarketView {
  market: Market;
  now: number;
  ticker: Ticker;
  candles: Candle[];
  /** Only fetched when there are no candles to measure volume with. */
  book?: OrderBook;
}

/**
 * Fills resting paper limit orders of every account as the market reaches them. Run it on a
 * timer (one pass at a time per instance; several instances may run at once).
 */
export class PaperMatcher {
  /** Per symbol: the market as the last pass saw it. In memory: a restart only looks at the price now. */
  private readonly marks = new Map<string, MarketMark>();
  /** Orders whose fill failed, with the mark they were judged from, so a retry sees the same move. */
  private readonly retryFrom = new Map<string, MarketMark>();
  private running: Promise<PaperFill[]> | undefined;

  constructor(private readonly deps: PaperMatcherDeps) {}

  /** One pass over every open paper limit order. Resolves with the fills it made. */
  matchRestingOrders(): Promise<PaperFill[]> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<PaperFill[]> {
    const now = this.deps.clock.now();
    const fills: PaperFill[] = [];
    const resting = await this.restingBySymbol();
    for (const [symbol, orders] of resting) {
      fills.push(...(await this.matchSymbol(symbol, orders, now)));
    }
    // Orders cancelled or filled elsewhere since they failed here need no retry any more.
    const open = new Set([...resting.values()].flatMap((orders) => orders.map((o) => o.id)));
    for (const id of this.retryFrom.keys()) if (!open.has(id)) this.retryFrom.delete(id);
    return fills;
  }

  private async restingBySymbol(): Promise<Map<string, PaperOrderRecord[]>> {
    const bySymbol = new Map<string, PaperOrderRecord[]>();
    let afterId: string | undefined;
    for (;;) {
      const page = await this.deps.ledger.restingOrders({ afterId, limit: PAGE_SIZE });
      for (const order of page) {
        const list = bySymbol.get(order.symbol) ?? [];
        list.push(order);
        bySymbol.set(order.symbol, list);
      }
      if (page.length < PAGE_SIZE) return bySymbol;
      afterId = page[page.length - 1]!.id;
    }
  }

  private async matchSymbol(symbol: string, orders: PaperOrderRecord[], now: number): Promise<PaperFill[]> {
    if (this.deps.tradeFills) return this.matchFromTrades(symbol, orders, now, this.deps.tradeFills);
    const mark = this.marks.get(symbol);
    const oldest = orders.reduce((t, o) => Math.min(t, this.retryFrom.get(o.id)?.at ?? t), Math.min(mark?.at ?? now, now - this.lookbackMs));
    let view: MarketView;
    try {
      view = await this.view(symbol, now, Math.floor(oldest / HOUR_MS) * HOUR_MS);
    } catch (error) {
      // The mark stays where it was: the next pass covers this one's move too.
      this.deps.logger?.warn({ err: error, symbol }, 'paper matcher: no market data, orders left for the next pass');
      return [];
    }
    const fills: PaperFill[] = [];
    for (const order of orders) {
      const from = this.retryFrom.get(order.id) ?? mark;
      if (!this.crossed(order, from, view)) continue;
      try {
        const fill = await this.fill(order, from, view);
        this.retryFrom.delete(order.id);
        if (fill) fills.push(fill);
      } catch (error) {
        // The transaction rolled back whole; keep the mark this order missed for the retry.
        if (from) this.retryFrom.set(order.id, from);
        this.deps.logger?.warn({ err: error, orderId: order.id, accountId: order.accountId }, 'paper matcher: fill failed, retried next pass');
      }
    }
    this.marks.set(symbol, markOf(now, view.ticker, view.candles));
    return fills;
  }

  /**
   * MARKET_DATA=book: each order takes what the recorded trades offered it since it last had
   * volume offered (its placement or its last fill: updatedAt), so passes never count a trade twice
   * and how often the matcher runs does not matter. The fill is at the order's own limit.
   */
  private async matchFromTrades(symbol: string, orders: PaperOrderRecord[], now: number, model: TradeFillModel): Promise<PaperFill[]> {
    let market: Market;
    try {
      market = await this.deps.markets.get(symbol);
    } catch (error) {
      this.deps.logger?.warn({ err: error, symbol }, 'paper matcher: no market, orders left for the next pass');
      return [];
    }
    const view: MarketView = { market, now, ticker: { symbol, last: 0, bid: 0, ask: 0, timestamp: now }, candles: [] };
    const fills: PaperFill[] = [];
    for (const order of orders) {
      try {
        const fill = await this.fill(order, undefined, view, (fresh) =>
          fresh.price ? model.offered(symbol, { side: fresh.side, price: fresh.price, placedAt: fresh.timestamp }, fresh.updatedAt, now) : ZERO,
        );
        if (fill) fills.push(fill);
      } catch (error) {
        // Rolled back whole; updatedAt did not move, so the next pass offers the same trades again.
        this.deps.logger?.warn({ err: error, orderId: order.id, accountId: order.accountId }, 'paper matcher: fill failed, retried next pass');
      }
    }
    return fills;
  }

  private async view(symbol: string, now: number, since: number): Promise<MarketView> {
    const market = await this.deps.markets.get(symbol);
    const ticker = await this.deps.marketData.ticker(symbol);
    let candles: Candle[] = [];
    try {
      candles = await this.deps.marketData.candles(symbol, '1h', { since });
    } catch (error) {
      this.deps.logger?.warn({ err: error, symbol }, 'paper matcher: no candles, using the price now and the book');
    }
    candles = candles.filter((c) => c.timestamp <= now);
    const book = candles.length === 0 ? await this.deps.marketData.orderBook(symbol) : undefined;
    return { market, now, ticker, candles, ...(book && { book }) };
  }

  private crossed(order: PaperOrderRecord, mark: MarketMark | undefined, view: MarketView): boolean {
    const limit = order.price;
    if (!limit) return false;
    const { ticker } = view;
    const sinceMark = mark && order.timestamp <= mark.at ? reachedSince(mark, ticker, view.candles) : { low: ticker.last, high: ticker.last };
    return order.side === 'buy' ? limit.gte(Math.min(sinceMark.low, ticker.ask)) : limit.lte(Math.max(sinceMark.high, ticker.bid));
  }

  private async fill(
    order: PaperOrderRecord,
    mark: MarketMark | undefined,
    view: MarketView,
    offered?: (fresh: PaperOrderRecord) => Decimal,
  ): Promise<PaperFill | null> {
    const { now, market } = view;
    let made: RestingFill | undefined;
    const result = await this.deps.ledger.update(
      order.accountId,
      order.id,
      (fresh) => {
        made = undefined;
        if (fresh.status !== 'open' || !fresh.price) return null;
        const remaining = fresh.amount.minus(fresh.filled);
        // Volume before `from` was offered to this order already (by us or another matcher).
        const from = Math.max(fresh.updatedAt, mark ? mark.at : now - this.lookbackMs);
        if (remaining.lte(0) || from >= now) return null;
        const capacity = offered ? offered(fresh) : this.capacity(fresh, view, from);
        let amount = minDec(remaining, floorToStep(capacity, market.amountStep));
        // Recorded trades fill only what they traded: less than a step waits for more.
        if (amount.isZero() && capacity.gt(0) && !offered) amount = minDec(remaining, market.amountStep);
        if (amount.lte(0)) return null;
        made = fillResting(fresh, amount, this.deps.feeRate, now);
        return made;
      },
      { skipLocked: true },
    );
    if (!result?.changed || !made) return null;
    const { order: after } = result;
    return {
      accountId: after.accountId,
      clientOrderId: after.clientOrderId,
      orderId: after.id,
      symbol: after.symbol,
      side: after.side,
      filledNow: made.amount,
      average: after.price!,
      fee: made.fee,
      feeCurrency: after.fee.currency,
      status: after.status,
      order: publicOrder(after),
    };
  }

  /** Base this order may take in this pass. */
  private capacity(order: PaperOrderRecord, view: MarketView, from: number): Decimal {
    const volume = volumeBetween(view.candles, from, view.now);
    if (volume !== null) return volume.mul(this.deps.participation ?? DEFAULT_PARTICIPATION);
    if (!view.book || !order.price) return ZERO;
    return levelsWithin(view.book, order.side, order.price).reduce((sum, [, amount]) => sum.plus(amount), ZERO);
  }

  private get lookbackMs(): number {
    return this.deps.firstLookbackMs ?? DEFAULT_FIRST_LOOKBACK_MS;
  }
}
