import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Market as CcxtMarket } from 'ccxt';
import { systemClock } from '../shared/clock.js';
import { dec } from '../shared/decimal.js';
import { ConfigError, InvalidOrder } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { CcxtExchangeAdapter } from './ccxt-exchange-adapter.js';
import { createTradingClient, EXCHANGE_PROFILES, type SupportedExchangeId } from './ccxt-exchange-profiles.js';
import type { ExchangeCapabilities } from '../trading/exchange-port.js';

/*
 * Kraken and Coinbase without their servers: the real ccxt clients, signing real requests, with
 * ccxt's fetch answered here from the response shapes in their API documentation (and ccxt's
 * comments). This checks what Parley sends — the client order id in each exchange's own field,
 * the order types — and that the answers map onto ExchangeOrder. It cannot check how the real
 * exchanges behave (duplicate ids, errors, fills): see the report on the ccxt adapter.
 */

interface Captured {
  method: string;
  url: URL;
  body: string;
}

const BASE_URL = 'http://exchange.test';

async function adapterFor(exchangeId: Exclude<SupportedExchangeId, 'binance'>, answer: (request: Captured) => unknown, capabilities?: Partial<ExchangeCapabilities>) {
  const profile = EXCHANGE_PROFILES[exchangeId];
  const credentials =
    exchangeId === 'kraken'
      ? { apiKey: 'kraken-api-key-0123456789', secret: Buffer.from('kraken-private-key-0123456789').toString('base64') }
      : { apiKey: 'organizations/org-1/apiKeys/key-1', secret: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString() };
  const client = await createTradingClient({ profile, settings: { recvWindowMs: 5_000 }, ...credentials, baseUrl: BASE_URL, clock: systemClock });
  const requests: Captured[] = [];
  client.enableRateLimit = false; // ccxt spaces Kraken's private calls by seconds; nothing is rate limited here
  Object.assign(client, {
    fetch: async (url: string, method = 'GET', _headers: unknown, body: unknown) => {
      const request = { method, url: new URL(url), body: typeof body === 'string' ? body : '' };
      requests.push(request);
      return answer(request);
    },
  });
  const market = exchangeId === 'kraken' ? { id: 'XBTUSDT', baseId: 'XXBT', info: { altname: 'XBTUSDT' } } : { id: 'BTC-USDT', baseId: 'BTC', info: {} };
  client.setMarkets([
    {
      ...market,
      symbol: 'BTC/USDT',
      base: 'BTC',
      quote: 'USDT',
      quoteId: 'USDT',
      type: 'spot',
      spot: true,
      active: true,
      precision: { amount: 0.00000001, price: 0.1 },
      limits: { amount: { min: 0.00005 }, cost: { min: 1 } },
      taker: 0.004,
      maker: 0.0025,
    } as unknown as CcxtMarket,
  ]);
  const adapter = new CcxtExchangeAdapter({ exchangeId, ...credentials, clock: systemClock, exchange: client, capabilities, retryBaseDelayMs: 1 });
  return { adapter, requests };
}

const form = (request: Captured) => Object.fromEntries(new URLSearchParams(request.body));

describe('Kraken through ccxt (responses from Kraken\'s documentation)', () => {
  const krakenOrder = (clientOrderId: string, ordertype = 'market') => ({
    refid: null,
    userref: 0,
    cl_ord_id: clientOrderId,
    status: 'closed',
    opentm: Date.now() / 1000 - 5, // ccxt drops orders older than the `since` it was asked for
    closetm: Date.now() / 1000 - 4,
    starttm: 0,
    expiretm: 0,
    descr: { pair: 'XBTUSDT', type: 'buy', ordertype, price: '0', price2: '0', leverage: 'none', order: 'buy 0.01000000 XBTUSDT @ market', close: '' },
    vol: '0.01000000',
    vol_exec: '0.01000000',
    cost: '600.00000',
    fee: '2.40000',
    price: '60000.0',
    stopprice: '0.00000',
    limitprice: '0.00000',
    misc: '',
    oflags: 'fciq',
    trades: ['TCCCTY-WE2O6-P3NB37'],
  });

  it('sends the client order id as cl_ord_id, then reads the order back (AddOrder answers only its txid)', async () => {
    const id = newId();
    const { adapter, requests } = await adapterFor('kraken', ({ url }) =>
      url.pathname === '/0/private/AddOrder'
        ? { error: [], result: { descr: { order: 'buy 0.01000000 XBTUSDT @ market' }, txid: ['OU22CG-KLAF2-FWUDD7'] } }
        : { error: [], result: { 'OU22CG-KLAF2-FWUDD7': krakenOrder(id) } },
    );
    const order = await adapter.createOrder({ clientOrderId: id, symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: dec('0.01') });
    expect(requests.map((r) => `${r.method} ${r.url.href}`)).toEqual([`POST ${BASE_URL}/0/private/AddOrder`, `POST ${BASE_URL}/0/private/QueryOrders`]);
    expect(form(requests[0]!)).toMatchObject({ pair: 'XBTUSDT', type: 'buy', ordertype: 'market', volume: '0.01', cl_ord_id: id });
    expect(order).toMatchObject({ id: 'OU22CG-KLAF2-FWUDD7', clientOrderId: id, status: 'closed', type: 'market', side: 'buy' });
    expect([order.filled.toFixed(), order.cost.toFixed(), order.average?.toFixed(), order.fee.cost.toFixed(), order.fee.currency]).toEqual(['0.01', '600', '60000', '2.4', 'USDT']);
  });

  it('finds an order by client id among open, then closed orders, asking Kraken to filter by cl_ord_id', async () => {
    const id = newId();
    const { adapter, requests } = await adapterFor('kraken', ({ url }) =>
      url.pathname === '/0/private/OpenOrders' ? { error: [], result: { open: {} } } : { error: [], result: { closed: { 'OU22CG-KLAF2-FWUDD7': krakenOrder(id) }, count: 1 } },
    );
    expect((await adapter.fetchOrderByClientId('BTC/USDT', id))?.id).toBe('OU22CG-KLAF2-FWUDD7');
    expect(requests.map((r) => r.url.pathname)).toEqual(['/0/private/OpenOrders', '/0/private/ClosedOrders']);
    expect(requests.map((r) => form(r)['cl_ord_id'])).toEqual([id, id]);
    expect(await adapter.fetchOrderByClientId('BTC/USDT', 'someone-else')).toBeNull();
  });

  it('leaves stops to Parley by default, and sends a native stop-loss when the operator enables it', async () => {
    const stop = { clientOrderId: newId(), symbol: 'BTC/USDT', side: 'sell' as const, type: 'stop_loss' as const, amount: dec('0.01'), triggerPrice: dec('58000') };
    const byDefault = await adapterFor('kraken', () => ({ error: [], result: {} }));
    await expect(byDefault.adapter.createOrder(stop)).rejects.toBeInstanceOf(InvalidOrder);
    expect(byDefault.requests).toEqual([]);
    const enabled = await adapterFor('kraken', () => ({ error: [], result: { txid: ['OSTOP-1'] } }), { nativeStopLoss: true });
    await enabled.adapter.createOrder(stop).catch(() => undefined);
    expect(form(enabled.requests[0]!)).toMatchObject({ ordertype: 'stop-loss', price: '58000', cl_ord_id: stop.clientOrderId });
  });

  it('has no test environment in ccxt', () => {
    expect(() => new CcxtExchangeAdapter({ exchangeId: 'kraken', apiKey: 'k', secret: 's', sandbox: true, clock: systemClock })).toThrow(ConfigError);
  });
});

describe('Coinbase Advanced Trade through ccxt (responses from ccxt\'s documented shapes)', () => {
  const coinbaseOrder = (clientOrderId: string, status = 'FILLED') => ({
    order_id: 'c0ffee00-0000-4000-8000-000000000001',
    product_id: 'BTC-USDT',
    client_order_id: clientOrderId,
    side: 'BUY',
    status,
    order_type: 'MARKET',
    order_configuration: { market_market_ioc: { quote_size: '600' } },
    created_time: new Date(Date.now() - 5_000).toISOString(),
    filled_size: '0.00999',
    average_filled_price: '60060.06',
    filled_value: '600',
    total_fees: '7.2',
    number_of_fills: '1',
  });

  it('sends client_order_id (ccxt ignores its unified clientOrderId here) and sizes a market buy in quote at the ask', async () => {
    const id = newId();
    const { adapter, requests } = await adapterFor('coinbase', ({ url }) => {
      if (url.pathname.endsWith('/ticker')) return { trades: [], best_bid: '59999.9', best_ask: '60000.0' };
      if (url.pathname === '/api/v3/brokerage/orders') return { success: true, order_id: 'c0ffee00-0000-4000-8000-000000000001', success_response: { order_id: 'c0ffee00-0000-4000-8000-000000000001', product_id: 'BTC-USDT', side: 'BUY', client_order_id: id } };
      return { order: coinbaseOrder(id) };
    });
    const order = await adapter.createOrder({ clientOrderId: id, symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: dec('0.01') });
    const create = requests.find((r) => r.method === 'POST')!;
    expect(JSON.parse(create.body)).toEqual({ client_order_id: id, product_id: 'BTC-USDT', side: 'BUY', order_configuration: { market_market_ioc: { quote_size: '600' } } });
    expect(requests.at(-1)!.url.pathname).toBe('/api/v3/brokerage/orders/historical/c0ffee00-0000-4000-8000-000000000001');
    expect(order).toMatchObject({ clientOrderId: id, status: 'closed', side: 'buy', type: 'market' });
    expect([order.filled.toFixed(), order.amount.toFixed(), order.fee.cost.toFixed(), order.fee.currency]).toEqual(['0.00999', '0.00999', '7.2', 'USDT']);
  });

  it('sends a limit sell in base with its client id, and finds orders by client id in the order history', async () => {
    const id = newId();
    const { adapter, requests } = await adapterFor('coinbase', ({ url }) => {
      if (url.pathname === '/api/v3/brokerage/orders') return { success: true, success_response: { order_id: 'o-2', product_id: 'BTC-USDT', side: 'SELL', client_order_id: id } };
      if (url.searchParams.get('order_status') === 'OPEN') return { orders: [], has_next: false };
      if (url.pathname.endsWith('/historical/batch')) return { orders: [coinbaseOrder('other'), coinbaseOrder(id, 'CANCELLED')], has_next: false };
      return { order: { ...coinbaseOrder(id, 'OPEN'), order_id: 'o-2', side: 'SELL', order_type: 'LIMIT', order_configuration: { limit_limit_gtc: { base_size: '0.01', limit_price: '61000', post_only: false } }, filled_size: '0', total_fees: '0' } };
    });
    const placed = await adapter.createOrder({ clientOrderId: id, symbol: 'BTC/USDT', side: 'sell', type: 'limit', amount: dec('0.01'), price: dec('61000') });
    expect(JSON.parse(requests[0]!.body)).toMatchObject({ client_order_id: id, side: 'SELL', order_configuration: { limit_limit_gtc: { base_size: '0.01', limit_price: '61000' } } });
    expect(placed).toMatchObject({ id: 'o-2', status: 'open', type: 'limit' });
    expect(placed.price?.toFixed()).toBe('61000');
    const found = await adapter.fetchOrderByClientId('BTC/USDT', id);
    expect(found).toMatchObject({ clientOrderId: id, status: 'canceled' });
  });

  it('leaves stop-losses and take-profits to Parley (ccxt places only stop-limit orders on Coinbase)', async () => {
    const { adapter } = await adapterFor('coinbase', () => ({}));
    expect(adapter.capabilities).toEqual({ nativeStopLoss: false, nativeTakeProfit: false });
    await expect(adapter.createOrder({ clientOrderId: newId(), symbol: 'BTC/USDT', side: 'sell', type: 'take_profit', amount: dec('0.01'), triggerPrice: dec('65000') })).rejects.toBeInstanceOf(InvalidOrder);
  });
});
