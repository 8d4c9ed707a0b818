import type { BookLevel, MarketDataPort, OrderBook, Ticker } from './types.js';

/*
 * Paper venues: in paper mode, one venue per exchange Parley supports, each with its own fee
 * schedule and its own order book, so the router has something to choose between.
 *
 * THIS IS A SIMULATION. There is one real book (the app's market data: the recorded Binance L2
 * book with MARKET_DATA=book, the synthetic book on replay, the live public book). Binance's paper
 * venue trades on it as it is; the others trade on a copy of it with every price moved by a fixed
 * number of basis points and every level's amount scaled by a fixed factor — deterministic, the
 * same in every process. The offsets and depth scales are invented to look plausible (the other
 * venues a little thinner than Binance), not measured on those exchanges; the fees are the ccxt
 * base-tier taker fees of each exchange (checked against ccxt in paper-venues.test in exchange/).
 * Savings the router finds between paper venues come from these assumptions: mostly from taking
 * the depth of several books at once.
 */

export type PaperVenueId = 'binance' | 'coinbase' | 'kraken' | 'kucoin';

export interface PaperVenue {
  id: PaperVenueId;
  label: string;
  /** ccxt's base-tier taker fee of the exchange. */
  takerFee: string;
  /** Every price of the app's book moved by this many basis points. */
  offsetBps: number;
  /** Every level's amount multiplied by this. */
  depthScale: number;
}

export const PAPER_VENUES: Readonly<Record<PaperVenueId, PaperVenue>> = {
  binance: { id: 'binance', label: 'Binance', takerFee: '0.001', offsetBps: 0, depthScale: 1 },
  coinbase: { id: 'coinbase', label: 'Coinbase', takerFee: '0.012', offsetBps: -2, depthScale: 0.8 },
  kraken: { id: 'kraken', label: 'Kraken', takerFee: '0.0026', offsetBps: 1, depthScale: 0.6 },
  kucoin: { id: 'kucoin', label: 'KuCoin', takerFee: '0.001', offsetBps: 0.5, depthScale: 0.5 },
};

export const PAPER_VENUE_IDS = Object.keys(PAPER_VENUES) as PaperVenueId[];

export function isPaperVenue(id: string): id is PaperVenueId {
  return Object.hasOwn(PAPER_VENUES, id);
}

/** A price on the venue: moved by its offset, kept to the 8 decimals a book carries (no binary noise). */
function moved(price: number, venue: PaperVenue): number {
  return venue.offsetBps === 0 ? price : Number((price * (1 + venue.offsetBps / 10_000)).toFixed(8));
}

/** The venue's book: the app's book with its offset and depth scale. */
export function venueBook(book: OrderBook, venue: PaperVenue): OrderBook {
  if (venue.offsetBps === 0 && venue.depthScale === 1) return book;
  const level = ([p, a]: BookLevel): BookLevel => [moved(p, venue), Number((a * venue.depthScale).toFixed(8))] as const;
  return { ...book, bids: book.bids.map(level), asks: book.asks.map(level) };
}

/** The app's market data as one paper venue sees it: its books and prices moved, the rest the same. */
export class PaperVenueMarketData implements MarketDataPort {
  constructor(
    private readonly inner: MarketDataPort,
    readonly venue: PaperVenue,
  ) {}

  get source() {
    return this.inner.source;
  }

  markets() {
    return this.inner.markets();
  }

  async ticker(symbol: string): Promise<Ticker> {
    const t = await this.inner.ticker(symbol);
    const m = (x: number) => moved(x, this.venue);
    return { ...t, last: m(t.last), bid: m(t.bid), ask: m(t.ask), ...(t.high24h !== undefined ? { high24h: m(t.high24h) } : {}), ...(t.low24h !== undefined ? { low24h: m(t.low24h) } : {}) };
  }

  async orderBook(symbol: string, depth?: number): Promise<OrderBook> {
    return venueBook(await this.inner.orderBook(symbol, depth), this.venue);
  }

  candles(...args: Parameters<MarketDataPort['candles']>) {
    return this.inner.candles(...args);
  }
}
