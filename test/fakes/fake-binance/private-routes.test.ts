import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { Decimal } from '../../../src/shared/decimal.js';
import { FakeAccount, FakeBinanceState, startFakeBinance, type FakeAccountOptions, type FakeBinance } from './index.js';

const NOW = Date.UTC(2024, 7, 8, 23, 54, 16);
let clock: ManualClock;
let fake: FakeBinance;
let account: FakeAccount;

async function start(options: FakeAccountOptions = {}) {
  await fake?.close();
  clock = new ManualClock(NOW);
  const state = new FakeBinanceState({ clock });
  account = new FakeAccount(state, options);
  fake = await startFakeBinance({ state, account });
}

/** Signs like ccxt's binance.sign(): HMAC-SHA256 of the query (GET/DELETE) or the form body (POST). */
async function call(method: 'GET' | 'POST' | 'DELETE', path: string, params: Record<string, string> = {}, tweak: { key?: string | null; secret?: string; timestamp?: number } = {}) {
  const query = new URLSearchParams({ ...params, timestamp: String(tweak.timestamp ?? clock.now()) }).toString();
  const signature = createHmac('sha256', tweak.secret ?? account.secret).update(query).digest('hex');
  const signed = `${query}&signature=${signature}`;
  const headers: Record<string, string> = tweak.key === null ? {} : { 'X-MBX-APIKEY': tweak.key ?? account.apiKey };
  const body = method === 'POST' ? signed : undefined;
  if (body) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(`${fake.url}${path}${body ? '' : `?${signed}`}`, { method, headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { code?: number; msg?: string } };
}

const order = (params: Record<string, string>) => call('POST', '/api/v3/order', { symbol: 'BTCUSDT', ...params });
const balance = (asset: string) => {
  const b = account.balance(asset);
  return [b.free.toFixed(), b.locked.toFixed()];
};

beforeEach(() => start());
afterEach(() => fake.close());

describe('fake Binance: signed requests', () => {
  it('refuses a missing or unknown key, a bad signature and a stale or early timestamp, with Binance codes', async () => {
    expect(await call('GET', '/api/v3/account', {}, { key: null })).toMatchObject({ status: 401, body: { code: -2014 } });
    expect(await call('GET', '/api/v3/account', {}, { key: 'someone-else' })).toMatchObject({ status: 401, body: { code: -2015 } });
    expect(await call('GET', '/api/v3/account', {}, { secret: 'wrong' })).toMatchObject({ status: 400, body: { code: -1022, msg: 'Signature for this request is not valid.' } });
    expect(await call('GET', '/api/v3/account', {}, { timestamp: NOW - 5_001 })).toMatchObject({ body: { code: -1021 } });
    expect(await call('GET', '/api/v3/account', {}, { timestamp: NOW + 1_001 })).toMatchObject({ body: { code: -1021 } });
    expect((await call('GET', '/api/v3/account', { recvWindow: '20000' }, { timestamp: NOW - 10_000 })).status).toBe(200);
  });
});

describe('fake Binance: orders', () => {
  it('fills a market buy at the ask and takes the commission in the asset bought', async () => {
    account.fund('USDT', '1000');
    const { body } = await order({ side: 'BUY', type: 'MARKET', quantity: '0.01', newClientOrderId: 'abc' });
    expect(body).toMatchObject({ status: 'FILLED', executedQty: '0.01000000', cummulativeQuoteQty: '618.28010000', clientOrderId: 'abc' });
    expect(body['fills']).toEqual([expect.objectContaining({ price: '61828.01000000', qty: '0.01000000', commission: '0.00001000', commissionAsset: 'BTC' })]);
    expect(balance('USDT')).toEqual(['381.7199', '0']);
    expect(balance('BTC')).toEqual(['0.00999', '0']);
  });

  it('spends a quote amount (quoteOrderQty) on the step grid', async () => {
    account.fund('USDT', '100');
    const { body } = await order({ side: 'BUY', type: 'MARKET', quoteOrderQty: '100' });
    expect(body).toMatchObject({ status: 'FILLED', executedQty: '0.00161000', origQuoteOrderQty: '100.00000000' });
  });

  it('rests a limit order with its funds locked, fills it when the price crosses, and releases the lock', async () => {
    account.fund('USDT', '1000');
    const placed = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '60000' });
    expect(placed.body).toMatchObject({ status: 'NEW', executedQty: '0.00000000' });
    expect(balance('USDT')).toEqual(['400', '600']);
    expect((await call('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).body).toHaveLength(1);
    fake.state.setPrice('BTCUSDT', 60_100);
    expect(account.orders[0]!.status).toBe('NEW');
    fake.state.setPrice('BTCUSDT', 59_990);
    const fetched = await call('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: String(placed.body['orderId']) });
    expect(fetched.body).toMatchObject({ status: 'FILLED', cummulativeQuoteQty: '600.00000000' });
    expect(balance('USDT')).toEqual(['400', '0']);
    expect(balance('BTC')).toEqual(['0.00999', '0']);
    const trades = await call('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', orderId: String(placed.body['orderId']) });
    expect(trades.body).toEqual([expect.objectContaining({ price: '60000.00000000', isMaker: true, commission: '0.00001000' })]);
  });

  it('cancels an open order (answering with origClientOrderId) and refuses to cancel it twice', async () => {
    account.fund('BTC', '1');
    const placed = await order({ side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.5', price: '70000', newClientOrderId: 'sell-1' });
    expect(balance('BTC')).toEqual(['0.5', '0.5']);
    const cancel = await call('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'sell-1' });
    expect(cancel.body).toMatchObject({ status: 'CANCELED', origClientOrderId: 'sell-1', orderId: placed.body['orderId'] });
    expect(balance('BTC')).toEqual(['1', '0']);
    expect((await call('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'sell-1' })).body).toMatchObject({ code: -2011, msg: 'Unknown order sent.' });
    expect((await call('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'nope' })).body).toMatchObject({ code: -2013, msg: 'Order does not exist.' });
  });

  it('refuses a client id in use by an open order, and (like Binance) takes it again once that order is done', async () => {
    account.fund('USDT', '10000');
    await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '50000', newClientOrderId: 'same' });
    expect((await order({ side: 'BUY', type: 'MARKET', quantity: '0.01', newClientOrderId: 'same' })).body).toMatchObject({ code: -2010, msg: 'Duplicate order sent.' });
    await call('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'same' });
    expect((await order({ side: 'BUY', type: 'MARKET', quantity: '0.01', newClientOrderId: 'same' })).body).toMatchObject({ status: 'FILLED' });
    expect(account.ordersWithClientId('same')).toHaveLength(2);

    await start({ clientIdScope: 'account' });
    account.fund('USDT', '10000');
    await order({ side: 'BUY', type: 'MARKET', quantity: '0.01', newClientOrderId: 'once' });
    expect((await order({ side: 'BUY', type: 'MARKET', quantity: '0.01', newClientOrderId: 'once' })).body).toMatchObject({ code: -2010 });
    expect(account.ordersWithClientId('once')).toHaveLength(1);
  });

  it('applies the symbol filters and the balance, placing nothing on refusal', async () => {
    account.fund('USDT', '100');
    expect((await order({ side: 'BUY', type: 'MARKET', quantity: '0.000015' })).body).toMatchObject({ code: -1013, msg: 'Filter failure: LOT_SIZE' });
    expect((await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '60000.000000001' })).body).toMatchObject({ code: -1111 });
    expect((await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '60000.005' })).body).toMatchObject({ code: -1013, msg: 'Filter failure: PRICE_FILTER' });
    expect((await order({ side: 'BUY', type: 'MARKET', quantity: '0.00001' })).body).toMatchObject({ code: -1013, msg: 'Filter failure: NOTIONAL' });
    expect((await order({ side: 'BUY', type: 'MARKET', quantity: '0.01' })).body).toMatchObject({ code: -2010, msg: 'Account has insufficient balance for requested action.' });
    expect((await order({ symbol: 'NOPEUSDT', side: 'BUY', type: 'MARKET', quantity: '1' })).body).toMatchObject({ code: -1121, msg: 'Invalid symbol.' });
    expect((await order({ side: 'BUY', type: 'LIMIT', quantity: '0.001', price: '60000' })).body).toMatchObject({ code: -1102 });
    expect(account.orders).toHaveLength(0);
    expect(balance('USDT')).toEqual(['100', '0']);
  });

  it('fills partially when liquidity is short: a market order expires, a limit order stays open', async () => {
    account.fund('USDT', '10000');
    account.setLiquidity('BTCUSDT', '0.004');
    expect((await order({ side: 'BUY', type: 'MARKET', quantity: '0.01' })).body).toMatchObject({ status: 'EXPIRED', executedQty: '0.00400000' });
    const limit = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '62000' });
    expect(limit.body).toMatchObject({ status: 'PARTIALLY_FILLED', executedQty: '0.00400000' });
    expect(balance('USDT')).toEqual([new Decimal('10000').minus('247.31204').minus('247.31204').minus('372').toFixed(), '372']);
  });

  it('holds a stop-loss until the price falls to it, then sells at the market', async () => {
    account.fund('BTC', '0.1');
    expect((await order({ side: 'SELL', type: 'STOP_LOSS', quantity: '0.1', stopPrice: '62000' })).body).toMatchObject({ code: -2010, msg: 'Stop price would trigger immediately.' });
    const placed = await order({ side: 'SELL', type: 'STOP_LOSS', quantity: '0.1', stopPrice: '60000', newOrderRespType: 'RESULT' });
    expect(placed.body).toMatchObject({ status: 'NEW', type: 'STOP_LOSS', stopPrice: '60000.00000000' });
    expect(balance('BTC')).toEqual(['0', '0.1']);
    fake.state.setPrice('BTCUSDT', 60_500);
    expect(account.orders[0]!.status).toBe('NEW');
    fake.state.setPrice('BTCUSDT', 59_900);
    expect(account.orders[0]).toMatchObject({ status: 'FILLED' });
    expect(balance('BTC')).toEqual(['0', '0']);
    expect(balance('USDT')).toEqual(['5984.009001', '0']); // 0.1 × 59,899.99 (the bid), less 0.1 %
  });

  it('loses the answer, not the order, on a fault after handling', async () => {
    account.fund('USDT', '1000');
    fake.inject('POST /api/v3/order', { kind: 'reset', afterHandling: true });
    await expect(order({ side: 'BUY', type: 'MARKET', quantity: '0.01', newClientOrderId: 'lost' })).rejects.toThrow();
    expect(account.ordersWithClientId('lost')).toHaveLength(1);
    expect((await call('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'lost' })).body).toMatchObject({ status: 'FILLED' });
  });
});
