import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import { DEFAULT_RISK_LIMITS as LIMITS } from './limits.js';
import { positionRoom, positionSizeRule } from './position-size.rule.js';
import { buy, facts, holding, NOW, sell } from './test-facts.js';

describe('position_size', () => {
  it('allows a buy that keeps the position within 10 % of the portfolio after the fee', () => {
    // 0.01666 BTC at 60,000 = 999.60; fee 0.9996 → equity 9,999.0004; 10 % of it = 999.90004 ≥ 999.60.
    expect(positionSizeRule(NOW, buy('BTC/USDT', '0.01666', 60_000), facts(), LIMITS).kind).toBe('allow');
  });

  it('blocks a buy one step larger, and one much larger, with the largest amount that passes', () => {
    // 0.01667 BTC = 1,000.20 > 10 % of (10,000 − 1.0002) = 999.89998.
    expect(positionSizeRule(NOW, buy('BTC/USDT', '0.01667', 60_000), facts(), LIMITS).kind).toBe('block');
    const v = positionSizeRule(NOW, buy('BTC/USDT', '0.05', 60_000), facts(), LIMITS);
    // Largest value W: W ≤ (0.1 × 10,000 − 0) / (1 + 0.1 × 0.001) = 999.90001 → 0.0166650 BTC → 0.01666 on the step.
    expect(v).toMatchObject({ kind: 'block', code: 'risk.position_size.too_large', suggestion: { amount: '0.01666', value: '999.6' }, params: { afterPct: 30.01, limitPct: 10 } });
    expect(v.message).toBe('A position may be at most 10% of your portfolio; after this order BTC would be 30% (3,000.00 USDT). The most you can buy is 0.01666 BTC (999.60 USDT).');
  });

  it('counts what is already held and what open orders would add', () => {
    // 600 held: (1,000 − 600) / 1.0001 = 399.96 → 0.006666 → 0.00666 BTC.
    const some = facts({ holdings: [holding('BTC', '0.01', 60_000)] });
    expect(positionSizeRule(NOW, buy('BTC/USDT', '0.01', 60_000), some, LIMITS).suggestion).toEqual({ amount: '0.00666', value: '399.6' });
    // and 300 more in an open buy: (1,000 − 900) / 1.0001 = 99.99 → 0.00166 BTC.
    const pending = facts({ holdings: [holding('BTC', '0.01', 60_000)], openOrders: [{ acquires: 'BTC', value: dec(300) }, { acquires: 'ETH', value: dec(5_000) }] });
    const v = positionSizeRule(NOW, buy('BTC/USDT', '0.01', 60_000), pending, LIMITS);
    expect(v.suggestion).toEqual({ amount: '0.00166', value: '99.6' });
    expect(v.message).toContain('counting your open orders');
  });

  it('says when a position is already at or past its limit', () => {
    const v = positionSizeRule(NOW, buy('BTC/USDT', '0.001', 60_000), facts({ holdings: [holding('BTC', '0.02', 60_000)] }), LIMITS);
    expect(v).toMatchObject({ kind: 'block', code: 'risk.position_size.limit_reached' });
    expect(v.suggestion).toBeUndefined();
    expect(v.message).toBe('BTC is already 12% of your portfolio (the limit per position is 10%): no more can be added.');
  });

  it('judges a sale into another coin as a buy of that coin', () => {
    // Selling 1 ETH for 0.05 BTC (BTC at 60,000) adds 3,000 of BTC to the 600 held.
    const f = facts({ holdings: [holding('ETH', 2, 3_000), holding('BTC', '0.01', 60_000)] });
    const v = positionSizeRule(NOW, sell('ETH/BTC', 1, '0.05', { quoteValue: dec(60_000) }), f, LIMITS);
    // (1,000 − 600) / 1.0001 = 399.96 of BTC, at 3,000 per ETH sold → 0.13332 ETH.
    expect(v).toMatchObject({ kind: 'block', suggestion: { amount: '0.13332', value: '399.96' } });
    expect(v.message).toContain('The most you can sell is 0.13332 ETH (399.96 USDT).');
  });

  it('never blocks a sale into cash, a stop, a take-profit or a cancel', () => {
    const heavy = facts({ holdings: [holding('BTC', '0.1', 60_000)] }); // 60 % in BTC
    expect(positionSizeRule(NOW, sell('BTC/USDT', '0.05', 60_000), heavy, LIMITS).kind).toBe('allow');
    expect(positionSizeRule(NOW, sell('BTC/USDT', '0.1', 55_000, { type: 'stop_loss' }), heavy, LIMITS).kind).toBe('allow');
    expect(positionSizeRule(NOW, sell('BTC/USDT', '0.1', 65_000, { type: 'take_profit' }), heavy, LIMITS).kind).toBe('allow');
    expect(positionSizeRule(NOW, { kind: 'cancel' }, heavy, LIMITS).kind).toBe('allow');
  });

  it('the suggested amount always passes, and one step more never does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 1_000_000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 100_000_00 }),
        fc.constantFrom('0', '0.001', '0.0025'),
        fc.constantFrom('0.00001', '0.001', '1'),
        fc.integer({ min: 1, max: 100 }),
        (equity, heldPermille, priceCents, fee, step, limitPct) => {
          const price = dec(priceCents).div(100);
          const heldValue = dec(equity).mul(heldPermille).div(1000);
          const f = facts({ equity: dec(equity), holdings: [holding('X', heldValue.div(price), price)] });
          const limits = { maxPositionPct: limitPct };
          const order = buy('X/USDT', 1, price, { feeRate: dec(fee), amountStep: dec(step) });
          const room = positionRoom(order, 'X', f, limits);
          if (room.maxAmount.gt(0)) expect(positionSizeRule(NOW, { ...order, amount: room.maxAmount }, f, limits).kind).toBe('allow');
          expect(positionSizeRule(NOW, { ...order, amount: room.maxAmount.plus(step) }, f, limits).kind).toBe('block');
        },
      ),
    );
  });
});
