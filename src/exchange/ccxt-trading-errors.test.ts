import { DDoSProtection, ExchangeError, InvalidOrder as CcxtInvalidOrder, NetworkError, OrderImmediatelyFillable } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../shared/decimal.js';
import { InsufficientFunds, InvalidOrder, NotFound, RateLimited, TemporaryError } from '../shared/errors.js';
import { DuplicateClientOrderId, ExchangeRuleBroken, scrubText, translateTradingError, type TradingErrorContext } from './ccxt-trading-errors.js';

const market = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  amountStep: new Decimal('0.00001'),
  priceTick: new Decimal('0.01'),
  minAmount: new Decimal('0.00001'),
  minCost: new Decimal('5'),
  active: true,
};
const ordering: TradingErrorContext = { operation: 'createOrder', market, symbol: 'BTC/USDT', side: 'buy' };
const translate = (error: unknown, context = ordering) => translateTradingError(error, context, ['super-secret-value']);

describe('translateTradingError', () => {
  it('reads Binance codes whichever class ccxt chose (it depends on the host the client talks to)', () => {
    const lot = translate(new CcxtInvalidOrder('binance order amount should be evenly divisible by lot size {"code":-1013,"msg":"Filter failure: LOT_SIZE"}'));
    expect(lot).toBeInstanceOf(ExchangeRuleBroken);
    expect(lot.userMessage).toBe('BTC/USDT trades in steps of 0.00001 BTC, from 0.00001 BTC.');
    const notional = translate(new ExchangeError('binance {"code":-1013,"msg":"Filter failure: NOTIONAL"}'));
    expect(notional.userMessage).toBe('The minimum order on BTC/USDT is 5 USDT.');
    expect(translate(new CcxtInvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}'))).toBeInstanceOf(DuplicateClientOrderId);
    expect(translate(new ExchangeError('binance {"code":-2011,"msg":"Unknown order sent."}'), { operation: 'cancelOrder' })).toBeInstanceOf(NotFound);
  });

  it('reads messages ccxt quotes without their code', () => {
    const funds = translate(new ExchangeError('binance Account has insufficient balance for requested action.'));
    expect(funds).toBeInstanceOf(InsufficientFunds);
    expect(funds.userMessage).toMatch(/not enough free USDT/);
    const trigger = translate(new OrderImmediatelyFillable('binance Stop price would trigger immediately.'));
    expect(trigger).toBeInstanceOf(InvalidOrder);
    expect(trigger.userMessage).toMatch(/trigger price has already been reached/);
  });

  it('leaves rate limits and the network to the general translation', () => {
    expect(translate(new DDoSProtection('binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}'))).toBeInstanceOf(RateLimited);
    expect(translate(new NetworkError('binance GET http://h/api/v3/order?symbol=BTCUSDT&signature=abc123 fetch failed'))).toBeInstanceOf(TemporaryError);
    expect(translate(new ExchangeError('kraken {"error":["EGeneral:Invalid arguments"]}'))).not.toBeInstanceOf(ExchangeRuleBroken);
  });

  it('scrubs signatures and credentials from the error and its message', () => {
    const error = new NetworkError('binance GET http://h/api/v3/account?timestamp=1&signature=0a1b2c3d4e5f fetch failed for super-secret-value');
    const translated = translate(error);
    for (const text of [translated.message, error.message, error.stack ?? '']) {
      expect(text).not.toMatch(/0a1b2c3d4e5f|super-secret-value/);
    }
    expect(scrubText('a?apiKey=XYZ&sign=QQ&x=1', [])).toBe('a?apiKey=[redacted]&sign=[redacted]&x=1');
  });
});
