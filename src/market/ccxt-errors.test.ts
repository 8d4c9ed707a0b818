import * as ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { AppError, InsufficientFunds, InvalidOrder, NotFound, RateLimited, TemporaryError, UnknownSymbol, isTemporary } from '../shared/errors.js';
import { DEFAULT_RETRY_AFTER_MS, ccxtErrorClasses, parseRetryAfter, translateCcxtError } from './ccxt-errors.js';

describe('translateCcxtError', () => {
  it('reads the class chain of a ccxt error', () => {
    expect(ccxtErrorClasses(new ccxt.RequestTimeout('x'))).toEqual(['RequestTimeout', 'NetworkError', 'OperationFailed', 'BaseError']);
  });

  it.each([
    ['NetworkError', new ccxt.NetworkError('fetch failed'), TemporaryError],
    ['RequestTimeout', new ccxt.RequestTimeout('timed out'), TemporaryError],
    ['ExchangeNotAvailable', new ccxt.ExchangeNotAvailable('502'), TemporaryError],
    ['OnMaintenance', new ccxt.OnMaintenance('maintenance'), TemporaryError],
    ['OperationFailed (Binance -1000)', new ccxt.OperationFailed('unknown error'), TemporaryError],
    ['DDoSProtection', new ccxt.DDoSProtection('418'), RateLimited],
    ['RateLimitExceeded', new ccxt.RateLimitExceeded('429'), RateLimited],
    ['BadSymbol', new ccxt.BadSymbol('binance does not have market symbol X/Y'), UnknownSymbol],
    ['InsufficientFunds', new ccxt.InsufficientFunds('balance'), InsufficientFunds],
    ['InvalidOrder', new ccxt.InvalidOrder('LOT_SIZE'), InvalidOrder],
    ['OrderNotFound', new ccxt.OrderNotFound('-2013'), NotFound],
  ])('%s → %s', (_name, error, expected) => {
    const translated = translateCcxtError(error, { symbol: 'X/Y' });
    expect(translated).toBeInstanceOf(expected);
    expect(isTemporary(translated)).toBe(expected === TemporaryError || expected === RateLimited);
  });

  it('turns anything else into a plain AppError that is not retried, keeping the cause', () => {
    const original = new ccxt.ExchangeError('binance {"code":-1111,"msg":"?"}');
    const translated = translateCcxtError(original);
    expect(translated.constructor).toBe(AppError);
    expect(translated.code).toBe('exchange.error');
    expect(translated.cause).toBe(original);
    expect(translated.message).toContain('-1111'); // the technical detail stays for the logs
    expect(isTemporary(translated)).toBe(false);
    expect(translateCcxtError(new TypeError('x')).code).toBe('exchange.error');
    expect(translateCcxtError(new ccxt.AuthenticationError('key')).code).toBe('exchange.auth');
  });

  it('treats any 5xx as temporary, whatever class the body mapped to', () => {
    const error = Object.assign(new ccxt.ExchangeError('binance {"code":-1008}'), { httpStatus: 503 });
    expect(translateCcxtError(error)).toBeInstanceOf(TemporaryError);
  });

  it('names the symbol and carries Retry-After', () => {
    expect(translateCcxtError(new ccxt.BadSymbol('x'), { symbol: 'DOGE/EUR' }).userMessage).toBe('DOGE/EUR is not listed on this exchange.');
    const recorded = Object.assign(new ccxt.RateLimitExceeded('429'), { retryAfterMs: 30_000 });
    expect((translateCcxtError(recorded) as RateLimited).retryAfterMs).toBe(30_000);
    expect((translateCcxtError(new ccxt.DDoSProtection('418')) as RateLimited).retryAfterMs).toBe(DEFAULT_RETRY_AFTER_MS);
  });

  it('passes our own errors through untouched', () => {
    const ours = new UnknownSymbol('A/B');
    expect(translateCcxtError(ours)).toBe(ours);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.UTC(2024, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
