import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Decimal } from '../../../src/shared/decimal.js';
import { BinanceRejection, FakeAccount, isOpen, type FakeOrder, type NewOrder } from '../fake-binance/account-state.js';
import { FakeBinanceState, type FakeSymbolSpec } from '../fake-binance/state.js';

/*
 * A KuCoin-compatible spot REST server on loopback, for the ccxt adapter's tests: the endpoints
 * ccxt's kucoin.js calls for markets, balances, orders, tickers, books and time (classic spot
 * account, not HF or unified), with KuCoin's { code: '200000', data } envelope, its error codes and
 * messages, and its v2 request signing (KC-API-KEY / -SIGN / -TIMESTAMP / -PASSPHRASE, the
 * passphrase itself HMAC-signed with the secret). Balances, orders and matching are the fake
 * Binance's (FakeAccount over FakeBinanceState, fees in the quote asset, client ids unique per
 * account), shaped the way KuCoin answers; `state.setPrice('BTCUSDT', p)` moves the market.
 */

export interface FakeKucoin {
  url: string;
  state: FakeBinanceState;
  account: FakeAccount;
  passphrase: string;
  /** Every request, in order: 'METHOD /path?query'. */
  requests: string[];
  close(): Promise<void>;
}

export interface FakeKucoinOptions {
  state?: FakeBinanceState;
  apiKey?: string;
  secret?: string;
  passphrase?: string;
}

type Reply = { status?: number; body: unknown };
const ok = (data: unknown): Reply => ({ body: { code: '200000', data } });
const fail = (code: string, msg: string, status = 400): Reply => ({ status, body: { code, msg } });

const kucoinSymbol = (spec: FakeSymbolSpec) => `${spec.baseAsset}-${spec.quoteAsset}`;
const s = (d: Decimal) => d.toFixed();

export async function startFakeKucoin(options: FakeKucoinOptions = {}): Promise<FakeKucoin> {
  const state = options.state ?? new FakeBinanceState();
  const account = new FakeAccount(state, {
    apiKey: options.apiKey ?? 'kucoin-key-0123456789abcdef',
    secret: options.secret ?? 'kucoin-secret-fedcba9876543210',
    commissionIn: 'quote',
    clientIdScope: 'account',
  });
  const passphrase = options.passphrase ?? 'kucoin-passphrase-42';
  const requests: string[] = [];
  const byKucoinId = (id: string | null) => [...state.symbols.values()].find((spec) => kucoinSymbol(spec) === id);

  const orderView = (o: FakeOrder) => {
    const spec = state.symbol(o.symbol)!;
    const fee = o.fills.reduce((sum, f) => sum.plus(f.commission), new Decimal(0));
    return {
      id: String(o.orderId),
      symbol: kucoinSymbol(spec),
      opType: 'DEAL',
      type: o.type === 'MARKET' ? 'market' : 'limit',
      side: o.side.toLowerCase(),
      price: s(o.price),
      size: s(o.origQty),
      funds: '0',
      dealFunds: s(o.cummulativeQuoteQty),
      dealSize: s(o.executedQty),
      fee: s(fee),
      feeCurrency: spec.quoteAsset,
      stp: '',
      stop: '',
      stopTriggered: false,
      stopPrice: '0',
      timeInForce: o.timeInForce,
      postOnly: false,
      hidden: false,
      iceberg: false,
      visibleSize: '0',
      cancelAfter: 0,
      channel: 'API',
      clientOid: o.clientOrderId,
      remark: null,
      tags: null,
      isActive: isOpen(o),
      cancelExist: o.status === 'CANCELED',
      createdAt: o.time,
      tradeType: 'TRADE',
    };
  };
  const findOrder = (id: string) => account.orders.find((o) => String(o.orderId) === id);

  const publicRoute = (method: string, path: string, query: URLSearchParams): Reply | undefined => {
    if (method !== 'GET') return undefined;
    if (path === '/api/v1/timestamp') return ok(state.now());
    if (path === '/api/v2/symbols') {
      return ok(
        [...state.symbols.values()].map((spec) => ({
          symbol: kucoinSymbol(spec),
          name: kucoinSymbol(spec),
          baseCurrency: spec.baseAsset,
          quoteCurrency: spec.quoteAsset,
          feeCurrency: spec.quoteAsset,
          market: spec.quoteAsset,
          baseMinSize: spec.minQty,
          quoteMinSize: '0.1',
          baseMaxSize: '10000000000',
          quoteMaxSize: '99999999',
          baseIncrement: spec.stepSize,
          quoteIncrement: spec.tickSize,
          priceIncrement: spec.tickSize,
          priceLimitRate: '0.1',
          minFunds: spec.minNotional,
          isMarginEnabled: false,
          enableTrading: (spec.status ?? 'TRADING') === 'TRADING',
          feeCategory: 1,
          makerFeeCoefficient: '1.00',
          takerFeeCoefficient: '1.00',
          st: false,
        })),
      );
    }
    if (path === '/api/v3/currencies') {
      const assets = new Set([...state.symbols.values()].flatMap((spec) => [spec.baseAsset, spec.quoteAsset]));
      return ok([...assets].map((currency) => ({ currency, name: currency, fullName: currency, precision: 8, confirms: null, contractAddress: null, isMarginEnabled: false, isDebitEnabled: false, chains: [] })));
    }
    const spec = byKucoinId(query.get('symbol'));
    if (path === '/api/v1/market/stats' || path === '/api/v1/market/orderbook/level1' || path.startsWith('/api/v1/market/orderbook/level2_')) {
      if (!spec) return fail('400100', 'Unsupported trading pair.');
      const ask = spec.price;
      const bid = Number((spec.price - Number(spec.tickSize)).toFixed(8));
      if (path === '/api/v1/market/stats') {
        return ok({ time: state.now(), symbol: kucoinSymbol(spec), buy: String(bid), sell: String(ask), last: String(spec.price), high: String(spec.price * 1.01), low: String(spec.price * 0.99), vol: '1234.5', volValue: '76000000', changeRate: '0.0012', changePrice: '74', averagePrice: String(spec.price), takerFeeRate: '0.001', makerFeeRate: '0.001', takerCoefficient: '1', makerCoefficient: '1' });
      }
      if (path === '/api/v1/market/orderbook/level1') return ok({ time: state.now(), sequence: String(state.nextUpdateId()), price: String(spec.price), size: '0.1', bestBid: String(bid), bestBidSize: '1', bestAsk: String(ask), bestAskSize: '1' });
      const levels = Number(path.slice('/api/v1/market/orderbook/level2_'.length)) || 20;
      const tick = Number(spec.tickSize);
      const side = (from: number, dir: number) => Array.from({ length: levels }, (_, i) => [String(Number((from + dir * i * tick).toFixed(8))), '1']);
      return ok({ time: state.now(), sequence: String(state.nextUpdateId()), bids: side(bid, -1), asks: side(ask, 1) });
    }
    return undefined;
  };

  const privateRoute = (method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): Reply | undefined => {
    if (method === 'GET' && path === '/api/v1/accounts') {
      const type = query.get('type');
      if (type && type !== 'trade') return ok([]);
      return ok(account.assets().map((asset, i) => {
        const b = account.balance(asset);
        return { id: String(1000 + i), currency: asset, type: 'trade', balance: s(b.free.plus(b.locked)), available: s(b.free), holds: s(b.locked) };
      }));
    }
    if (method === 'GET' && path === '/api/v3/margin/symbols') return ok({ timestamp: state.now(), items: [] });
    if (method === 'GET' && path === '/api/v1/isolated/symbols') return ok([]);
    if (method === 'GET' && path === '/api/v1/hf/accounts/opened') return ok(false);
    if (method === 'POST' && path === '/api/v1/orders') return placeOrder(body);
    if (method === 'GET' && path === '/api/v1/orders') {
      const status = query.get('status');
      const spec = query.get('symbol') ? byKucoinId(query.get('symbol')) : undefined;
      const items = account.orders
        .filter((o) => !spec || o.symbol === spec.symbol)
        .filter((o) => (status === 'active' ? isOpen(o) : status === 'done' ? !isOpen(o) : true))
        .reverse()
        .map(orderView);
      return ok({ currentPage: 1, pageSize: 50, totalNum: items.length, totalPage: 1, items });
    }
    const byId = /^\/api\/v1\/orders\/([^/]+)$/.exec(path);
    if (byId && method === 'GET') {
      const order = findOrder(decodeURIComponent(byId[1]!));
      return order ? ok(orderView(order)) : fail('400100', 'order_not_exist');
    }
    if (byId && method === 'DELETE') {
      const order = findOrder(decodeURIComponent(byId[1]!));
      if (!order || !isOpen(order)) return fail('400100', 'order_not_exist_or_not_allow_to_cancel');
      account.cancel(order);
      return ok({ cancelledOrderIds: [String(order.orderId)] });
    }
    const byClient = /^\/api\/v1\/order\/client-order\/([^/]+)$/.exec(path);
    if (byClient && method === 'GET') {
      const order = account.orders.find((o) => o.clientOrderId === decodeURIComponent(byClient[1]!));
      return order ? ok(orderView(order)) : fail('400100', 'order_not_exist');
    }
    if (method === 'GET' && path === '/api/v1/fills') {
      const order = findOrder(query.get('orderId') ?? '');
      const items = (order?.fills ?? []).map((f) => ({
        symbol: kucoinSymbol(state.symbol(order!.symbol)!), tradeId: String(f.tradeId), orderId: String(order!.orderId), counterOrderId: '1', side: order!.side.toLowerCase(),
        liquidity: f.isMaker ? 'maker' : 'taker', forceTaker: false, price: s(f.price), size: s(f.qty), funds: s(f.price.mul(f.qty)), fee: s(f.commission), feeRate: '0.001',
        feeCurrency: f.commissionAsset, stop: '', tradeType: 'TRADE', type: order!.type === 'MARKET' ? 'market' : 'limit', createdAt: f.time,
      }));
      return ok({ currentPage: 1, pageSize: 50, totalNum: items.length, totalPage: 1, items });
    }
    return undefined;
  };

  const placeOrder = (body: Record<string, unknown>): Reply => {
    const clientOid = typeof body.clientOid === 'string' ? body.clientOid : '';
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(clientOid)) return fail('400100', 'clientOid must be 1-40 letters, digits, "-" or "_"');
    const spec = byKucoinId(typeof body.symbol === 'string' ? body.symbol : null);
    if (!spec || (spec.status ?? 'TRADING') !== 'TRADING') return fail('400100', 'Unsupported trading pair.');
    const side = body.side === 'buy' ? 'BUY' : body.side === 'sell' ? 'SELL' : undefined;
    const type = body.type === 'market' ? 'MARKET' : body.type === 'limit' ? 'LIMIT' : undefined;
    if (!side || !type) return fail('400100', 'Invalid side or type');
    if (body.size === undefined) return fail('400100', 'size is required');
    const size = new Decimal(String(body.size));
    if (size.lt(spec.minQty)) return fail('400100', 'Order size below the minimum requirement.');
    if (!size.mod(spec.stepSize).eq(0)) return fail('600100', 'Order size increment invalid.');
    const price = type === 'LIMIT' ? new Decimal(String(body.price)) : undefined;
    if (price && !price.mod(spec.tickSize).eq(0)) return fail('400100', 'Price increment invalid.');
    if (size.mul(price ?? spec.price).lt(spec.minNotional)) return fail('400100', 'Order funds below the minimum requirement.');
    if (account.orders.some((o) => o.clientOrderId === clientOid)) return fail('400100', 'The clientOid already exists.');
    const order: NewOrder = { spec, side, type, timeInForce: 'GTC', quantity: size, ...(price ? { price } : {}), clientOrderId: clientOid };
    try {
      const placed = account.place(order);
      return ok({ orderId: String(placed.orderId) });
    } catch (error) {
      if (error instanceof BinanceRejection && /insufficient/i.test(error.msg)) return fail('200004', 'Balance insufficient!', 200);
      throw error;
    }
  };

  const authorised = (req: IncomingMessage, method: string, endpoint: string, body: string): Reply | undefined => {
    const header = (name: string) => String(req.headers[name.toLowerCase()] ?? '');
    if (header('KC-API-KEY') !== account.apiKey) return fail('400003', 'KC-API-KEY not exists', 401);
    const expectPassphrase = createHmac('sha256', account.secret).update(passphrase).digest('base64');
    if (header('KC-API-KEY-VERSION') !== '2' || !same(header('KC-API-PASSPHRASE'), expectPassphrase)) return fail('400004', 'Invalid KC-API-PASSPHRASE', 401);
    const timestamp = header('KC-API-TIMESTAMP');
    if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - state.now()) > 5_000) return fail('400002', 'KC-API-TIMESTAMP Invalid -- Time differs from server time by more than 5 seconds', 401);
    const expectSign = createHmac('sha256', account.secret).update(timestamp + method + endpoint + body).digest('base64');
    if (!same(header('KC-API-SIGN'), expectSign)) return fail('400005', 'Invalid KC-API-SIGN', 401);
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake-kucoin');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push(`${method} ${url.pathname}${url.search}`);
    let reply = publicRoute(method, url.pathname, url.searchParams);
    if (!reply) {
      reply = authorised(req, method, url.pathname + url.search, body);
      if (!reply) {
        let parsed: Record<string, unknown> = {};
        try {
          parsed = body ? (JSON.parse(body) as Record<string, unknown>) : {};
        } catch {
          reply = fail('400100', 'Invalid JSON body');
        }
        reply ??= privateRoute(method, url.pathname, url.searchParams, parsed) ?? fail('404', `No route ${method} ${url.pathname} in the fake KuCoin.`, 404);
      }
    }
    res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  };

  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: '500', msg: error instanceof Error ? error.message : String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    account,
    passphrase,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
