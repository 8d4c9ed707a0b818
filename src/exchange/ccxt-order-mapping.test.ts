import type { Balances as CcxtBalances, Order as CcxtOrder } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { Decimal, dec } from '../shared/decimal.js';
import { InvalidOrder } from '../shared/errors.js';
import { EXCHANGE_PROFILES } from './ccxt-exchange-profiles.js';
import { decOf, toBalances, toCcxtOrderCall, toExchangeOrder } from './ccxt-order-mapping.js';

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
const request = { clientOrderId: 'Abc123', symbol: 'BTC/USDT', side: 'buy' as const, amount: dec('0.01') };

describe('toCcxtOrderCall', () => {
  it('puts the client id in the exchange own field and native stops in ccxt unified params', () => {
    expect(toCcxtOrderCall({ ...request, type: 'market' }, market, EXCHANGE_PROFILES.binance)).toEqual({ type: 'market', side: 'buy', amount: 0.01, params: { clientOrderId: 'Abc123' } });
    expect(toCcxtOrderCall({ ...request, type: 'market' }, market, EXCHANGE_PROFILES.coinbase).params).toEqual({ client_order_id: 'Abc123' });
    const stop = toCcxtOrderCall({ ...request, side: 'sell', type: 'stop_loss', triggerPrice: dec('58000.004') }, market, EXCHANGE_PROFILES.binance);
    expect(stop).toMatchObject({ type: 'market', params: { stopLossPrice: 58000 } });
    expect(toCcxtOrderCall({ ...request, type: 'take_profit', triggerPrice: dec('62000') }, market, EXCHANGE_PROFILES.kraken).params).toMatchObject({ takeProfitPrice: 62000 });
  });

  it('rounds a limit price to the nearest tick but never changes the amount', () => {
    expect(toCcxtOrderCall({ ...request, type: 'limit', price: dec('59000.126') }, market, EXCHANGE_PROFILES.binance).price).toBe(59000.13);
    expect(() => toCcxtOrderCall({ ...request, type: 'market', amount: dec('0.012345') }, market, EXCHANGE_PROFILES.binance)).toThrow(InvalidOrder);
    expect(() => toCcxtOrderCall({ ...request, type: 'limit' }, market, EXCHANGE_PROFILES.binance)).toThrow(/needs a positive limit price/);
    expect(() => toCcxtOrderCall({ ...request, type: 'market', clientOrderId: 'way-too-long-for-kraken-free-text' }, market, EXCHANGE_PROFILES.kraken)).toThrow(/not accepted by Kraken/);
    expect(() => toCcxtOrderCall({ ...request, type: 'market' }, { ...market, active: false }, EXCHANGE_PROFILES.binance)).toThrow(/paused/);
  });
});

describe('toExchangeOrder', () => {
  it('reads Binance decimal strings, and the original client id of a canceled order', () => {
    const raw = {
      id: '42',
      clientOrderId: 'cancel-request-id',
      status: 'canceled',
      side: 'buy',
      type: 'limit',
      amount: 0.3,
      filled: 0.1,
      cost: 0.30000000000000004,
      timestamp: 1,
      info: { origClientOrderId: 'mine', type: 'LIMIT', origQty: '0.30000000', executedQty: '0.10000000', cummulativeQuoteQty: '0.30000000', price: '3.00000000', stopPrice: '0.00000000' },
    } as unknown as CcxtOrder;
    const { order, feeKnown } = toExchangeOrder(raw, { market, now: 0 });
    expect([order.clientOrderId, order.cost.toFixed(), order.average?.toFixed(), order.price?.toFixed(), order.triggerPrice]).toEqual(['mine', '0.3', '3', '3', null]);
    expect(feeKnown).toBe(false);
  });

  it('maps balances without float noise and skips empty assets', () => {
    const raw = { info: {}, total: { BTC: 0.1, ETH: 0 }, BTC: { free: 0.07, used: 0.03, total: 0.1 }, ETH: { free: 0, used: 0, total: 0 } } as unknown as CcxtBalances;
    const balances = toBalances(raw);
    expect([...balances.keys()]).toEqual(['BTC']);
    expect(balances.get('BTC')!.free.plus(balances.get('BTC')!.used).toFixed()).toBe('0.1');
    expect(decOf(1e-7)?.toFixed()).toBe('0.0000001');
    expect(decOf('abc')).toBeUndefined();
  });
});
