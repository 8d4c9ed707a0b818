import { createCcxtExchange, pointAt, type CcxtExchange } from '../market/ccxt-exchange.js';
import type { Clock } from '../shared/clock.js';
import { ConfigError } from '../shared/errors.js';
import type { ExchangeCapabilities } from '../trading/exchange-port.js';

export type SupportedExchangeId = 'binance' | 'kraken' | 'coinbase' | 'kucoin';

/** What differs between the exchanges Parley trades on, as far as ccxt 4.5 lets us reach it. */
export interface ExchangeProfile {
  id: SupportedExchangeId;
  label: string;
  /** Defaults; the adapter's `capabilities` option can override them. */
  capabilities: ExchangeCapabilities;
  /** createOrder params that put our client order id in the exchange's own field. */
  clientIdParams(clientOrderId: string): Record<string, string>;
  /** The client order ids the exchange accepts: refused locally, before anything is sent. */
  clientIdPattern: RegExp;
  /** 'query': the exchange answers "which order has this client id" in one call; 'scan': search open and recent orders. */
  lookup: 'query' | 'scan';
  /** For queries: the fetchOrder params that ask by client id (Binance's origClientOrderId by default). */
  queryParams?(clientOrderId: string): Record<string, string>;
  /** The only order book depths the exchange serves, ascending, when it does not take any limit. */
  bookDepths?: readonly number[];
  /** The exchange's keys come with a passphrase (ccxt's `password`), which the client must be given. */
  needsPassphrase?: boolean;
  /** For scans: params that make the exchange filter by client id itself. */
  scanFilter?(clientOrderId: string): Record<string, string>;
  /** Coinbase sizes market buys in the quote asset: ccxt needs a price to convert our base amount. */
  marketBuyNeedsPrice: boolean;
  /** ccxt has a test environment for it (setSandboxMode). */
  sandbox: boolean;
  ccxtOptions(settings: ProfileSettings): Record<string, unknown>;
  /**
   * How long after sending an order a lookup that finds nothing is final: a request still in flight
   * can no longer be accepted. Binance refuses requests older than recvWindow; 0 where unknown.
   */
  settleMs(settings: ProfileSettings): number;
}

export interface ProfileSettings {
  recvWindowMs: number;
}

const NATIVE_STOPS = { nativeStopLoss: true, nativeTakeProfit: true };
const WATCHED_STOPS = { nativeStopLoss: false, nativeTakeProfit: false };

export const EXCHANGE_PROFILES: Readonly<Record<SupportedExchangeId, ExchangeProfile>> = {
  binance: {
    id: 'binance',
    label: 'Binance',
    // Spot STOP_LOSS / TAKE_PROFIT (market on trigger), reached through ccxt's stopLossPrice / takeProfitPrice.
    capabilities: NATIVE_STOPS,
    clientIdParams: (id) => ({ clientOrderId: id }), // ccxt sends it as newClientOrderId
    clientIdPattern: /^[.A-Z:/a-z0-9_-]{1,36}$/,
    lookup: 'query', // GET /api/v3/order?origClientOrderId=
    marketBuyNeedsPrice: false,
    sandbox: true, // testnet.binance.vision
    ccxtOptions: ({ recvWindowMs }) => ({
      defaultType: 'spot',
      fetchMarkets: { types: ['spot'] },
      fetchCurrencies: false,
      fetchMargins: false,
      // A skewed local clock would otherwise make every signed request fail with -1021.
      adjustForTimeDifference: true,
      recvWindow: recvWindowMs,
      fetchOpenOrders: { warnWithoutSymbol: false },
      newOrderRespType: { market: 'FULL', limit: 'FULL' },
    }),
    settleMs: ({ recvWindowMs }) => recvWindowMs + 1_000, // + skew and ccxt's throttle delay before signing
  },
  kraken: {
    id: 'kraken',
    label: 'Kraken',
    // ccxt maps stopLossPrice / takeProfitPrice to Kraken's stop-loss / take-profit order types, but
    // this was not tried against Kraken itself: Parley watches the price unless the operator opts in.
    capabilities: WATCHED_STOPS,
    clientIdParams: (id) => ({ clientOrderId: id }), // ccxt sends it as cl_ord_id
    // cl_ord_id: a UUID (with or without hyphens) or up to 18 printable ASCII characters.
    clientIdPattern: /^([0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|[!-~]{1,18})$/i,
    lookup: 'scan',
    scanFilter: (id) => ({ clientOrderId: id }), // OpenOrders / ClosedOrders filter by cl_ord_id
    marketBuyNeedsPrice: false,
    sandbox: false,
    ccxtOptions: () => ({}),
    settleMs: () => 0,
  },
  coinbase: {
    id: 'coinbase',
    label: 'Coinbase',
    // ccxt 4.5 places only stop-LIMIT orders on Coinbase; a stop-loss must sell at any price.
    capabilities: WATCHED_STOPS,
    // ccxt's unified clientOrderId is ignored by coinbase.createOrder; its raw field is passed through.
    clientIdParams: (id) => ({ client_order_id: id }),
    clientIdPattern: /^[!-~]{1,64}$/,
    lookup: 'scan',
    marketBuyNeedsPrice: true,
    sandbox: false,
    ccxtOptions: () => ({}),
    settleMs: () => 0,
  },
  kucoin: {
    id: 'kucoin',
    label: 'KuCoin',
    // ccxt places KuCoin stops through its separate stop-order book; not tried yet: Parley watches the price.
    capabilities: WATCHED_STOPS,
    clientIdParams: (id) => ({ clientOid: id }),
    // clientOid: up to 40 letters, digits, '-' or '_'.
    clientIdPattern: /^[A-Za-z0-9_-]{1,40}$/,
    lookup: 'query', // GET /api/v1/order/client-order/{clientOid}
    queryParams: (id) => ({ clientOid: id }),
    needsPassphrase: true,
    bookDepths: [20, 100], // ccxt: "limit argument must be 20 or 100"
    marketBuyNeedsPrice: false,
    sandbox: false, // KuCoin's sandbox was retired; ccxt has no test URL for it
    // The classic spot account: not the unified (UTA) or high-frequency (HF) ones, which ccxt would
    // otherwise probe for with extra private calls; spot markets only, without the all-tickers call.
    ccxtOptions: () => ({ uta: false, hf: false, fetchMarkets: { types: ['spot'], fetchTickersFees: false } }),
    settleMs: () => 0,
  },
};

export function profileFor(exchangeId: string): ExchangeProfile {
  const profile = (EXCHANGE_PROFILES as Record<string, ExchangeProfile | undefined>)[exchangeId];
  if (!profile) throw new ConfigError(`Live trading supports binance, kraken, coinbase and kucoin, not "${exchangeId}".`);
  return profile;
}

export interface TradingClientOptions {
  profile: ExchangeProfile;
  settings: ProfileSettings;
  apiKey: string;
  secret: string;
  password?: string;
  uid?: string;
  sandbox?: boolean;
  baseUrl?: string;
  timeoutMs?: number;
  clock: Clock;
}

/**
 * A ccxt client for trading on one account. Built on createCcxtExchange (lazy ccxt import, rate
 * limiting, HTTP status and Retry-After recorded on errors); its options are tuned for Binance's
 * market feed, so other exchanges get their own ccxt defaults back before ours are applied.
 */
export async function createTradingClient(options: TradingClientOptions): Promise<CcxtExchange> {
  const { profile } = options;
  const exchange = await createCcxtExchange({
    exchangeId: profile.id,
    apiKey: options.apiKey,
    secret: options.secret,
    timeoutMs: options.timeoutMs,
    clock: options.clock,
  });
  if (profile.id !== 'binance') {
    exchange.options = exchange.deepExtend(exchange.getDefaultOptions(), (exchange.describe() as { options?: object }).options ?? {});
  }
  Object.assign(exchange.options, profile.ccxtOptions(options.settings));
  if (options.password) exchange.password = options.password;
  if (options.uid) exchange.uid = options.uid;
  if (options.sandbox) exchange.setSandboxMode(true);
  // After the sandbox switch, which swaps the URL table that pointAt rewrites.
  if (options.baseUrl) pointKeepingSlashes(exchange, options.baseUrl);
  return exchange;
}

/**
 * pointAt, without the trailing slash it gives a bare origin ('https://api.kraken.com' becomes
 * 'http://host/'): ccxt appends '/0/private/…' to it, and '//0/private' is a different path.
 */
function pointKeepingSlashes(exchange: CcxtExchange, baseUrl: string): void {
  const before = exchange.urls['api'] as unknown;
  pointAt(exchange, baseUrl);
  const fix = (original: unknown, rewritten: unknown): unknown => {
    if (typeof original === 'string' && typeof rewritten === 'string') return !original.endsWith('/') && rewritten.endsWith('/') ? rewritten.slice(0, -1) : rewritten;
    if (original && rewritten && typeof original === 'object' && typeof rewritten === 'object') {
      return Object.fromEntries(Object.entries(rewritten).map(([k, v]) => [k, fix((original as Record<string, unknown>)[k], v)]));
    }
    return rewritten;
  };
  (exchange.urls as Record<string, unknown>)['api'] = fix(before, exchange.urls['api']);
}
