import { binanceError, INVALID_SYMBOL, type FakeRequest, type FakeResponse, type Routes } from './route-types.js';
import { fmt8, INTERVAL_MS, roundTo, type FakeBinanceState, type FakeSymbolSpec } from './state.js';

/*
 * Binance spot's public market-data endpoints, with the response shapes ccxt's binance.js parses
 * (parseMarket, parseTicker, parseOrderBook, parseOHLCV): numbers as 8-decimal strings, filters
 * as the exchange lists them today, errors as { code, msg } with Binance's codes.
 */

function exchangeInfoEntry(spec: FakeSymbolSpec) {
  return {
    symbol: spec.symbol,
    status: spec.status ?? 'TRADING',
    baseAsset: spec.baseAsset,
    baseAssetPrecision: 8,
    quoteAsset: spec.quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    amendAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: fmt8(spec.tickSize), maxPrice: fmt8(1_000_000), tickSize: fmt8(spec.tickSize) },
      { filterType: 'LOT_SIZE', minQty: fmt8(spec.minQty), maxQty: fmt8(9_000_000), stepSize: fmt8(spec.stepSize) },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      { filterType: 'MARKET_LOT_SIZE', minQty: fmt8(0), maxQty: fmt8(1_000_000), stepSize: fmt8(0) },
      { filterType: 'TRAILING_DELTA', minTrailingAboveDelta: 10, maxTrailingAboveDelta: 2000, minTrailingBelowDelta: 10, maxTrailingBelowDelta: 2000 },
      { filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: '5', bidMultiplierDown: '0.2', askMultiplierUp: '5', askMultiplierDown: '0.2', avgPriceMins: 5 },
      { filterType: 'NOTIONAL', minNotional: fmt8(spec.minNotional), applyMinToMarket: true, maxNotional: fmt8(9_000_000), applyMaxToMarket: false, avgPriceMins: 5 },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}

/** `symbol=BTCUSDT` or `symbols=["BTCUSDT","ETHUSDT"]`; undefined means all; null means an unknown one. */
function selectSymbols(request: FakeRequest, state: FakeBinanceState): FakeSymbolSpec[] | undefined | null {
  const one = request.params.get('symbol');
  const many = request.params.get('symbols');
  if (one === null && many === null) return undefined;
  let ids: string[];
  try {
    ids = one !== null ? [one] : (JSON.parse(many as string) as string[]);
  } catch {
    return null;
  }
  const specs = ids.map((id) => state.symbol(id));
  return specs.every((s): s is FakeSymbolSpec => s !== undefined) ? specs : null;
}

function ticker24h(spec: FakeSymbolSpec, state: FakeBinanceState) {
  const now = state.now();
  const from = now - 86_400_000;
  const last = spec.price;
  const open = state.priceAt(spec, from);
  let high = Math.max(open, last);
  let low = Math.min(open, last);
  for (let t = from; t < now; t += 300_000) {
    const p = state.priceAt(spec, t);
    high = Math.max(high, p);
    low = Math.min(low, p);
  }
  const tick = Number(spec.tickSize);
  const volume = roundTo((Number(spec.minNotional) * 4_000 * 1_440) / last, spec.stepSize);
  return {
    symbol: spec.symbol,
    priceChange: fmt8(last - open),
    priceChangePercent: (((last - open) / open) * 100).toFixed(3),
    weightedAvgPrice: fmt8(roundTo((high + low) / 2, spec.tickSize)),
    prevClosePrice: fmt8(open),
    lastPrice: fmt8(last),
    lastQty: fmt8(spec.minQty),
    bidPrice: fmt8(roundTo(last - tick, spec.tickSize)),
    bidQty: fmt8(roundTo((Number(spec.minNotional) * 200) / last, spec.stepSize)),
    askPrice: fmt8(last),
    askQty: fmt8(roundTo((Number(spec.minNotional) * 200) / last, spec.stepSize)),
    openPrice: fmt8(open),
    highPrice: fmt8(high),
    lowPrice: fmt8(low),
    volume: fmt8(volume),
    quoteVolume: fmt8(volume * last),
    openTime: from,
    closeTime: now,
    firstId: 3_735_000_000,
    lastId: 3_735_019_903,
    count: 19_904,
  };
}

function depth(spec: FakeSymbolSpec, state: FakeBinanceState, limit: number) {
  const tick = Number(spec.tickSize);
  // Levels ~0.2 bps apart (at least one tick); each holds a few hundred minimum orders' worth,
  // more away from the touch.
  const gapTicks = Math.max(1, Math.round((spec.price * 0.00002) / tick));
  const levels = Math.min(limit, 1000);
  const side = (sign: 1 | -1, best: number) =>
    Array.from({ length: levels }, (_, k) => {
      const quote = Number(spec.minNotional) * (200 + 100 * k + 40 * (k % 3));
      return [fmt8(roundTo(best + sign * k * gapTicks * tick, spec.tickSize)), fmt8(Math.max(roundTo(quote / spec.price, spec.stepSize), Number(spec.stepSize)))];
    });
  return { lastUpdateId: state.nextUpdateId(), bids: side(-1, spec.price - tick), asks: side(1, spec.price) };
}

function klines(spec: FakeSymbolSpec, state: FakeBinanceState, intervalMs: number, opens: number[]) {
  const now = state.now();
  return opens.map((openTime) => {
    const closeTime = openTime + intervalMs - 1;
    const o = state.priceAt(spec, openTime);
    const c = state.priceAt(spec, Math.min(openTime + intervalMs, now));
    const mid = state.priceAt(spec, Math.min(openTime + intervalMs / 2, now));
    const high = roundTo(Math.max(o, c, mid) * 1.0005, spec.tickSize);
    const low = roundTo(Math.min(o, c, mid) * 0.9995, spec.tickSize);
    const volume = roundTo(((intervalMs / 60_000) * Number(spec.minNotional) * 4_000) / spec.price, spec.stepSize);
    const quote = volume * ((o + c) / 2);
    return [openTime, fmt8(o), fmt8(high), fmt8(low), fmt8(c), fmt8(volume), closeTime, fmt8(quote), 1_000, fmt8(volume / 2), fmt8(quote / 2), '0'];
  });
}

function intParam(request: FakeRequest, name: string): number | undefined | null {
  const raw = request.params.get(name);
  if (raw === null) return undefined;
  const n = Number(raw);
  return Number.isInteger(n) ? n : null;
}

export const publicRoutes: Routes = {
  'GET /api/v3/ping': () => ({ body: {} }),

  'GET /api/v3/time': (_request, state) => ({ body: { serverTime: state.now() } }),

  'GET /api/v3/exchangeInfo': (request, state) => {
    const selected = selectSymbols(request, state);
    if (selected === null) return INVALID_SYMBOL();
    const symbols = (selected ?? [...state.symbols.values()]).map(exchangeInfoEntry);
    return {
      body: {
        timezone: 'UTC',
        serverTime: state.now(),
        rateLimits: [
          { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
          { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
          { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
          { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
        ],
        exchangeFilters: [],
        symbols,
      },
    };
  },

  'GET /api/v3/ticker/24hr': (request, state) => {
    const selected = selectSymbols(request, state);
    if (selected === null) return INVALID_SYMBOL();
    if (request.params.has('symbol')) return { body: ticker24h(selected![0]!, state) };
    return { body: (selected ?? [...state.symbols.values()]).map((s) => ticker24h(s, state)) };
  },

  'GET /api/v3/depth': (request, state): FakeResponse => {
    if (!request.params.has('symbol')) return binanceError(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
    const spec = state.symbol(request.params.get('symbol'));
    if (!spec) return INVALID_SYMBOL();
    const limit = intParam(request, 'limit') ?? 100;
    if (limit === null || limit < 1 || limit > 5000) return binanceError(400, -1100, "Illegal characters found in parameter 'limit'; legal range is '1-5000'.");
    return { body: depth(spec, state, limit) };
  },

  'GET /api/v3/klines': (request, state): FakeResponse => {
    const spec = state.symbol(request.params.get('symbol'));
    if (!spec) return INVALID_SYMBOL();
    const intervalMs = INTERVAL_MS[request.params.get('interval') ?? ''];
    if (intervalMs === undefined) return binanceError(400, -1120, 'Invalid interval.');
    const limit = intParam(request, 'limit') ?? 500;
    const startTime = intParam(request, 'startTime');
    const endTime = intParam(request, 'endTime');
    if (limit === null || limit < 1 || limit > 1000 || startTime === null || endTime === null) {
      return binanceError(400, -1100, 'Illegal characters found in a parameter.');
    }
    return { body: klines(spec, state, intervalMs, state.klineOpenTimes(intervalMs, limit, startTime, endTime)) };
  },
};
