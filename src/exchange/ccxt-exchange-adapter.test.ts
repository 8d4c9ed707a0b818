import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAccount, FakeBinanceState, startFakeBinance, type FakeAccountOptions, type FakeBinance } from '../../test/fakes/fake-binance/index.js';
import { systemClock } from '../shared/clock.js';
import { dec } from '../shared/decimal.js';
import { InsufficientFunds, InvalidOrder, RateLimited, TemporaryError, UnknownSymbol, type AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { createLogger } from '../logging/pino-logger.js';
import { CcxtExchangeAdapter, type CcxtExchangeAdapterOptions } from './ccxt-exchange-adapter.js';
import { SendingPaused } from './ccxt-trading-errors.js';
import type { OrderRequest } from '../trading/exchange-port.js';
import { exchangePortContract } from './exchange-port.contract.js';

// The fake exchange's clock runs an hour behind ours: every signed call proves the adapter signs in the exchange's time.
const exchangeClock = { now: () => Date.now() - 3_600_000 };
const TIMEOUT_MS = 500;
const RECV_WINDOW_MS = 1_500;
const SETTLE_MS = RECV_WINDOW_MS + 1_000; // the adapter's wait before "never placed" is final

const running: FakeBinance[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()));
});

async function startBinance(overrides: Partial<CcxtExchangeAdapterOptions> = {}, accountOptions: FakeAccountOptions = {}) {
  const state = new FakeBinanceState({ clock: exchangeClock });
  const account = new FakeAccount(state, accountOptions);
  const fake = await startFakeBinance({ state, account });
  running.push(fake);
  const adapter = (more: Partial<CcxtExchangeAdapterOptions> = {}) =>
    new CcxtExchangeAdapter({
      exchangeId: 'binance',
      apiKey: account.apiKey,
      secret: account.secret,
      baseUrl: fake.url,
      clock: systemClock,
      timeoutMs: TIMEOUT_MS,
      recvWindowMs: RECV_WINDOW_MS,
      retryBaseDelayMs: 5,
      ...overrides,
      ...more,
    });
  return { fake, account, state, exchange: adapter(), adapter };
}

exchangePortContract('ccxt adapter against the fake Binance', async () => {
  const { fake, account, state, exchange } = await startBinance();
  return {
    exchange,
    moveMarket: async (symbol, price) => state.setPrice(symbol.replace('/', ''), price),
    fund: async (asset, amount) => account.fund(asset, amount),
    ordersWithClientId: async (id) => account.ordersWithClientId(id).length,
    cleanup: () => fake.close(),
  };
});

const marketBuy = (amount = '0.01'): OrderRequest => ({ clientOrderId: newId(), symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: dec(amount) });
const posts = (fake: FakeBinance) => fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order').length;
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as AppError);

describe('CcxtExchangeAdapter: unclear outcomes are settled by lookup, never by sending again', () => {
  it('times out after the exchange accepted: TemporaryError, the lookup finds the order, one order only', async () => {
    const { fake, account, exchange } = await startBinance();
    account.fund('USDT', '1000');
    await exchange.markets();
    fake.inject('POST /api/v3/order', { kind: 'delay', ms: 1_500, afterHandling: true });
    const request = marketBuy();
    const error = await failure(exchange.createOrder(request));
    expect(error).toBeInstanceOf(TemporaryError);
    expect(account.ordersWithClientId(request.clientOrderId)).toHaveLength(1);
    const found = await exchange.fetchOrderByClientId('BTC/USDT', request.clientOrderId);
    expect(found).toMatchObject({ clientOrderId: request.clientOrderId, status: 'closed' });
    expect(found!.fee.currency).toBe('BTC'); // read from the order's trades: Binance's order query has no fee
    // The trading core asking again gets the same order; nothing is sent twice.
    expect((await exchange.createOrder(request)).id).toBe(found!.id);
    expect(posts(fake)).toBe(1);
    expect(account.ordersWithClientId(request.clientOrderId)).toHaveLength(1);
  });

  it('loses the connection after the exchange accepted: the same, for a reset', async () => {
    const { fake, account, exchange } = await startBinance();
    account.fund('USDT', '1000');
    fake.inject('POST /api/v3/order', { kind: 'reset', afterHandling: true });
    const request = marketBuy();
    expect(await failure(exchange.createOrder(request))).toBeInstanceOf(TemporaryError);
    expect((await exchange.fetchOrderByClientId('BTC/USDT', request.clientOrderId))?.status).toBe('closed');
    expect(account.ordersWithClientId(request.clientOrderId)).toHaveLength(1);
  });

  it('loses the connection before the exchange saw the order: the lookup answers null once the request can no longer land', async () => {
    const { fake, account, exchange } = await startBinance();
    account.fund('USDT', '1000');
    fake.inject('POST /api/v3/order', { kind: 'reset' });
    const request = marketBuy();
    const sentAt = Date.now();
    expect(await failure(exchange.createOrder(request))).toBeInstanceOf(TemporaryError);
    expect(await exchange.fetchOrderByClientId('BTC/USDT', request.clientOrderId)).toBeNull();
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(SETTLE_MS - 50);
    expect(account.orders).toHaveLength(0);
    // Proven never placed: asking again now places it, once.
    expect((await exchange.createOrder(request)).status).toBe('closed');
    expect(account.ordersWithClientId(request.clientOrderId)).toHaveLength(1);
  });

  it('finds an order whose request landed late, after the client had given up (the lookup waits out the window)', async () => {
    const { fake, account, exchange } = await startBinance();
    account.fund('USDT', '1000');
    await exchange.markets();
    fake.inject('POST /api/v3/order', { kind: 'delay', ms: TIMEOUT_MS + 300 }); // arrives after the timeout, inside recvWindow
    const request = marketBuy();
    expect(await failure(exchange.createOrder(request))).toBeInstanceOf(TemporaryError);
    const found = await exchange.fetchOrderByClientId('BTC/USDT', request.clientOrderId);
    expect(found?.clientOrderId).toBe(request.clientOrderId);
    expect(account.ordersWithClientId(request.clientOrderId)).toHaveLength(1);
  });

  it('a request that lands after its recvWindow is refused by the exchange, so "not found" is final', async () => {
    const { fake, account, exchange } = await startBinance();
    account.fund('USDT', '1000');
    await exchange.markets();
    fake.inject('POST /api/v3/order', { kind: 'delay', ms: RECV_WINDOW_MS + 400 });
    const request = marketBuy();
    expect(await failure(exchange.createOrder(request))).toBeInstanceOf(TemporaryError);
    expect(await exchange.fetchOrderByClientId('BTC/USDT', request.clientOrderId)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the late request has been answered -1021 by now
    expect(account.orders).toHaveLength(0);
  });

  it('answers a client id the exchange already holds (sent before a restart) with that order', async () => {
    const { account, adapter } = await startBinance();
    account.fund('USDT', '10000');
    const request: OrderRequest = { ...marketBuy(), type: 'limit', price: dec('50000') };
    const placed = await adapter().createOrder(request);
    const afterRestart = await adapter().createOrder(request); // Binance answers -2010 "Duplicate order sent."
    expect(afterRestart.id).toBe(placed.id);
    expect(account.ordersWithClientId(request.clientOrderId)).toHaveLength(1);
  });
});

describe('CcxtExchangeAdapter: rate limits and server errors', () => {
  it('turns 429 into RateLimited with Retry-After, sends no order until it has passed, and says nothing was sent', async () => {
    const { fake, account, exchange } = await startBinance({ maxRetryWaitMs: 1_000 });
    account.fund('USDT', '1000');
    fake.inject('POST /api/v3/order', { kind: 'status', status: 429, retryAfterSeconds: 3 });
    const error = await failure(exchange.createOrder(marketBuy()));
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).retryAfterMs).toBe(3_000);
    const before = fake.requests.length;
    const paused = await failure(exchange.createOrder(marketBuy()));
    expect(paused).toBeInstanceOf(SendingPaused);
    expect(paused!.userMessage).toMatch(/Nothing was sent; please try again in 3 s/);
    expect(await failure(exchange.fetchBalance())).toBeInstanceOf(RateLimited); // 3 s is longer than this adapter waits
    expect(fake.requests.length).toBe(before);
    expect(account.orders).toHaveLength(0);
  });

  it('turns a 418 ban into RateLimited with its Retry-After', async () => {
    const { fake, exchange } = await startBinance();
    fake.inject('/api/v3/account', { kind: 'status', status: 418, retryAfterSeconds: 120 });
    const error = await failure(exchange.fetchBalance());
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).retryAfterMs).toBe(120_000);
  });

  it('retries a read after a short Retry-After and after a 5xx, but never an order', async () => {
    const { fake, account, exchange } = await startBinance();
    account.fund('USDT', '1000');
    await exchange.markets();
    fake.inject('/api/v3/account', { kind: 'status', status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    expect((await exchange.fetchBalance()).get('USDT')?.total.toFixed()).toBe('1000');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    fake.inject('/api/v3/openOrders', { kind: 'status', status: 503 });
    expect(await exchange.fetchOpenOrders('BTC/USDT')).toEqual([]);
    expect(fake.count('/api/v3/openOrders')).toBe(2);

    fake.inject('POST /api/v3/order', { kind: 'status', status: 500 });
    expect(await failure(exchange.createOrder(marketBuy()))).toBeInstanceOf(TemporaryError);
    expect(posts(fake)).toBe(1);
  });
});

describe('CcxtExchangeAdapter: what the exchange refuses, in words', () => {
  it('reports a partial fill: a market order (IOC on Binance) ends expired, a limit order stays open', async () => {
    const { account, exchange } = await startBinance();
    account.fund('USDT', '10000');
    account.setLiquidity('BTCUSDT', '0.004');
    const market = await exchange.createOrder(marketBuy());
    expect([market.status, market.filled.toFixed(), market.amount.toFixed()]).toEqual(['expired', '0.004', '0.01']);
    const limit = await exchange.createOrder({ ...marketBuy(), type: 'limit', price: dec('62000') });
    expect([limit.status, limit.filled.toFixed()]).toEqual(['open', '0.004']);
    expect(limit.fee).toMatchObject({ currency: 'BTC' });
    expect(limit.fee.cost.toFixed()).toBe('0.000004');
  });

  it('names the asset that is short', async () => {
    const { account, exchange } = await startBinance();
    account.fund('USDT', '100');
    const error = await failure(exchange.createOrder(marketBuy()));
    expect(error).toBeInstanceOf(InsufficientFunds);
    expect(error!.userMessage).toMatch(/not enough free USDT/);
  });

  it('refuses an unknown symbol and an off-step amount before sending anything', async () => {
    const { fake, exchange } = await startBinance();
    expect(await failure(exchange.createOrder({ ...marketBuy(), symbol: 'DOGE/EUR' }))).toBeInstanceOf(UnknownSymbol);
    const offStep = await failure(exchange.createOrder(marketBuy('0.000015')));
    expect(offStep).toBeInstanceOf(InvalidOrder);
    expect(offStep!.userMessage).toBe('BTC/USDT trades in steps of 0.00001 BTC; 0.000015 is not one. Nothing was sent.');
    expect(posts(fake)).toBe(0);
  });

  it('explains the exchange filters an order broke: lot size and price step after the rules changed, minimum value', async () => {
    const { fake, account, state, exchange } = await startBinance();
    account.fund('USDT', '10000');
    await exchange.markets();
    Object.assign(state.symbols.get('BTCUSDT')!, { stepSize: '0.001', minQty: '0.001', tickSize: '1' });
    const lot = await failure(exchange.createOrder(marketBuy('0.0105')));
    expect(lot).toBeInstanceOf(InvalidOrder);
    expect(lot!.userMessage).toBe('BTC/USDT trades in steps of 0.001 BTC, from 0.001 BTC.');
    // The failure reloaded the rules: the next off-step amount is refused without asking the exchange.
    const sentBefore = posts(fake);
    expect(await failure(exchange.createOrder(marketBuy('0.0105')))).toBeInstanceOf(InvalidOrder);
    expect(posts(fake)).toBe(sentBefore);
    Object.assign(state.symbols.get('BTCUSDT')!, { tickSize: '10' });
    const tick = await failure(exchange.createOrder({ ...marketBuy(), type: 'limit', price: dec('59005') }));
    expect(tick!.userMessage).toBe('Prices on BTC/USDT go in steps of 10 USDT.');
    const small = await failure(exchange.createOrder({ ...marketBuy(), symbol: 'XRP/USDT', amount: dec('5') })); // 2.81 USDT
    expect(small!.userMessage).toBe('The minimum order on XRP/USDT is 5 USDT.');
    expect(account.orders).toHaveLength(0);
  });

  it('refuses to cancel a filled order, saying so', async () => {
    const { account, exchange } = await startBinance();
    account.fund('USDT', '1000');
    const filled = await exchange.createOrder(marketBuy());
    const error = await failure(exchange.cancelOrder('BTC/USDT', filled.id));
    expect(error).toBeInstanceOf(InvalidOrder);
    expect(error!.userMessage).toBe('This order is already filled: there is nothing to cancel.');
  });
});

describe('CcxtExchangeAdapter: credentials', () => {
  it('reports a wrong secret as an authentication problem', async () => {
    const { exchange } = await startBinance({ secret: 'not-the-secret-0123456789' });
    const error = await failure(exchange.fetchBalance());
    expect(error?.code).toBe('exchange.auth');
  });

  it('keeps the key, the secret and request signatures out of errors and logs', async () => {
    const { fake, account, exchange } = await startBinance();
    await exchange.markets();
    fake.inject('/api/v3/account', { kind: 'reset' }, 3);
    const error = await failure(exchange.fetchBalance());
    expect(error).toBeInstanceOf(TemporaryError);
    let logged = '';
    const logger = createLogger({ level: 'info', destination: new Writable({ write: (chunk, _enc, done) => ((logged += String(chunk)), done()) }) });
    logger.error({ err: error, exchange }, 'balance failed');
    const everything = [logged, error!.message, error!.stack, JSON.stringify(exchange), String((error!.cause as Error).message)].join('\n');
    expect(logged).toMatch(/api\/v3\/account/); // the URL is kept, for the operator
    expect(everything).toMatch(/signature=\[redacted\]/);
    expect(everything).not.toMatch(/signature=[0-9a-f]{16}/);
    expect(everything).not.toContain(account.secret);
    expect(everything).not.toContain(account.apiKey);
  });
});
