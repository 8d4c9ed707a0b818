import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import type { OrderPlan, TrackedOrder } from '../trading/types.js';
import { openOrderFacts, recentOrderFacts, riskTradeFromPlan, stopLossFacts } from './trading-facts.js';

const order = (over: Partial<TrackedOrder>): TrackedOrder => ({
  id: 1,
  clientOrderId: 'c1',
  exchangeOrderId: null,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  status: 'open',
  amount: '0.1',
  price: '50000',
  triggerPrice: null,
  triggerNative: false,
  filled: '0',
  average: null,
  cost: '0',
  fee: '0',
  feeCurrency: null,
  error: null,
  userId: 7,
  accountId: 3,
  updatedAt: new Date(1_000),
  ...over,
});
const usdt = (quote: string) => (quote === 'USDT' ? dec(1) : quote === 'BTC' ? dec(60_000) : null);

describe('trading facts', () => {
  it('turns a plan into the order the rules judge', () => {
    const plan = { symbol: 'ETH/BTC', base: 'ETH', quote: 'BTC', side: 'buy', type: 'limit', amount: '2', limitPrice: '0.05', estAveragePrice: '0.05', midPrice: '0.051', feeRate: '0.001' } as OrderPlan;
    const t = riskTradeFromPlan(plan, { amountStep: dec('0.001') }, dec(60_000));
    expect(t).toMatchObject({ kind: 'trade', base: 'ETH', quote: 'BTC', side: 'buy', type: 'limit' });
    expect([t.amount, t.price, t.limitPrice, t.marketPrice, t.feeRate, t.quoteValue].map((d) => d!.toFixed())).toEqual(['2', '0.05', '0.05', '0.051', '0.001', '60000']);
  });

  it('values what open orders would still acquire, and ignores finished ones', () => {
    const facts = openOrderFacts(
      [
        order({ amount: '0.1', filled: '0.04', price: '50000' }), // 0.06 × 50,000 = 3,000 of BTC
        order({ symbol: 'ETH/BTC', side: 'sell', amount: '2', price: '0.05', status: 'partially_filled', filled: '1' }), // 1 × 0.05 BTC × 60,000 = 3,000 of BTC
        order({ status: 'filled', filled: '0.1' }),
        order({ type: 'stop_loss', side: 'sell', price: null, triggerPrice: '45000' }), // acquires USDT
      ],
      usdt,
    );
    expect(facts.map((f) => [f.acquires, f.value.toFixed()])).toEqual([
      ['BTC', '3000'],
      ['BTC', '3000'],
      ['USDT', '4500'],
    ]);
  });

  it('lists recent orders by the value they moved, and filled stop-losses by when', () => {
    const orders = [
      order({ status: 'filled', filled: '0.1', cost: '5000', updatedAt: new Date(5_000) }),
      order({ status: 'cancelled' }),
      order({ type: 'stop_loss', side: 'sell', status: 'filled', filled: '0.1', cost: '4500', updatedAt: new Date(9_000) }),
    ];
    expect(recentOrderFacts(orders, usdt).map((o) => [o.at, o.value.toFixed()])).toEqual([[5_000, '5000']]);
    expect(stopLossFacts(orders)).toEqual([{ at: 9_000 }]);
    expect(stopLossFacts(orders, () => dec(-12))[0]!.pnl!.toFixed()).toBe('-12');
  });
});
