import type { Clock } from '../shared/clock.js';
import { Decimal } from '../shared/decimal.js';
import { AppError, UnknownSymbol } from '../shared/errors.js';
import { translateCcxtError } from './ccxt-errors.js';
import { createCcxtExchange, type CcxtExchange } from './ccxt-exchange.js';
import { toOrderBook, toTicker } from './ccxt-quotes.js';
import type { Candle, Market, MarketDataPort, OrderBook, Ticker } from './types.js';

export interface LiveMarketDataOptions {
  clock: Clock;
  /** ccxt exchange id, default 'binance'. */
  exchangeId?: string;
  /** EXCHANGE_BASE_URL: send every call to this origin (a proxy, a mirror, the fake Binance). */
  baseUrl?: string;
  timeoutMs?: number;
  /** How long a ticker or a book is reused (default 1 s): a burst of previews makes one request. */
  cacheTtlMs?: number;
  /** How long the market list is reused (default 1 h): listings and filters change rarely. */
  marketsTtlMs?: number;
  /** A ready ccxt exchange, instead of building one from the options above. */
  exchange?: CcxtExchange;
}

interface Cached<T> {
  expires: number;
  value: Promise<T>;
}

const DEFAULT_DEPTH = 50;
/** ccxt's precisionMode for "precision is a number of decimals" (base/functions/number.js); Binance uses TICK_SIZE. */
const DECIMAL_PLACES = 2;

/**
 * Prices from a live exchange's public endpoints through ccxt (loadMarkets, fetchTicker,
 * fetchOrderBook, fetchOHLCV). ccxt is loaded on first use. Every ccxt error is translated at
 * this boundary (ccxt-errors.ts); a symbol the exchange does not list is refused before any request.
 */
export class LiveMarketData implements MarketDataPort {
  readonly source = 'live' as const;
  private readonly clock: Clock;
  private readonly cacheTtlMs: number;
  private readonly marketsTtlMs: number;
  private exchangePromise: Promise<CcxtExchange> | undefined;
  private marketsCache: Cached<Map<string, Market>> | undefined;
  private readonly cache = new Map<string, Cached<unknown>>();

  constructor(private readonly options: LiveMarketDataOptions) {
    this.clock = options.clock;
    this.cacheTtlMs = options.cacheTtlMs ?? 1_000;
    this.marketsTtlMs = options.marketsTtlMs ?? 3_600_000;
    if (options.exchange) this.exchangePromise = Promise.resolve(options.exchange);
  }

  /** Loads the market list; auto mode uses this as its reachability probe. */
  async connect(): Promise<void> {
    await this.marketMap();
  }

  async markets(): Promise<Market[]> {
    return [...(await this.marketMap()).values()].map((m) => ({ ...m }));
  }

  async ticker(symbol: string): Promise<Ticker> {
    const market = await this.market(symbol);
    return this.cached(`ticker:${market.symbol}`, async (exchange) => {
      return { ...toTicker(market.symbol, await exchange.fetchTicker(market.symbol), this.clock.now()), priceDecimals: Math.max(0, market.priceTick.decimalPlaces()) };
    }, market.symbol);
  }

  async orderBook(symbol: string, depth: number = DEFAULT_DEPTH): Promise<OrderBook> {
    const market = await this.market(symbol);
    const limit = Math.max(1, Math.min(5000, Math.floor(depth)));
    return this.cached(`book:${market.symbol}:${limit}`, async (exchange) => {
      return toOrderBook(market.symbol, await exchange.fetchOrderBook(market.symbol, limit), limit, this.clock.now());
    }, market.symbol);
  }

  async candles(symbol: string, timeframe: string, options: { since?: number; limit?: number } = {}): Promise<Candle[]> {
    const market = await this.market(symbol);
    const exchange = await this.exchange();
    if (exchange.timeframes && !(timeframe in exchange.timeframes)) {
      throw new AppError('market.unsupported_timeframe', `Timeframe "${timeframe}" is not available; use one of ${Object.keys(exchange.timeframes).join(', ')}.`);
    }
    try {
      const rows = await exchange.fetchOHLCV(market.symbol, timeframe, options.since, options.limit);
      return rows.map(([timestamp, open, high, low, close, volume]) => ({
        timestamp: Number(timestamp),
        open: Number(open),
        high: Number(high),
        low: Number(low),
        close: Number(close),
        volume: Number(volume ?? 0),
      }));
    } catch (error) {
      throw translateCcxtError(error, { symbol: market.symbol });
    }
  }

  private exchange(): Promise<CcxtExchange> {
    this.exchangePromise ??= createCcxtExchange({
      clock: this.clock,
      exchangeId: this.options.exchangeId,
      baseUrl: this.options.baseUrl,
      timeoutMs: this.options.timeoutMs,
    }).catch((error: unknown) => {
      this.exchangePromise = undefined;
      throw error;
    });
    return this.exchangePromise;
  }

  private async market(symbol: string): Promise<Market> {
    const markets = await this.marketMap();
    const market = markets.get(symbol.trim().toUpperCase());
    if (!market) throw new UnknownSymbol(symbol);
    return market;
  }

  private marketMap(): Promise<Map<string, Market>> {
    const now = this.clock.now();
    if (this.marketsCache && this.marketsCache.expires > now) return this.marketsCache.value;
    const value = (async () => {
      const exchange = await this.exchange();
      try {
        const raw = await exchange.loadMarkets(this.marketsCache !== undefined);
        const out = new Map<string, Market>();
        for (const m of Object.values(raw)) {
          if (!m || m.spot !== true) continue;
          const market = toMarket(m, exchange.precisionMode);
          if (market) out.set(market.symbol, market);
        }
        return out;
      } catch (error) {
        throw translateCcxtError(error);
      }
    })();
    const entry = { expires: now + this.marketsTtlMs, value };
    this.marketsCache = entry;
    value.catch(() => {
      if (this.marketsCache === entry) this.marketsCache = undefined;
    });
    return value;
  }

  /** Short-lived, shared result per key; a failure is not cached. */
  private cached<T>(key: string, load: (exchange: CcxtExchange) => Promise<T>, symbol: string): Promise<T> {
    const now = this.clock.now();
    const hit = this.cache.get(key) as Cached<T> | undefined;
    if (hit && hit.expires > now) return hit.value;
    const value = this.exchange().then(async (exchange) => {
      try {
        return await load(exchange);
      } catch (error) {
        throw translateCcxtError(error, { symbol });
      }
    });
    const entry: Cached<T> = { expires: now + this.cacheTtlMs, value };
    this.cache.set(key, entry);
    if (this.cache.size > 1_000) this.evictExpired(now);
    value.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    return value;
  }

  private evictExpired(now: number): void {
    for (const [key, entry] of this.cache) if (entry.expires <= now) this.cache.delete(key);
  }
}

type CcxtMarket = NonNullable<CcxtExchange['markets']>[string];

/** ccxt market → ours. Binance reports steps as tick sizes; some exchanges as decimal places. */
export function toMarket(m: CcxtMarket, precisionMode: number | undefined): Market | undefined {
  const step = (value: number | undefined): Decimal | undefined => {
    if (value === undefined || value === null || !Number.isFinite(value) || value <= 0) return undefined;
    return precisionMode === DECIMAL_PLACES ? new Decimal(10).pow(-value) : new Decimal(value);
  };
  const amountStep = step(m.precision?.amount);
  const priceTick = step(m.precision?.price);
  if (!m.symbol || !m.base || !m.quote || !amountStep || !priceTick) return undefined;
  const minAmount = m.limits?.amount?.min;
  const minCost = m.limits?.cost?.min;
  return {
    symbol: m.symbol,
    base: m.base,
    quote: m.quote,
    amountStep,
    priceTick,
    minAmount: minAmount ? new Decimal(minAmount) : amountStep,
    minCost: minCost ? new Decimal(minCost) : new Decimal(0),
    active: m.active !== false,
  };
}
