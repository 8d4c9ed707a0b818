import { AppError, InsufficientFunds, InvalidOrder, NotFound, RateLimited, TemporaryError, UnknownSymbol } from '../shared/errors.js';

/** When a 429/418 carries no Retry-After, wait this long (Binance asks for backing off, not a number). */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

/**
 * The names of a ccxt error's classes, most specific first ('RequestTimeout', 'NetworkError',
 * 'OperationFailed', 'BaseError'). Matching on names instead of `instanceof` keeps ccxt (≈1 s to
 * import) out of this module, so translating errors costs nothing when the live feed is unused.
 */
export function ccxtErrorClasses(error: unknown): string[] {
  const names: string[] = [];
  let proto: unknown = error !== null && typeof error === 'object' ? Object.getPrototypeOf(error) : null;
  while (proto && proto !== Error.prototype && proto !== Object.prototype) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === 'string') names.push(name);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

export interface TranslateContext {
  /** The market the call was about, for UnknownSymbol. */
  symbol?: string;
  /** Retry-After in ms; by default read from the error, where ccxt-exchange.ts records it. */
  retryAfterMs?: number;
}

/**
 * ccxt's error → the project's. Only TemporaryError (and RateLimited, a kind of it) is worth a
 * retry: timeouts, dropped connections, 5xx, maintenance, and ccxt's OperationFailed (Binance's
 * -1000 "unknown error"). The technical message goes to `detail` for the logs; users read ours.
 */
export function translateCcxtError(error: unknown, context: TranslateContext = {}): AppError {
  if (error instanceof AppError) return error;
  const classes = ccxtErrorClasses(error);
  const is = (name: string) => classes.includes(name);
  const detail = error instanceof Error ? error.message : String(error);
  const options = { cause: error, detail };
  if (!is('BaseError')) {
    return new AppError('exchange.error', 'Something went wrong while talking to the exchange. Please try again in a moment.', options);
  }
  if (is('BadSymbol')) {
    const symbol = context.symbol ?? 'This market';
    return new UnknownSymbol(symbol, `${symbol} is not listed on this exchange.`);
  }
  if (is('DDoSProtection') || is('RateLimitExceeded')) {
    const recorded = (error as { retryAfterMs?: unknown }).retryAfterMs;
    const retryAfterMs = context.retryAfterMs ?? (typeof recorded === 'number' && recorded >= 0 ? recorded : DEFAULT_RETRY_AFTER_MS);
    return new RateLimited(retryAfterMs, options);
  }
  // A 5xx means the exchange failed, whatever class its body mapped to (Binance's -1008
  // "overloaded" is an ExchangeError to ccxt outside its spot host list).
  const status = (error as { httpStatus?: unknown }).httpStatus;
  if (typeof status === 'number' && status >= 500) {
    return new TemporaryError('The exchange is not reachable right now. Please try again in a moment.', options);
  }
  if (is('RequestTimeout')) return new TemporaryError('The exchange did not answer in time. Please try again.', options);
  if (is('OnMaintenance')) return new TemporaryError('The exchange is under maintenance. Please try again later.', options);
  if (is('NetworkError') || is('OperationFailed')) {
    return new TemporaryError('The exchange is not reachable right now. Please try again in a moment.', options);
  }
  if (is('InsufficientFunds')) return new InsufficientFunds('There is not enough balance on the exchange for this order.', options);
  if (is('OrderNotFound')) return new NotFound('The order', 'The exchange does not know this order.');
  if (is('InvalidOrder')) return new InvalidOrder("The exchange rejected the order: it does not meet the market's rules.", options);
  if (is('AuthenticationError')) {
    return new AppError('exchange.auth', 'The exchange rejected the API key. Check the key and its permissions.', options);
  }
  if (is('NotSupported')) return new AppError('exchange.not_supported', 'The exchange does not support this.', options);
  return new AppError('exchange.error', 'The exchange could not handle the request. Please try again later.', options);
}

/** Retry-After is seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
