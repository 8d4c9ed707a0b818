import { replayMarketRules } from '../../src/market/market-rules.js';
import { syntheticBook } from '../../src/market/synthetic-book.js';
import type { BookLevel, Candle, Market, MarketDataPort, OrderBook, Ticker } from '../../src/market/types.js';
import type { Clock } from '../../src/shared/clock.js';
import { UnknownSymbol } from '../../src/shared/errors.js';

const HOUR_MS = 3_600_000;
const TIMEFRAMES: Record<string, number> = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': HOUR_MS, '4h': 4 * HOUR_MS, '1d': 24 * HOUR_MS };

/**
 * Prices a test sets by hand, on the injected clock. Each `set` is a trade at the clock's time:
 * the ticker shows the last one, the book is a synthetic book around it (or one given with
 * `setBook`), and candles are built from the trades, like the replay feed's: the newest is the
 * current, partial one. Volume flows at a constant hourly rate per symbol (so the current
 * candle holds the share of the hour gone by); changing the rate rewrites past candles too.
 */
export class SettableMarketData implements MarketDataPort {
  readonly source = 'replay' as const;
  private readonly list: Market[];
  private readonly trades = new Map<string, Array<{ at: number; price: number }>>();
  private readonly books = new Map<string, { bids: BookLevel[]; asks: BookLevel[] }>();
  private readonly volumes = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly options: { markets?: Market[]; hourlyVolume?: number } = {},
  ) {
    this.list = options.markets ?? replayMarketRules();
  }

  /** A trade at `price`, now. */
  set(symbol: string, price: number): void {
    this.market(symbol);
    const trades = this.trades.get(symbol) ?? [];
    trades.push({ at: this.clock.now(), price });
    this.trades.set(symbol, trades);
  }

  /** Base volume per hour for `symbol` (default: the constructor's, else 100,000). */
  setHourlyVolume(symbol: string, volume: number): void {
    this.volumes.set(symbol, volume);
  }

  /** A hand-written book instead of the synthetic one (undefined: back to synthetic). */
  setBook(symbol: string, book: { bids: BookLevel[]; asks: BookLevel[] } | undefined): void {
    if (book) this.books.set(symbol, book);
    else this.books.delete(symbol);
  }

  async markets(): Promise<Market[]> {
    return this.list.map((m) => ({ ...m }));
  }

  async ticker(symbol: string): Promise<Ticker> {
    const last = this.last(symbol);
    const book = this.book(symbol, last, 1);
    return { symbol, last, bid: book.bids[0]?.[0] ?? last, ask: book.asks[0]?.[0] ?? last, timestamp: this.clock.now() };
  }

  async orderBook(symbol: string, depth = 50): Promise<OrderBook> {
    const { bids, asks } = this.book(symbol, this.last(symbol), depth);
    return { symbol, bids, asks, timestamp: this.clock.now() };
  }

  async candles(symbol: string, timeframe: string, options: { since?: number; limit?: number } = {}): Promise<Candle[]> {
    const frame = TIMEFRAMES[timeframe];
    if (!frame) throw new Error(`timeframe ${timeframe} is not supported by SettableMarketData`);
    const trades = this.trades.get(symbol) ?? [];
    const now = this.clock.now();
    if (trades.length === 0) return [];
    const rate = this.volumes.get(symbol) ?? this.options.hourlyVolume ?? 100_000;
    const first = Math.floor(trades[0]!.at / frame) * frame;
    let start = options.since === undefined ? first : Math.max(first, Math.ceil(options.since / frame) * frame);
    const out: Candle[] = [];
    for (; start <= now; start += frame) {
      const end = Math.min(start + frame, now + 1);
      // The price in force when the candle opened, then every trade inside it.
      const before = trades.filter((t) => t.at < start).at(-1);
      const inside = trades.filter((t) => t.at >= start && t.at < end);
      const prices = [...(before ? [before.price] : []), ...inside.map((t) => t.price)];
      if (prices.length === 0) continue;
      const elapsed = Math.min(frame, now - start);
      out.push({
        timestamp: start,
        open: prices[0]!,
        high: Math.max(...prices),
        low: Math.min(...prices),
        close: prices.at(-1)!,
        volume: (rate * elapsed) / HOUR_MS,
      });
    }
    return options.limit === undefined ? out : out.slice(-options.limit);
  }

  private last(symbol: string): number {
    this.market(symbol);
    const last = this.trades.get(symbol)?.at(-1);
    if (!last) throw new Error(`no price set for ${symbol}`);
    return last.price;
  }

  private book(symbol: string, mid: number, levels: number): { bids: BookLevel[]; asks: BookLevel[] } {
    const fixed = this.books.get(symbol);
    if (fixed) return { bids: fixed.bids.slice(0, levels), asks: fixed.asks.slice(0, levels) };
    const market = this.market(symbol);
    const hourVolume = this.volumes.get(symbol) ?? this.options.hourlyVolume ?? 100_000;
    return syntheticBook({ mid, priceTick: market.priceTick, amountStep: market.amountStep, hourVolume, timestamp: 0, seed: symbol, levels });
  }

  private market(symbol: string): Market {
    const market = this.list.find((m) => m.symbol === symbol);
    if (!market) throw new UnknownSymbol(symbol);
    return market;
  }
}
