import { describe, expect, it } from 'vitest';
import { exposureOf } from './exposure.js';
import { buy, facts, holding, sell } from './test-facts.js';

describe('exposureOf: what adds risk', () => {
  const held = facts({ holdings: [holding('BTC', '0.5', 60_000), holding('ETH', 2, 3_000)] });

  it('a buy adds risk in the coin it buys, with USDT or with another coin', () => {
    expect(exposureOf(buy('BTC/USDT', '0.1', 60_000), held)).toMatchObject({ addsRisk: true, reason: 'buy', acquires: 'BTC' });
    expect(exposureOf(buy('ETH/BTC', 1, '0.05', { quoteValue: held.holdings[0]!.price }), held)).toMatchObject({ addsRisk: true, reason: 'buy', acquires: 'ETH' });
  });

  it('a sale of what is held, into cash, is an exit — all of it, or part of it', () => {
    expect(exposureOf(sell('BTC/USDT', '0.5', 60_000), held)).toMatchObject({ addsRisk: false, reason: 'exit', acquires: null });
    expect(exposureOf(sell('BTC/USDT', '0.1', 60_000, { type: 'limit', limitPrice: held.holdings[0]!.price }), held)).toMatchObject({ addsRisk: false, reason: 'exit' });
    expect(exposureOf(sell('BTC/USDC', '0.1', 60_000), held)).toMatchObject({ addsRisk: false, reason: 'exit' });
  });

  it('selling more than is held is a short: it adds risk', () => {
    expect(exposureOf(sell('BTC/USDT', '0.50001', 60_000), held)).toMatchObject({ addsRisk: true, reason: 'sell_more_than_held' });
    expect(exposureOf(sell('SOL/USDT', 1, 150), held)).toMatchObject({ addsRisk: true, reason: 'sell_more_than_held' });
  });

  it('a sale into another coin buys that coin: it adds risk in the quote', () => {
    expect(exposureOf(sell('ETH/BTC', 1, '0.05'), held)).toMatchObject({ addsRisk: true, reason: 'sell_into_coin', acquires: 'BTC' });
  });

  it('stops and take-profits never add risk, whatever they sell into', () => {
    expect(exposureOf(sell('BTC/USDT', '0.5', 58_000, { type: 'stop_loss' }), held)).toMatchObject({ addsRisk: false, reason: 'protective' });
    expect(exposureOf(sell('BTC/USDT', '0.5', 70_000, { type: 'take_profit' }), held)).toMatchObject({ addsRisk: false, reason: 'protective' });
    expect(exposureOf(sell('ETH/BTC', 2, '0.04', { type: 'stop_loss' }), held)).toMatchObject({ addsRisk: false, reason: 'protective' });
  });

  it('a cancel never adds risk; buying a stablecoin is cash', () => {
    expect(exposureOf({ kind: 'cancel' }, held)).toMatchObject({ addsRisk: false, reason: 'cancel' });
    expect(exposureOf(buy('USDC/USDT', 100, 1), held)).toMatchObject({ addsRisk: false, reason: 'into_cash' });
  });

  it('values the order in the reference currency: amount × price × quote value', () => {
    expect(exposureOf(buy('ETH/BTC', 2, '0.05', { quoteValue: held.holdings[0]!.price }), held).value.toFixed()).toBe('6000');
  });
});
