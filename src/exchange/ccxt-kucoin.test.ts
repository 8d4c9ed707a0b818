import { afterEach, describe, expect, it } from 'vitest';
import { startFakeKucoin, type FakeKucoin } from '../../test/fakes/fake-kucoin/index.js';
import { systemClock } from '../shared/clock.js';
import { dec } from '../shared/decimal.js';
import { InsufficientFunds } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { CcxtExchangeAdapter } from './ccxt-exchange-adapter.js';
import { exchangePortContract } from './exchange-port.contract.js';
import { VenueStats } from '../market/venue-health.js';

const running: FakeKucoin[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()));
});

async function startKucoin(password?: string, venueStats?: VenueStats) {
  const fake = await startFakeKucoin();
  running.push(fake);
  const exchange = new CcxtExchangeAdapter({
    exchangeId: 'kucoin',
    apiKey: fake.account.apiKey,
    secret: fake.account.secret,
    password: password ?? fake.passphrase,
    baseUrl: fake.url,
    clock: systemClock,
    timeoutMs: 2_000,
    retryBaseDelayMs: 5,
    ...(venueStats ? { venueStats } : {}),
  });
  return { fake, exchange };
}

exchangePortContract('ccxt adapter against the fake KuCoin', async () => {
  const { fake, exchange } = await startKucoin();
  return {
    exchange,
    moveMarket: async (symbol, price) => fake.state.setPrice(symbol.replace('/', ''), price),
    fund: async (asset, amount) => fake.account.fund(asset, amount),
    ordersWithClientId: async (id) => fake.account.ordersWithClientId(id).length,
    cleanup: async () => {},
  };
});

describe('KuCoin through ccxt', () => {
  it('signs with the passphrase: a wrong one is refused as bad keys, and nothing is placed', async () => {
    const { fake, exchange } = await startKucoin('not-the-passphrase');
    fake.account.fund('USDT', '1000');
    await expect(exchange.fetchBalance()).rejects.toMatchObject({ code: 'exchange.auth' });
    expect(fake.account.orders).toHaveLength(0);
  });

  it("records each call's latency and outcome for the venue's health", async () => {
    const stats = new VenueStats();
    const { fake, exchange } = await startKucoin(undefined, stats);
    fake.account.fund('USDT', '1000');
    await exchange.fetchBalance();
    await exchange.ticker('BTC/USDT');
    await expect(exchange.fetchOrder('BTC/USDT', '999')).rejects.toThrow();
    const health = stats.health('kucoin', Date.now())!;
    expect(health.requests).toBe(4); // the markets, the balance, the ticker, the unknown order
    expect(health.errorRate).toBe(0.25);
    expect(health.p99Ms).toBeGreaterThanOrEqual(health.p50Ms!);
  });

  it('refuses keys without their passphrase before sending anything', () => {
    expect(() => new CcxtExchangeAdapter({ exchangeId: 'kucoin', apiKey: 'k', secret: 's', clock: systemClock })).toThrow(/KuCoin trading needs the API key's passphrase too/);
  });

  it('puts the client order id in clientOid and finds the order by it', async () => {
    const { fake, exchange } = await startKucoin();
    fake.account.fund('USDT', '1000');
    const id = newId();
    const placed = await exchange.createOrder({ clientOrderId: id, symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: dec('0.001'), price: dec('50000') });
    expect(fake.requests.filter((r) => r.startsWith('POST /api/v1/orders'))).toHaveLength(1);
    expect(fake.account.ordersWithClientId(id)).toHaveLength(1);
    expect(await exchange.fetchOrderByClientId('BTC/USDT', id)).toMatchObject({ id: placed.id, clientOrderId: id, status: 'open' });
    expect(fake.requests.some((r) => r.startsWith(`GET /api/v1/order/client-order/${id}`))).toBe(true);
  });

  it('reads the book at the depths KuCoin serves (20 or 100), the ticker and its fee from the market list', async () => {
    const { fake, exchange } = await startKucoin();
    fake.state.setPrice('BTCUSDT', 60_000);
    const book = await exchange.orderBook('BTC/USDT', 50);
    expect([book.bids.length, book.asks.length, book.asks[0]![0], book.bids[0]![0]]).toEqual([50, 50, 60_000, 59_999.99]);
    expect(fake.requests.filter((r) => r.startsWith('GET /api/v1/market/orderbook/'))).toEqual(['GET /api/v1/market/orderbook/level2_100?symbol=BTC-USDT']);
    expect((await exchange.orderBook('BTC/USDT', 5)).asks).toHaveLength(5);
    expect(await exchange.ticker('BTC/USDT')).toMatchObject({ symbol: 'BTC/USDT', last: 60_000, bid: 59_999.99, ask: 60_000 });
  });

  it('says "not enough" in its own words when KuCoin answers Balance insufficient', async () => {
    const { fake, exchange } = await startKucoin();
    fake.account.fund('USDT', '10');
    await expect(exchange.createOrder({ clientOrderId: newId(), symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: dec('0.001'), price: dec('50000') })).rejects.toBeInstanceOf(InsufficientFunds);
  });
});
