import type { Clock } from '../shared/clock.js';
import type { Decimal } from '../shared/decimal.js';
import { UnknownSymbol } from '../shared/errors.js';
import { projectPath } from '../shared/project-paths.js';
import { replayMarketRules } from './market-rules.js';
import { loadRecordedBook, midOf, type RecordedBook } from './recorded-book.js';
import { offeredVolume, type RestingOrder } from './recorded-fills.js';
import { bucketStart, DEFAULT_CANDLE_LIMIT, MAX_CANDLE_LIMIT, replayTimeframeMs } from './replay-candles.js';
import type { Candle, Market, MarketDataPort, OrderBook, Ticker } from './types.js';

/** The recordings bundled in data/orderbook (see its README). */
export const BUNDLED_BOOK_FILES = ['binance_BTC-USDT_l2-top20-1s_20240808.json.gz', 'binance_ETH-USDT_l2-top20-1s_20240808.json.gz'];

/**
 * MARKET_DATA=book: the recorded Binance L2 books and trades, looping on the wall clock (see
 * RecordedBook). Tickers and books are the recorded ones of the current second; candles are built
 * from the recorded trades; resting paper orders fill from those trades (offered()). Lists only the
 * markets it has a recording of, with Binance's order rules.
 */
export class RecordedBookMarketData implements MarketDataPort {
  readonly source = 'book' as const;
  private readonly books = new Map<string, { book: RecordedBook; market: Market; loop: LoopSeconds }>();

  constructor(books: readonly RecordedBook[], private readonly clock: Clock) {
    const rules = new Map(replayMarketRules().map((m) => [m.symbol, m]));
    for (const book of books) {
      const market = rules.get(book.symbol);
      if (!market) throw new Error(`no order rules for the recorded market ${book.symbol}`);
      this.books.set(book.symbol, { book, market, loop: loopSeconds(book) });
    }
  }

  async markets(): Promise<Market[]> {
    return [...this.books.values()].map((b) => ({ ...b.market }));
  }

  async ticker(symbol: string): Promise<Ticker> {
    const { book, loop } = this.find(symbol);
    const now = this.clock.now();
    const snapshot = book.bookAtWall(now);
    const bid = snapshot.bids[0]?.[0] ?? Number.NaN;
    const ask = snapshot.asks[0]?.[0] ?? Number.NaN;
    // At the book's whole second, so a ticker and a book asked for in the same second agree.
    const last = book.lastPriceAt(snapshot.ts) ?? midOf(snapshot) ?? Number.NaN;
    return { symbol: book.symbol, bid, ask, last, high24h: loop.loopHigh, low24h: loop.loopLow, priceDecimals: 2, timestamp: now };
  }

  async orderBook(symbol: string, depth?: number): Promise<OrderBook> {
    const { book } = this.find(symbol);
    const now = this.clock.now();
    const snapshot = book.bookAtWall(now);
    const n = depth === undefined ? undefined : Math.max(1, Math.floor(depth));
    return { symbol: book.symbol, bids: snapshot.bids.slice(0, n), asks: snapshot.asks.slice(0, n), timestamp: now };
  }

  /** Like Binance's klines: `since` selects candles opening at or after it, else the latest `limit`; the newest is partial. */
  async candles(symbol: string, timeframe: string, options: { since?: number; limit?: number } = {}): Promise<Candle[]> {
    const { loop } = this.find(symbol);
    const tf = replayTimeframeMs(timeframe);
    const now = this.clock.now();
    const limit = Math.max(1, Math.min(MAX_CANDLE_LIMIT, Math.floor(options.limit ?? DEFAULT_CANDLE_LIMIT)));
    const current = bucketStart(now, tf);
    let start = current - (limit - 1) * tf;
    if (options.since !== undefined) {
      start = bucketStart(options.since, tf);
      if (start < options.since) start += tf;
    }
    const out: Candle[] = [];
    for (let b = start; b <= current && out.length < limit; b += tf) out.push(loop.candle(b, Math.min(b + tf, now + 1)));
    return out;
  }

  /** Base volume the recorded trades offer a resting order of `symbol` in (fromMs, toMs] (see offeredVolume). */
  offered(symbol: string, order: RestingOrder, fromMs: number, toMs: number): Decimal {
    return offeredVolume(this.find(symbol).book, order, fromMs, toMs);
  }

  private find(symbol: string) {
    const found = this.books.get(symbol.trim().toUpperCase());
    if (!found) throw new UnknownSymbol(symbol);
    return found;
  }
}

/** Loads the bundled recordings (or those in `dir`). */
export async function loadRecordedBookMarketData(options: { clock: Clock; dir?: string }): Promise<RecordedBookMarketData> {
  const dir = options.dir ?? projectPath('data', 'orderbook');
  const books = await Promise.all(BUNDLED_BOOK_FILES.map((file) => loadRecordedBook(`${dir}/${file}`)));
  return new RecordedBookMarketData(books, options.clock);
}

/** Per recorded second of the loop: the trades' prices and volume (a second without trades holds the last price). */
interface LoopSeconds {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Over the whole loop. */
  loopHigh: number;
  loopLow: number;
  indexOf(wallMs: number): number;
  /** The candle of wall time [start, end): trades replayed in it, looping. */
  candle(start: number, end: number): Candle;
}

function loopSeconds(book: RecordedBook): LoopSeconds {
  const n = book.snapshots.length;
  const step = book.intervalMs;
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let last = book.trades[0]?.price ?? midOf(book.snapshots[0]!) ?? 0;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const end = book.first + (i + 1) * step;
    open[i] = high[i] = low[i] = close[i] = last;
    let first = true;
    for (; t < book.trades.length && book.trades[t]!.ts < end; t++) {
      const { price, qty } = book.trades[t]!;
      if (first) open[i] = high[i] = low[i] = price;
      first = false;
      if (price > high[i]!) high[i] = price;
      if (price < low[i]!) low[i] = price;
      close[i] = last = price;
      volume[i] = volume[i]! + qty;
    }
  }
  const loopHigh = Math.max(...high);
  const loopLow = Math.min(...low);
  const loopVolume = volume.reduce((a, b) => a + b, 0);
  const indexOf = (wallMs: number) => Math.floor((book.recordedTime(wallMs) - book.first) / step);
  return {
    open, high, low, close, volume, indexOf,
    loopHigh,
    loopLow,
    candle(start, end) {
      const seconds = Math.max(1, Math.ceil((end - start) / step));
      const full = Math.floor(seconds / n);
      const i0 = indexOf(start);
      let h = full > 0 ? loopHigh : -Infinity;
      let l = full > 0 ? loopLow : Infinity;
      let v = full * loopVolume;
      for (let k = 0; k < seconds - full * n; k++) {
        const i = (i0 + k) % n;
        if (high[i]! > h) h = high[i]!;
        if (low[i]! < l) l = low[i]!;
        v += volume[i]!;
      }
      return { timestamp: start, open: open[i0]!, high: h, low: l, close: close[(i0 + seconds - 1) % n]!, volume: Number(v.toFixed(8)) };
    },
  };
}
