import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import { applyTrade } from './position-accounting.js';
import type { Position } from './types.js';

const find = (positions: Position[], asset: string) => positions.find((p) => p.asset === asset)!;

describe('applyTrade', () => {
  it('averages entries with fees in the cost basis', () => {
    let p = applyTrade([], { base: 'BTC', quote: 'USDT', side: 'buy', amount: dec('0.01'), cost: dec('500.5'), fee: dec(0), feeCurrency: 'USDT', quoteUsdt: dec(1) });
    p = applyTrade(p, { base: 'BTC', quote: 'USDT', side: 'buy', amount: dec('0.01'), cost: dec('600.6'), fee: dec(0), feeCurrency: 'USDT', quoteUsdt: dec(1) });
    const btc = find(p, 'BTC');
    expect(btc.amount.toFixed()).toBe('0.02');
    expect(btc.avgEntryUsdt.toFixed()).toBe('55055');
    expect(p.some((x) => x.asset === 'USDT')).toBe(false);
  });

  it('realizes profit net of fees on a sale, keeping the average', () => {
    let p = applyTrade([], { base: 'ETH', quote: 'USDT', side: 'buy', amount: dec(2), cost: dec(6000), fee: dec(0), feeCurrency: 'USDT', quoteUsdt: dec(1) });
    p = applyTrade(p, { base: 'ETH', quote: 'USDT', side: 'sell', amount: dec(1), cost: dec('3496.5'), fee: dec(0), feeCurrency: 'USDT', quoteUsdt: dec(1) });
    const eth = find(p, 'ETH');
    expect(eth.amount.toFixed()).toBe('1');
    expect(eth.avgEntryUsdt.toFixed()).toBe('3000');
    expect(eth.realizedPnlUsdt.toFixed()).toBe('496.5');
  });

  it('closing a position keeps its realized P&L', () => {
    let p = applyTrade([], { base: 'SOL', quote: 'USDT', side: 'buy', amount: dec(10), cost: dec(1000), fee: dec(0), feeCurrency: 'USDT', quoteUsdt: dec(1) });
    p = applyTrade(p, { base: 'SOL', quote: 'USDT', side: 'sell', amount: dec(10), cost: dec(900), fee: dec(0), feeCurrency: 'USDT', quoteUsdt: dec(1) });
    const sol = find(p, 'SOL');
    expect(sol.amount.isZero()).toBe(true);
    expect(sol.realizedPnlUsdt.toFixed()).toBe('-100');
  });

  it('books a cross-pair trade on both legs at one USDT value', () => {
    let p = applyTrade([], { base: 'BTC', quote: 'USDT', side: 'buy', amount: dec('0.1'), cost: dec(5000), fee: dec(0), feeCurrency: 'USDT', quoteUsdt: dec(1) });
    // Spend 0.05 BTC (now worth 60,000 USDT each) on 1 ETH.
    p = applyTrade(p, { base: 'ETH', quote: 'BTC', side: 'buy', amount: dec(1), cost: dec('0.05'), fee: dec(0), feeCurrency: 'BTC', quoteUsdt: dec(60000) });
    expect(find(p, 'ETH').avgEntryUsdt.toFixed()).toBe('3000');
    expect(find(p, 'BTC').amount.toFixed()).toBe('0.05');
    expect(find(p, 'BTC').realizedPnlUsdt.toFixed()).toBe('500');
  });

  it('books coins it never saw bought at the sale price (no invented profit)', () => {
    const p = applyTrade([], { base: 'ADA', quote: 'USDT', side: 'sell', amount: dec(100), cost: dec(45), fee: dec(0), feeCurrency: 'USDT', quoteUsdt: dec(1) });
    expect(find(p, 'ADA').realizedPnlUsdt.toFixed()).toBe('0');
    expect(find(p, 'ADA').amount.toFixed()).toBe('0');
  });

  it('takes a fee paid in the base asset out of what was bought (Binance without BNB)', () => {
    const p = applyTrade([], { base: 'BTC', quote: 'USDT', side: 'buy', amount: dec('0.01'), cost: dec(500), fee: dec('0.00001'), feeCurrency: 'BTC', quoteUsdt: dec(1) });
    expect(find(p, 'BTC').amount.toFixed()).toBe('0.00999');
    expect(find(p, 'BTC').avgEntryUsdt.mul(find(p, 'BTC').amount).toFixed()).toBe('500');
  });

  it('books a fee paid in a third asset as a loss of that asset’s cost', () => {
    let p = applyTrade([], { base: 'BNB', quote: 'USDT', side: 'buy', amount: dec(1), cost: dec(600), fee: dec(0), feeCurrency: 'USDT', quoteUsdt: dec(1) });
    p = applyTrade(p, { base: 'BTC', quote: 'USDT', side: 'buy', amount: dec('0.01'), cost: dec(500), fee: dec('0.001'), feeCurrency: 'BNB', quoteUsdt: dec(1) });
    expect(find(p, 'BNB').amount.toFixed()).toBe('0.999');
    expect(find(p, 'BNB').realizedPnlUsdt.toFixed()).toBe('-0.6');
  });
});
