import type { Clock } from '../shared/clock.js';
import { AppError, ConfigError } from '../shared/errors.js';
import { pointAt, type CcxtExchange } from './ccxt-exchange.js';
import type { StreamChannel, StreamChannels } from './resilient-ticks.js';
import type { Tick } from './tick.js';

export interface CcxtProChannelsOptions {
  clock: Clock;
  /** A ccxt exchange id with a pro (websocket) class; default 'binance' (spot). */
  exchangeId?: string;
  /** EXCHANGE_BASE_URL: the REST calls (the market list) go there. */
  baseUrl?: string;
  /** EXCHANGE_WS_URL: the spot market streams connect there (tests: the fake Binance websocket). */
  wsUrl?: string;
}

type ProExchange = CcxtExchange & {
  watchTicker(symbol: string): Promise<{ last?: number; timestamp?: number }>;
  watchTrades(symbol: string): Promise<Array<{ price?: number; timestamp?: number }>>;
  loadHttpProxyAgent(): Promise<unknown>;
  close(): Promise<void>;
};

/**
 * The exchange's market streams through ccxt's pro API (watchTicker, watchTrades), for
 * ResilientTickSource, which owns reconnection, the gap check and the REST fallback. ccxt pro
 * reconnects on the next watch call after a drop; reset() closes every connection so the next
 * call subscribes afresh. ccxt is imported lazily, as in ccxt-exchange.ts.
 */
export async function createCcxtProChannels(options: CcxtProChannelsOptions): Promise<StreamChannels> {
  const exchangeId = options.exchangeId ?? 'binance';
  let ccxt: { pro?: Record<string, unknown> };
  try {
    ccxt = (await import('ccxt')) as unknown as { pro?: Record<string, unknown> };
  } catch (error) {
    throw new AppError('exchange.unavailable', 'The live exchange connection is not available in this installation.', { cause: error });
  }
  const Ctor = ccxt.pro?.[exchangeId] as (new (config: Record<string, unknown>) => ProExchange) | undefined;
  if (typeof Ctor !== 'function') throw new ConfigError(`The exchange "${exchangeId}" has no websocket streams in ccxt.`);
  const exchange = new Ctor({
    // ResilientTickSource owns the reconnect backoff: ccxt's own (1 s doubling to a minute) would stack on it.
    options: { defaultType: 'spot', fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false, ws: { backoff: { base: 0, max: 0 } } },
  });
  if (options.baseUrl) pointAt(exchange, options.baseUrl);
  if (options.wsUrl) {
    const ws = (exchange.urls as unknown as { api: { ws: Record<string, unknown> } }).api.ws;
    ws['spot'] = options.wsUrl;
    // ccxt refuses a plain ws:// URL until its HTTP agent is loaded.
    if (options.wsUrl.startsWith('ws://')) await exchange.loadHttpProxyAgent();
  }
  const clock = options.clock;
  /**
   * ccxt keeps a client that closed on an error in its table (onClose leaves it when `error` is
   * set): after a failure such clients are dropped, so the next watch call dials afresh instead of
   * waiting on a dead one. Clients still connecting are left alone (another symbol may be using them).
   */
  const forgetFailedClients = () => {
    const clients = (exchange as unknown as { clients: Record<string, { error?: unknown }> }).clients;
    for (const [url, client] of Object.entries(clients)) if (client.error !== undefined) delete clients[url];
  };
  return {
    async next(symbol: string, channel: StreamChannel): Promise<Tick[]> {
      try {
        return await watch(symbol, channel);
      } catch (error) {
        forgetFailedClients();
        throw error;
      }
    },
    reset: () => exchange.close(),
    close: () => exchange.close(),
  };

  async function watch(symbol: string, channel: StreamChannel): Promise<Tick[]> {
    if (channel === 'ticker') {
      const ticker = await exchange.watchTicker(symbol);
      const last = Number(ticker.last);
      return Number.isFinite(last) ? [{ symbol, last, at: ticker.timestamp ?? clock.now(), source: 'ws' }] : [];
    }
    // Every trade since the last call (ccxt's newUpdates): a spike between two tickers is in them.
    const trades = await exchange.watchTrades(symbol);
    return trades.flatMap((t) => (Number.isFinite(Number(t.price)) ? [{ symbol, last: Number(t.price), at: t.timestamp ?? clock.now(), source: 'ws' as const }] : []));
  }
}
