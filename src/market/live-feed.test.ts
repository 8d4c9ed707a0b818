import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBinance, FakeBinanceState, type FakeBinance, type Fault } from '../../test/fakes/fake-binance/index.js';
import { ManualClock } from '../shared/clock.js';
import { RateLimited, TemporaryError, UnknownSymbol, isTemporary, type AppError } from '../shared/errors.js';
import { createCcxtExchange, requestBudgetOf } from './ccxt-exchange.js';
import { LiveMarketData } from './live-feed.js';

const NOW = Date.UTC(2024, 7, 8, 23, 54, 16, 250);
let fake: FakeBinance;
let clock: ManualClock;
let feed: LiveMarketData;

beforeAll(async () => {
  clock = new ManualClock(NOW);
  fake = await startFakeBinance({ state: new FakeBinanceState({ clock }) });
  feed = new LiveMarketData({ clock, baseUrl: fake.url, timeoutMs: 400 });
});
afterAll(() => fake.close());
beforeEach(() => {
  clock.advance(5_000); // past the 1 s cache: every test asks the exchange afresh
});

describe('LiveMarketData against a Binance-compatible server', () => {
  it('maps the exchange filters onto markets (tick, step, minimum amount and cost)', async () => {
    const markets = await feed.markets();
    const bySymbol = new Map(markets.map((m) => [m.symbol, m]));
    const rules = (symbol: string) => {
      const m = bySymbol.get(symbol)!;
      return [m.base, m.quote, m.priceTick.toString(), m.amountStep.toString(), m.minAmount.toString(), m.minCost.toString(), m.active];
    };
    expect(rules('BTC/USDT')).toEqual(['BTC', 'USDT', '0.01', '0.00001', '0.00001', '5', true]);
    expect(rules('XRP/USDT')).toEqual(['XRP', 'USDT', '0.0001', '0.1', '0.1', '5', true]);
    expect(rules('ETH/BTC')).toEqual(['ETH', 'BTC', '0.00001', '0.0001', '0.0001', '0.0001', true]);
    expect(rules('LUNA/USDT')).toEqual(['LUNA', 'USDT', '0.0001', '0.01', '0.01', '5', false]); // status BREAK
    // loadMarkets asks for the spot exchange info only, once.
    expect(fake.requests.filter((r) => r.path !== '/api/v3/exchangeInfo')).toEqual([]);
    await feed.markets();
    expect(fake.count('/api/v3/exchangeInfo')).toBe(1);
  });

  it('reads the ticker: last, bid/ask and the 24-hour figures', async () => {
    fake.state.setPrice('BTCUSDT', 61_828.01);
    const ticker = await feed.ticker('BTC/USDT');
    expect(ticker).toMatchObject({ symbol: 'BTC/USDT', last: 61_828.01, bid: 61_828, ask: 61_828.01 });
    expect(ticker.timestamp).toBe(clock.now());
    expect(ticker.high24h!).toBeGreaterThanOrEqual(ticker.last);
    expect(ticker.low24h!).toBeLessThanOrEqual(ticker.last);
    expect(Math.abs(ticker.change24hPct!)).toBeLessThan(5);
  });

  it('answers a burst of previews from one request, then asks again after a second', async () => {
    const before = fake.count('/api/v3/ticker/24hr');
    const burst = await Promise.all(Array.from({ length: 10 }, () => feed.ticker('ETH/USDT')));
    expect(new Set(burst.map((t) => t.last)).size).toBe(1);
    expect(fake.count('/api/v3/ticker/24hr')).toBe(before + 1);
    fake.state.setPrice('ETHUSDT', 2_700.12);
    expect((await feed.ticker('ETH/USDT')).last).not.toBe(2_700.12); // still cached
    clock.advance(1_001);
    expect((await feed.ticker('ETH/USDT')).last).toBe(2_700.12);
    expect(fake.count('/api/v3/ticker/24hr')).toBe(before + 2);
  });

  it('reads the order book with the requested depth, best first', async () => {
    const book = await feed.orderBook('ETH/BTC', 10);
    expect(book.bids).toHaveLength(10);
    expect(book.asks).toHaveLength(10);
    expect(book.asks[0]![0]).toBeGreaterThan(book.bids[0]![0]);
    for (let i = 1; i < 10; i++) {
      expect(book.bids[i]![0]).toBeLessThan(book.bids[i - 1]![0]);
      expect(book.asks[i]![0]).toBeGreaterThan(book.asks[i - 1]![0]);
    }
    expect(fake.requests.at(-1)?.params).toEqual({ symbol: 'ETHBTC', limit: '10' });
  });

  it('reads candles, passing since and limit through', async () => {
    const candles = await feed.candles('BTC/USDT', '1h', { limit: 5 });
    expect(candles).toHaveLength(5);
    for (const c of candles) {
      expect(c.timestamp % 3_600_000).toBe(0);
      expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
      expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
    }
    expect(candles.at(-1)!.timestamp).toBeLessThanOrEqual(clock.now());
    expect(candles.at(-1)!.close).toBe((await feed.ticker('BTC/USDT')).last);
    const since = candles[1]!.timestamp;
    const later = await feed.candles('BTC/USDT', '1h', { since, limit: 2 });
    expect(later.map((c) => c.timestamp)).toEqual([since, since + 3_600_000]);
    expect(fake.requests.filter((r) => r.path === '/api/v3/klines').at(-1)?.params).toMatchObject({ symbol: 'BTCUSDT', interval: '1h', startTime: String(since), limit: '2' });
  });

  it('refuses an unknown symbol or timeframe without asking the exchange', async () => {
    const before = fake.requests.length;
    await expect(feed.ticker('DOGE/USDT')).rejects.toBeInstanceOf(UnknownSymbol);
    await expect(feed.orderBook('BTC/EUR')).rejects.toBeInstanceOf(UnknownSymbol);
    const error = await feed.candles('BTC/USDT', '7m').catch((e: unknown) => e);
    expect((error as AppError).code).toBe('market.unsupported_timeframe');
    expect(fake.requests.length).toBe(before);
  });

  it('turns the exchange saying "Invalid symbol" into UnknownSymbol', async () => {
    const sol = fake.state.symbols.get('SOLUSDT')!;
    fake.state.symbols.delete('SOLUSDT'); // delisted after the market list was loaded
    try {
      const error = await feed.ticker('SOL/USDT').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnknownSymbol);
      expect((error as UnknownSymbol).userMessage).toBe('SOL/USDT is not listed on this exchange.');
    } finally {
      fake.state.symbols.set('SOLUSDT', sol);
    }
  });
});

describe('exchange faults become project errors', () => {
  const cases: [string, Fault, (error: unknown) => void][] = [
    ['429 with Retry-After', { kind: 'status', status: 429, retryAfterSeconds: 7 }, (e) => {
      expect(e).toBeInstanceOf(RateLimited);
      expect((e as RateLimited).retryAfterMs).toBe(7_000);
    }],
    ['418 (IP banned)', { kind: 'status', status: 418, retryAfterSeconds: 120 }, (e) => {
      expect(e).toBeInstanceOf(RateLimited);
      expect((e as RateLimited).retryAfterMs).toBe(120_000);
    }],
    ['429 without Retry-After', { kind: 'status', status: 429 }, (e) => {
      expect(e).toBeInstanceOf(RateLimited);
      expect((e as RateLimited).retryAfterMs).toBeGreaterThan(0);
    }],
    ['500 with Binance -1000', { kind: 'status', status: 500 }, (e) => expect(e).toBeInstanceOf(TemporaryError)],
    ['502 with an HTML page', { kind: 'status', status: 502, body: '<html><body>Bad Gateway</body></html>' }, (e) => expect(e).toBeInstanceOf(TemporaryError)],
    ['a connection reset', { kind: 'reset' }, (e) => expect(e).toBeInstanceOf(TemporaryError)],
    ['a timeout', { kind: 'delay', ms: 1_500 }, (e) => {
      expect(e).toBeInstanceOf(TemporaryError);
      expect((e as TemporaryError).userMessage).toMatch(/did not answer in time/);
    }],
  ];

  it.each(cases)('%s', async (_name, fault, check) => {
    fake.inject('/api/v3/ticker/24hr', fault);
    const error = await feed.ticker('BTC/USDT').catch((e: unknown) => e);
    check(error);
    expect(isTemporary(error)).toBe(true);
    expect((error as AppError).userMessage).not.toMatch(/binance|http|undefined/i);
    // A failure is not cached: the next call goes through.
    await expect(feed.ticker('BTC/USDT')).resolves.toMatchObject({ symbol: 'BTC/USDT' });
  });

  it('translates faults on the market list, the book and the candles too', async () => {
    const fresh = new LiveMarketData({ clock, baseUrl: fake.url, timeoutMs: 400 });
    fake.inject('/api/v3/exchangeInfo', { kind: 'status', status: 429, retryAfterSeconds: 2 });
    await expect(fresh.markets()).rejects.toBeInstanceOf(RateLimited);
    await expect(fresh.markets()).resolves.not.toHaveLength(0); // not stuck on the failure
    fake.inject('/api/v3/depth', { kind: 'reset' });
    await expect(fresh.orderBook('BTC/USDT')).rejects.toBeInstanceOf(TemporaryError);
    fake.inject('/api/v3/klines', { kind: 'status', status: 503 });
    await expect(fresh.candles('BTC/USDT', '1h')).rejects.toBeInstanceOf(TemporaryError);
  });
});

describe('createCcxtExchange', () => {
  it('points every API url at the base url, keeping each path', async () => {
    const exchange = await createCcxtExchange({ clock, baseUrl: 'http://127.0.0.1:1/mirror/' });
    const api = exchange.urls['api'] as Record<string, string>;
    expect(api['public']).toBe('http://127.0.0.1:1/mirror/api/v3');
    expect(api['sapi']).toBe('http://127.0.0.1:1/mirror/sapi/v1');
    expect(Object.values(api).every((url) => url.startsWith('http://127.0.0.1:1/mirror/'))).toBe(true);
    expect(exchange.options['fetchMarkets']).toMatchObject({ types: ['spot'] });
    expect(exchange.options['fetchCurrencies']).toBe(false);
    expect(exchange.enableRateLimit).toBe(true);
  });

  it('spends every REST call from its own request budget, with ccxt’s cost for the endpoint', async () => {
    const exchange = await createCcxtExchange({ clock, baseUrl: fake.url });
    const budget = requestBudgetOf(exchange)!;
    expect(budget).toBeDefined();
    const before = budget.available();
    await exchange.fetchTicker('BTC/USDT');
    expect(budget.available()).toBeLessThan(before);
  });
});
