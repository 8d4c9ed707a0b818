import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { binanceError, FakeBinanceState, startFakeBinance, type FakeBinance } from './index.js';

const NOW = Date.UTC(2024, 7, 8, 23, 54, 16);
let fake: FakeBinance;
const get = async (path: string) => {
  const res = await fetch(fake.url + path);
  return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
};

beforeAll(async () => {
  fake = await startFakeBinance({
    state: new FakeBinanceState({ clock: new ManualClock(NOW) }),
    // How private routes will plug in: another Routes table.
    routes: [(await import('./public-routes.js')).publicRoutes, { 'GET /api/v3/account': () => binanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.') }],
  });
});
afterAll(() => fake.close());

describe('fake Binance: public endpoints', () => {
  it('answers ping and time', async () => {
    expect((await get('/api/v3/ping')).body).toEqual({});
    expect((await get('/api/v3/time')).body).toEqual({ serverTime: NOW });
  });

  it('lists symbols with Binance filters', async () => {
    const { body } = (await get('/api/v3/exchangeInfo')) as { body: { symbols: { symbol: string; filters: { filterType: string }[] }[] } };
    const btc = body.symbols.find((s) => s.symbol === 'BTCUSDT')!;
    expect(btc.filters.find((f) => f.filterType === 'PRICE_FILTER')).toMatchObject({ tickSize: '0.01000000' });
    expect(btc.filters.find((f) => f.filterType === 'LOT_SIZE')).toMatchObject({ stepSize: '0.00001000', minQty: '0.00001000' });
    expect(btc.filters.find((f) => f.filterType === 'NOTIONAL')).toMatchObject({ minNotional: '5.00000000' });
  });

  it('serves a 24h ticker, a depth snapshot and klines that agree on the price', async () => {
    const ticker = (await get('/api/v3/ticker/24hr?symbol=BTCUSDT')).body as Record<string, string>;
    expect(ticker['lastPrice']).toBe('61828.01000000');
    const depth = (await get('/api/v3/depth?symbol=BTCUSDT&limit=5')).body as { bids: string[][]; asks: string[][] };
    expect(depth.asks).toHaveLength(5);
    expect(Number(depth.asks[0]![0])).toBeGreaterThan(Number(depth.bids[0]![0]));
    const klines = (await get('/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=3')).body as unknown[][];
    expect(klines).toHaveLength(3);
    expect(klines.at(-1)![0]).toBe(Math.floor(NOW / 3_600_000) * 3_600_000);
    expect(klines.at(-1)![4]).toBe('61828.01000000');
    expect(Array.isArray((await get('/api/v3/ticker/24hr')).body)).toBe(true);
  });

  it('answers like Binance on bad input', async () => {
    expect(await get('/api/v3/ticker/24hr?symbol=NOPE')).toMatchObject({ status: 400, body: { code: -1121, msg: 'Invalid symbol.' } });
    expect(await get('/api/v3/klines?symbol=BTCUSDT&interval=7m')).toMatchObject({ status: 400, body: { code: -1120 } });
    expect((await get('/api/v3/account')).status).toBe(401);
  });
});

describe('fake Binance: fault injection', () => {
  it('applies a fault to the next N requests of a path only', async () => {
    fake.inject('/api/v3/ping', { kind: 'status', status: 429, retryAfterSeconds: 3 }, 2);
    const first = await get('/api/v3/ping');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect((await get('/api/v3/time')).status).toBe(200);
    expect((await get('/api/v3/ping')).status).toBe(429);
    expect((await get('/api/v3/ping')).status).toBe(200);
  });

  it('drops the connection on a reset and answers late on a delay', async () => {
    fake.inject('/api/v3/ping', { kind: 'reset' });
    await expect(fetch(fake.url + '/api/v3/ping')).rejects.toThrow();
    fake.inject('/api/v3/ping', { kind: 'delay', ms: 200 });
    const started = performance.now();
    expect((await get('/api/v3/ping')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('records every request with its parameters', async () => {
    await get('/api/v3/depth?symbol=ETHBTC&limit=7');
    expect(fake.requests.at(-1)).toEqual({ method: 'GET', path: '/api/v3/depth', params: { symbol: 'ETHBTC', limit: '7' } });
  });
});
