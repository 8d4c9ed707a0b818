import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import type { OrderBook } from '../market/types.js';
import { DEFAULT_RISK_LIMITS as LIMITS } from './limits.js';
import { liquidityRule } from './liquidity.rule.js';
import { buy, facts, holding, NOW, sell } from './test-facts.js';

// Mid 60,000. Within 1 % (59,400 – 60,600): 1 + 1 + 2 + 4 = 8 BTC a side; the last level is outside.
const book: OrderBook = {
  symbol: 'BTC/USDT',
  asks: [[60_010, 1], [60_100, 1], [60_300, 2], [60_500, 4], [61_000, 10]],
  bids: [[59_990, 1], [59_900, 1], [59_700, 2], [59_500, 4], [59_000, 10]],
  timestamp: NOW,
};
const withBook = facts({ book, holdings: [holding('BTC', 10, 60_000)] });

describe('liquidity', () => {
  it('allows an order within 10 % of the depth near the mid', () => {
    expect(liquidityRule(NOW, buy('BTC/USDT', '0.8', 60_000), withBook, LIMITS).kind).toBe('allow');
  });

  it('warns above 10 %, with the slippage of walking the book', () => {
    // 2 BTC: 1 at 60,010 + 1 at 60,100 = 120,110 → 60,055 on average, 0.0917 % above the mid.
    const v = liquidityRule(NOW, buy('BTC/USDT', 2, 60_000), withBook, LIMITS);
    expect(v).toMatchObject({ kind: 'warn', code: 'risk.liquidity.thin_book', params: { sharePct: 25, depth: '8', slippagePct: 0.09 } });
    expect(v.message).toBe('This order is 25% of the BTC/USDT asks within 1% of the mid (8 BTC). Walking the book it would fill around 60,055.00 on average, 0.09% from the mid.');
  });

  it('blocks above 50 %, with the largest amount that passes', () => {
    // 5 BTC: 60,010 + 60,100 + 2 × 60,300 + 60,500 = 301,210 → 60,242 on average, 0.40 % from the mid.
    const v = liquidityRule(NOW, buy('BTC/USDT', 5, 60_000), withBook, LIMITS);
    expect(v).toMatchObject({ kind: 'block', code: 'risk.liquidity.too_thin', params: { sharePct: 62.5, slippagePct: 0.4 }, suggestion: { amount: '4', value: '240000' } });
    expect(v.message).toBe(
      'This order is 63% of the BTC/USDT asks within 1% of the mid (8 BTC). Walking the book it would fill around 60,242.00 on average, 0.4% from the mid. The most that passes is 4 BTC (240,000.00 USDT).',
    );
  });

  it('only warns on a sale of what is held, however thin the book', () => {
    const v = liquidityRule(NOW, sell('BTC/USDT', 6, 60_000), withBook, LIMITS);
    expect(v).toMatchObject({ kind: 'warn', params: { sharePct: 75 } });
    expect(v.message).toContain('bids');
  });

  it('judges a limit order only when the book already crosses it', () => {
    expect(liquidityRule(NOW, buy('BTC/USDT', 5, 59_000, { type: 'limit', limitPrice: dec(59_000) }), withBook, LIMITS).code).toBe('risk.liquidity.resting');
    expect(liquidityRule(NOW, buy('BTC/USDT', 5, 60_242, { type: 'limit', limitPrice: dec(60_600) }), withBook, LIMITS).kind).toBe('block');
  });

  it('blocks a buy when nothing is offered near the mid, without a way out', () => {
    const far: OrderBook = { ...book, asks: [[62_000, 10]] };
    const v = liquidityRule(NOW, buy('BTC/USDT', 11, 60_000), facts({ book: far }), LIMITS);
    expect(v).toMatchObject({ kind: 'block', params: { sharePct: 'infinite', slippagePct: 'unknown' } });
    expect(v.suggestion).toBeUndefined();
    expect(v.message).toBe('This order is more than the BTC/USDT asks within 1% of the mid (0 BTC). The whole visible book could not fill it. Nothing passes until the book refills.');
  });

  it('does not judge stops, take-profits, cancels, or an order without a book', () => {
    expect(liquidityRule(NOW, sell('BTC/USDT', 10, 55_000, { type: 'stop_loss' }), withBook, LIMITS).kind).toBe('allow');
    expect(liquidityRule(NOW, { kind: 'cancel' }, withBook, LIMITS).kind).toBe('allow');
    expect(liquidityRule(NOW, buy('BTC/USDT', 5, 60_000), facts({ book: null }), LIMITS).code).toBe('risk.liquidity.no_book');
  });
});
