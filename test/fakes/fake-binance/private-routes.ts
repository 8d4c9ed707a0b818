import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Decimal } from '../../../src/shared/decimal.js';
import { BinanceRejection, isOpen, type FakeAccount, type FakeOrder } from './account-state.js';
import { parseNewOrder } from './order-rules.js';
import { binanceError, INVALID_SYMBOL, type FakeRequest, type FakeResponse, type RouteHandler, type Routes } from './route-types.js';
import type { FakeBinanceState } from './state.js';

/*
 * Binance spot's signed endpoints as ccxt's binance.js calls them: the X-MBX-APIKEY header, an
 * HMAC-SHA256 `signature` over the exact query string and body, `timestamp` within `recvWindow`
 * (default 5000 ms) and no more than 1 s ahead. Answers have the fields parseOrder, parseTrade
 * and parseBalance read, numbers as 8-decimal strings.
 */

const DEFAULT_RECV_WINDOW = 5_000;
const f8 = (value: Decimal): string => value.toFixed(8);

/** Checks key, signature and time; undefined when the request may proceed. */
function authenticate(request: FakeRequest, account: FakeAccount, state: FakeBinanceState): FakeResponse | undefined {
  const key = request.headers['x-mbx-apikey'];
  if (typeof key !== 'string' || key === '') return binanceError(401, -2014, 'API-key format invalid.');
  if (key !== account.apiKey) return binanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.');
  const timestamp = Number(request.params.get('timestamp'));
  if (!request.params.get('timestamp') || !Number.isInteger(timestamp)) return binanceError(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
  const signature = request.params.get('signature');
  if (!signature) return binanceError(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
  const recvWindow = request.params.has('recvWindow') ? Number(request.params.get('recvWindow')) : DEFAULT_RECV_WINDOW;
  if (!Number.isInteger(recvWindow) || recvWindow <= 0 || recvWindow > 60_000) return binanceError(400, -1131, 'recvWindow must be less than 60000');
  const unsigned = (text: string) => text.replace(/&?signature=[^&]*/, '');
  const expected = createHmac('sha256', account.secret).update(unsigned(request.rawQuery) + unsigned(request.body)).digest('hex');
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
    return binanceError(400, -1022, 'Signature for this request is not valid.');
  }
  const serverTime = state.now();
  if (timestamp > serverTime + 1_000) return binanceError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  if (serverTime - timestamp > recvWindow) return binanceError(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
  return undefined;
}

/** GET /api/v3/order, /openOrders, /allOrders shape. */
function orderView(order: FakeOrder) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    price: f8(order.price),
    origQty: f8(order.origQty),
    executedQty: f8(order.executedQty),
    cummulativeQuoteQty: f8(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: order.side,
    stopPrice: f8(order.stopPrice),
    icebergQty: '0.00000000',
    time: order.time,
    updateTime: order.updateTime,
    isWorking: order.stopPrice.eq(0) || order.triggered,
    workingTime: order.stopPrice.eq(0) || order.triggered ? order.time : -1,
    origQuoteOrderQty: f8(order.origQuoteOrderQty),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** POST /api/v3/order answer: ACK, RESULT or FULL (MARKET and LIMIT default to FULL, others to ACK). */
function newOrderView(order: FakeOrder, respType: string | null) {
  const type = respType ?? (order.type === 'MARKET' || order.type === 'LIMIT' ? 'FULL' : 'ACK');
  const ack = { symbol: order.symbol, orderId: order.orderId, orderListId: -1, clientOrderId: order.clientOrderId, transactTime: order.time };
  if (type === 'ACK') return ack;
  const { symbol: _s, orderId: _o, orderListId: _l, clientOrderId: _c, time: _t, updateTime: _u, icebergQty: _i, isWorking: _w, ...rest } = orderView(order);
  const result = { ...ack, ...rest, ...(order.stopPrice.eq(0) ? { stopPrice: undefined } : {}) };
  if (type === 'RESULT') return result;
  const fills = order.fills.map((f) => ({ price: f8(f.price), qty: f8(f.qty), commission: f8(f.commission), commissionAsset: f.commissionAsset, tradeId: f.tradeId }));
  return { ...result, fills };
}

function orderRef(request: FakeRequest): { orderId?: number; clientOrderId?: string } | FakeResponse {
  const orderId = request.params.get('orderId');
  const clientOrderId = request.params.get('origClientOrderId');
  if (orderId === null && clientOrderId === null) {
    return binanceError(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
  }
  if (orderId !== null) {
    const id = Number(orderId);
    if (!Number.isInteger(id)) return binanceError(400, -1100, "Illegal characters found in parameter 'orderId'; legal range is '^[0-9]{1,20}$'.");
    return { orderId: id };
  }
  return { clientOrderId: clientOrderId! };
}

const isResponse = (value: unknown): value is FakeResponse => typeof value === 'object' && value !== null && 'body' in value;

export function createPrivateRoutes(account: FakeAccount): Routes {
  /** Authenticates, then turns a BinanceRejection into Binance's error answer. */
  const signed =
    (handler: RouteHandler): RouteHandler =>
    async (request, state) => {
      const refused = authenticate(request, account, state);
      if (refused) return refused;
      try {
        return await handler(request, state);
      } catch (error) {
        if (error instanceof BinanceRejection) return binanceError(error.status, error.code, error.msg);
        throw error;
      }
    };
  const symbolOf = (request: FakeRequest, state: FakeBinanceState, required: boolean): string | undefined | FakeResponse => {
    const symbol = request.params.get('symbol');
    if (symbol === null) return required ? binanceError(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.") : undefined;
    return state.symbol(symbol) ? symbol : INVALID_SYMBOL();
  };
  const generateClientId = () => `web_${randomBytes(12).toString('hex')}`;

  return {
    'POST /api/v3/order': signed((request, state) => {
      const order = account.place(parseNewOrder(request.params, state, generateClientId));
      return { body: newOrderView(order, request.params.get('newOrderRespType')) };
    }),

    'GET /api/v3/order': signed((request, state) => {
      const symbol = symbolOf(request, state, true);
      if (isResponse(symbol)) return symbol;
      const ref = orderRef(request);
      if (isResponse(ref)) return ref;
      const order = account.find(symbol!, ref);
      return order ? { body: orderView(order) } : binanceError(400, -2013, 'Order does not exist.');
    }),

    'DELETE /api/v3/order': signed((request, state) => {
      const symbol = symbolOf(request, state, true);
      if (isResponse(symbol)) return symbol;
      const ref = orderRef(request);
      if (isResponse(ref)) return ref;
      const order = account.find(symbol!, ref);
      if (!order || !isOpen(order)) return binanceError(400, -2011, 'Unknown order sent.');
      account.cancel(order);
      // Binance answers with the cancel request's own client id; the order's is in origClientOrderId.
      const { time: _t, updateTime: _u, icebergQty: _i, isWorking: _w, workingTime: _wt, origQuoteOrderQty: _q, ...view } = orderView(order);
      return { body: { ...view, origClientOrderId: order.clientOrderId, clientOrderId: request.params.get('newClientOrderId') ?? generateClientId(), transactTime: state.now() } };
    }),

    'GET /api/v3/openOrders': signed((request, state) => {
      const symbol = symbolOf(request, state, false);
      if (isResponse(symbol)) return symbol;
      return { body: account.orders.filter((o) => isOpen(o) && (symbol === undefined || o.symbol === symbol)).map(orderView) };
    }),

    'GET /api/v3/allOrders': signed((request, state) => {
      const symbol = symbolOf(request, state, true);
      if (isResponse(symbol)) return symbol;
      const fromId = Number(request.params.get('orderId') ?? 0);
      const start = Number(request.params.get('startTime') ?? 0);
      const end = Number(request.params.get('endTime') ?? Infinity);
      const limit = Math.min(1000, Number(request.params.get('limit') ?? 500));
      const orders = account.orders.filter((o) => o.symbol === symbol && o.orderId >= fromId && o.time >= start && o.time <= end);
      return { body: orders.slice(-limit).map(orderView) };
    }),

    'GET /api/v3/myTrades': signed((request, state) => {
      const symbol = symbolOf(request, state, true);
      if (isResponse(symbol)) return symbol;
      const orderId = request.params.get('orderId');
      const fromId = Number(request.params.get('fromId') ?? 0);
      const start = Number(request.params.get('startTime') ?? 0);
      const end = Number(request.params.get('endTime') ?? Infinity);
      const limit = Math.min(1000, Number(request.params.get('limit') ?? 500));
      const trades = account
        .trades(symbol!)
        .filter(({ order, fill }) => (orderId === null || order.orderId === Number(orderId)) && fill.tradeId >= fromId && fill.time >= start && fill.time <= end)
        .slice(0, limit)
        .map(({ order, fill }) => ({
          symbol: order.symbol,
          id: fill.tradeId,
          orderId: order.orderId,
          orderListId: -1,
          price: f8(fill.price),
          qty: f8(fill.qty),
          quoteQty: f8(fill.price.mul(fill.qty)),
          commission: f8(fill.commission),
          commissionAsset: fill.commissionAsset,
          time: fill.time,
          isBuyer: order.side === 'BUY',
          isMaker: fill.isMaker,
          isBestMatch: true,
        }));
      return { body: trades };
    }),

    'GET /api/v3/account': signed((request, state) => {
      const omitZero = request.params.get('omitZeroBalances') === 'true';
      const balances = account
        .assets()
        .map((asset) => ({ asset, ...account.balance(asset) }))
        .filter((b) => !omitZero || !b.free.plus(b.locked).eq(0))
        .map((b) => ({ asset: b.asset, free: f8(b.free), locked: f8(b.locked) }));
      const rate = f8(account.commissionRate);
      return {
        body: {
          makerCommission: 10,
          takerCommission: 10,
          buyerCommission: 0,
          sellerCommission: 0,
          commissionRates: { maker: rate, taker: rate, buyer: '0.00000000', seller: '0.00000000' },
          canTrade: true,
          canWithdraw: true,
          canDeposit: true,
          brokered: false,
          requireSelfTradePrevention: false,
          preventSor: false,
          updateTime: state.now(),
          accountType: 'SPOT',
          balances,
          permissions: ['SPOT'],
          uid: 354_937_868,
        },
      };
    }),
  };
}
