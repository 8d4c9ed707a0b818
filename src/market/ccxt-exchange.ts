import type { Exchange } from 'ccxt';
import type { Clock } from '../shared/clock.js';
import { AppError, ConfigError } from '../shared/errors.js';
import { parseRetryAfter } from './ccxt-errors.js';
import { burstFor, RequestBudget } from './request-budget.js';

export type CcxtExchange = Exchange;

export interface CcxtExchangeOptions {
  /** A ccxt exchange id; default 'binance' (spot). */
  exchangeId?: string;
  /** Sends every API call to this origin instead (EXCHANGE_BASE_URL; tests: the fake Binance). */
  baseUrl?: string;
  timeoutMs?: number;
  /** API credentials, for the exchange adapter's private endpoints; the market feed needs none. */
  apiKey?: string;
  secret?: string;
  clock: Clock;
}

export const DEFAULT_EXCHANGE_TIMEOUT_MS = 10_000;

/**
 * Builds a ccxt exchange the way this project needs it. ccxt is imported here, lazily: the import
 * costs about a second, which the default offline start (replay feed) must not pay.
 * - Binance spot only: loadMarkets then makes one call (GET /api/v3/exchangeInfo) instead of
 *   also asking the futures APIs, the currencies and the margin pairs.
 * - Rate limiting on, with ccxt's cost per endpoint, so a burst is spaced out before Binance has
 *   to say 429 — but through a RequestBudget, not ccxt's throttler, which makes even a lone order
 *   after a quiet minute wait its cost × rateLimit before it is sent.
 * - The HTTP status and the Retry-After of a failed response are recorded on the thrown error
 *   (`httpStatus`, `retryAfterMs`), per request: ccxt keeps only the last response's headers,
 *   shared by concurrent calls, and maps some 5xx bodies to non-temporary classes.
 */
export async function createCcxtExchange(options: CcxtExchangeOptions): Promise<CcxtExchange> {
  const exchangeId = options.exchangeId ?? 'binance';
  let ccxt: Record<string, unknown>;
  try {
    ccxt = (await import('ccxt')) as unknown as Record<string, unknown>;
  } catch (error) {
    throw new AppError('exchange.unavailable', 'The live exchange connection is not available in this installation.', { cause: error });
  }
  const Ctor = ccxt[exchangeId] as (new (config: Record<string, unknown>) => CcxtExchange) | undefined;
  if (typeof Ctor !== 'function') throw new ConfigError(`Unknown exchange "${exchangeId}".`);
  const exchange = new Ctor({
    enableRateLimit: true,
    timeout: options.timeoutMs ?? DEFAULT_EXCHANGE_TIMEOUT_MS,
    ...(options.apiKey ? { apiKey: options.apiKey, secret: options.secret } : {}),
    options: { defaultType: 'spot', fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
  });
  useRequestBudget(exchange);
  if (options.baseUrl) pointAt(exchange, options.baseUrl);
  recordResponseFacts(exchange, options.clock);
  return exchange;
}

/** ccxt's fetch2 awaits `throttle(cost)` before every REST call: that is where the budget sits. */
function useRequestBudget(exchange: CcxtExchange): void {
  const rate = Number(exchange.rateLimit);
  const intervalMs = rate > 0 ? rate : 50;
  const budget = new RequestBudget({ intervalMs, burst: burstFor(intervalMs) });
  Object.assign(exchange, { throttle: (cost?: number) => budget.take(cost), requestBudget: budget });
}

/** The budget a client built by createCcxtExchange spends from (tests, diagnostics). */
export function requestBudgetOf(exchange: CcxtExchange): RequestBudget | undefined {
  const budget = (exchange as unknown as { requestBudget?: unknown }).requestBudget;
  return budget instanceof RequestBudget ? budget : undefined;
}

/** Rewrites the origin (scheme, host, port) of every API url, keeping each path. */
export function pointAt(exchange: CcxtExchange, baseUrl: string): void {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new ConfigError(`EXCHANGE_BASE_URL "${baseUrl}" is not a URL.`);
  }
  const prefix = base.pathname.replace(/\/+$/, '');
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') {
      try {
        const url = new URL(value);
        return `${base.origin}${prefix}${url.pathname}${url.search}`;
      } catch {
        return value; // a template like "https://{hostname}" stays as ccxt wrote it
      }
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    }
    return value;
  };
  const urls = exchange.urls as Record<string, unknown>;
  urls['api'] = rewrite(urls['api']);
}

function recordResponseFacts(exchange: CcxtExchange, clock: Clock): void {
  type Handler = (response: unknown, ...rest: unknown[]) => Promise<unknown>;
  const target = exchange as unknown as { handleRestResponse: Handler; getResponseHeaders(response: unknown): Record<string, unknown> };
  const original = target.handleRestResponse.bind(exchange);
  target.handleRestResponse = async (response, ...rest) => {
    try {
      return await original(response, ...rest);
    } catch (error) {
      if (error && typeof error === 'object') {
        let headers: Record<string, unknown> = {};
        try {
          headers = target.getResponseHeaders(response);
        } catch {
          // no headers to read: leave retryAfterMs unset
        }
        const ms = parseRetryAfter(headers['Retry-After'], clock.now());
        if (ms !== undefined) Object.assign(error, { retryAfterMs: ms });
        const status = (response as { status?: unknown } | undefined)?.status;
        if (typeof status === 'number') Object.assign(error, { httpStatus: status });
      }
      throw error;
    }
  };
}
