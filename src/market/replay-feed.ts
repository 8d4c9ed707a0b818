import type { Clock } from '../shared/clock.js';
import { UnknownSymbol } from '../shared/errors.js';
import { projectPath } from '../shared/project-paths.js';
import { loadCandleDir, type CandleSeries } from './candle-file.js';
import { decimalsOf, replayMarketRules, roundToTick } from './market-rules.js';
import { replayCandles, replayTimeframeMs } from './replay-candles.js';
import { RatioPath, type HourBar, type HourPath } from './replay-path.js';
import { HOUR_MS, ReplayLeg, ReplayTimeline } from './replay-timeline.js';
import { MAX_BOOK_LEVELS, syntheticBook } from './synthetic-book.js';
import type { BookLevel, Candle, Market, MarketDataPort, OrderBook, Ticker } from './types.js';

const DAY_MS = 24 * HOUR_MS;
/**
 * A cross trades a small share of its base's USDT volume (Binance's ETH/BTC runs at a few
 * percent of ETH/USDT); it only scales the synthetic book of the cross.
 */
const CROSS_VOLUME_SHARE = 0.05;
/** Cross paths kept for current hours (tickers and books of every cross at once). */
const CROSS_PATH_CACHE_LIMIT = 256;

export interface ReplayMarketDataOptions {
  /** Hourly candles of X/USDT markets, ideally covering the same period. */
  series: readonly CandleSeries[];
  clock: Clock;
  /** Wall time at which the first data hour is shown; see REPLAY_ANCHOR_MS. Hour-aligned. */
  anchorMs?: number;
}

interface Listed {
  market: Market;
  tick: number;
  tickDecimals: number;
  base: ReplayLeg;
  /** Set for a cross: its quote's USDT leg, and its hours computed so far. */
  quote?: ReplayLeg;
  cross?: CrossHours;
}

/**
 * A cross's hours, by data hour: the wall clock loops over the same ~5,500 data hours, so a
 * weekly chart of 500 candles (84,000 wall hours) samples each ratio path at most once.
 */
interface CrossHours {
  open: Float64Array; // NaN: not computed yet
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  present: Uint8Array;
  paths: Map<number, RatioPath>;
}

/**
 * Market data replayed from real 2021 hourly candles onto the wall clock (see ReplayTimeline):
 * deterministic under the injected clock, the same in every process at the same moment, and
 * moving every second along a path inside each candle (see CandlePath). Lists each USDT market
 * it has candles for, plus the crosses of those assets, priced as ratios of their USDT legs.
 * Prices are evaluated at whole seconds, so a ticker and a book asked for in the same second agree.
 */
export class ReplayMarketData implements MarketDataPort {
  readonly source = 'replay' as const;
  readonly timeline: ReplayTimeline;
  private readonly clock: Clock;
  private readonly listed = new Map<string, Listed>();
  /** Books of the current second: every preview in a second asks for the same one (see book()). */
  private readonly books = new Map<string, { bids: BookLevel[]; asks: BookLevel[] }>();
  private booksSecond = Number.NaN;

  constructor(options: ReplayMarketDataOptions) {
    this.clock = options.clock;
    this.timeline = ReplayTimeline.covering(options.series, options.anchorMs);
    const legs = new Map<string, ReplayLeg>();
    for (const series of options.series) {
      const [base, quote] = series.symbol.split('/');
      if (quote !== 'USDT' || !base) continue; // crosses are derived, never loaded
      legs.set(base, new ReplayLeg(series, this.timeline));
    }
    for (const market of replayMarketRules()) {
      const base = legs.get(market.base);
      const quoteLeg = market.quote === 'USDT' ? undefined : legs.get(market.quote);
      if (!base || (market.quote !== 'USDT' && !quoteLeg)) continue;
      const hours = this.timeline.spanMs / HOUR_MS;
      const cross = quoteLeg && {
        open: new Float64Array(hours).fill(Number.NaN),
        high: new Float64Array(hours),
        low: new Float64Array(hours),
        close: new Float64Array(hours),
        present: new Uint8Array(hours),
        paths: new Map<number, RatioPath>(),
      };
      this.listed.set(market.symbol, { market, tick: market.priceTick.toNumber(), tickDecimals: decimalsOf(market.priceTick), base, quote: quoteLeg, cross });
    }
  }

  async markets(): Promise<Market[]> {
    return [...this.listed.values()].map((l) => ({ ...l.market }));
  }

  async ticker(symbol: string): Promise<Ticker> {
    const now = this.clock.now();
    const t = wholeSecond(now);
    const listed = this.find(symbol);
    const hour = floorHour(t);
    const path = this.hourPath(listed, hour);
    const mid = path.priceAt((t - hour) / HOUR_MS);
    const book = this.book(listed, path, mid, t, 1);
    // Rolling 24 hours, like Binance's 24hr ticker: from the price 24 h ago to now.
    const from = t - DAY_MS;
    const firstHour = floorHour(from);
    const open24h = this.hourPath(listed, firstHour).priceAt((from - firstHour) / HOUR_MS);
    let low = Infinity;
    let high = -Infinity;
    for (let h = firstHour; h <= hour; h += HOUR_MS) {
      // Only the two end hours are partial; the hours between count whole.
      const [l, hi] =
        h === hour ? path.range(0, (t - h) / HOUR_MS)
        : h === firstHour ? this.hourPath(listed, h).range((from - h) / HOUR_MS, 1)
        : barRange(this.hourBar(listed, h));
      if (l < low) low = l;
      if (hi > high) high = hi;
    }
    const round = (price: number) => roundToTick(price, listed.tick, listed.tickDecimals);
    const last = round(mid);
    const open = round(open24h);
    return {
      symbol: listed.market.symbol,
      last,
      bid: book.bids[0]?.[0] ?? last,
      ask: book.asks[0]?.[0] ?? last,
      change24hPct: open > 0 ? Math.round(((last - open) / open) * 100_000) / 1000 : undefined,
      high24h: round(high),
      low24h: round(low),
      priceDecimals: listed.tickDecimals,
      timestamp: now,
    };
  }

  async orderBook(symbol: string, depth: number = MAX_BOOK_LEVELS): Promise<OrderBook> {
    const now = this.clock.now();
    const t = wholeSecond(now);
    const listed = this.find(symbol);
    const hour = floorHour(t);
    const path = this.hourPath(listed, hour);
    const { bids, asks } = this.book(listed, path, path.priceAt((t - hour) / HOUR_MS), t, depth);
    return { symbol: listed.market.symbol, bids, asks, timestamp: now };
  }

  async candles(symbol: string, timeframe: string, options: { since?: number; limit?: number } = {}): Promise<Candle[]> {
    const listed = this.find(symbol);
    const timeframeMs = replayTimeframeMs(timeframe);
    return replayCandles({
      now: wholeSecond(this.clock.now()),
      timeframeMs,
      since: options.since,
      limit: options.limit,
      hourPath: (hour) => this.hourPath(listed, hour),
      hourBar: (hour) => this.hourBar(listed, hour),
      roundPrice: (price) => roundToTick(price, listed.tick, listed.tickDecimals),
    });
  }

  /** The data time (2020–2021) shown at the clock's present, for logs and the demo's footer. */
  dataTimeNow(): number {
    return this.timeline.toDataTime(this.clock.now());
  }

  private find(symbol: string): Listed {
    const listed = this.listed.get(symbol.trim().toUpperCase());
    if (!listed) throw new UnknownSymbol(symbol);
    return listed;
  }

  private hourPath(listed: Listed, hour: number): HourPath {
    if (!listed.quote || !listed.cross) return listed.base.hourPath(hour);
    const k = this.timeline.dataHourIndex(hour);
    let path = listed.cross.paths.get(k);
    if (!path) {
      if (listed.cross.paths.size >= CROSS_PATH_CACHE_LIMIT) listed.cross.paths.clear();
      path = this.ratioPath(listed.base, listed.quote, hour);
      listed.cross.paths.set(k, path);
    }
    return path;
  }

  private hourBar(listed: Listed, hour: number): HourBar {
    const { cross, quote } = listed;
    if (!quote || !cross) return listed.base.hourBar(hour);
    const k = this.timeline.dataHourIndex(hour);
    if (Number.isNaN(cross.open[k])) {
      const path = this.ratioPath(listed.base, quote, hour);
      cross.open[k] = path.open;
      cross.high[k] = path.high;
      cross.low[k] = path.low;
      cross.close[k] = path.close;
      cross.present[k] = path.present ? 1 : 0;
    }
    return {
      present: cross.present[k] === 1,
      open: cross.open[k] as number,
      high: cross.high[k] as number,
      low: cross.low[k] as number,
      close: cross.close[k] as number,
      volume: listed.base.hourBar(hour).volume * CROSS_VOLUME_SHARE,
    };
  }

  private ratioPath(base: ReplayLeg, quote: ReplayLeg, hour: number): RatioPath {
    const basePath = base.hourPath(hour);
    return new RatioPath(basePath, quote.hourPath(hour), basePath.volume * CROSS_VOLUME_SHARE);
  }

  /**
   * A book is a pure function of (market, second, depth), and a busy second asks for the same
   * one hundreds of times: it is built once per second and shared, frozen so no caller can
   * change what the next one reads.
   */
  private book(listed: Listed, path: HourPath, mid: number, t: number, levels: number) {
    if (t !== this.booksSecond) {
      this.books.clear();
      this.booksSecond = t;
    }
    const key = `${listed.market.symbol}:${levels}`;
    const cached = this.books.get(key);
    if (cached) return cached;
    const { bids, asks } = this.buildBook(listed, path, mid, t, levels);
    const book = { bids: Object.freeze(bids) as BookLevel[], asks: Object.freeze(asks) as BookLevel[] };
    this.books.set(key, book);
    return book;
  }

  private buildBook(listed: Listed, path: HourPath, mid: number, t: number, levels: number) {
    return syntheticBook({
      mid,
      priceTick: listed.market.priceTick,
      amountStep: listed.market.amountStep,
      hourVolume: path.volume,
      typicalHourVolume: listed.base.typicalVolume * (listed.quote ? CROSS_VOLUME_SHARE : 1),
      timestamp: t,
      seed: listed.market.symbol,
      levels,
    });
  }
}

/** Loads every `*_1h.csv(.gz)` in `dataDir` (default: the repository's data/candles). */
export async function loadReplayMarketData(options: { clock: Clock; dataDir?: string; anchorMs?: number }): Promise<ReplayMarketData> {
  const series = await loadCandleDir(options.dataDir ?? defaultCandleDir(), '1h');
  return new ReplayMarketData({ series, clock: options.clock, anchorMs: options.anchorMs });
}

export function defaultCandleDir(): string {
  return projectPath('data', 'candles');
}

function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function barRange(bar: HourBar): [number, number] {
  return [bar.low, bar.high];
}

function floorHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}
