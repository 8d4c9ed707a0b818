import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import { DEFAULT_RISK_LIMITS as LIMITS } from './limits.js';
import { positionSizeRule } from './position-size.rule.js';
import { orderRisk, sizeByRisk, type SizingRequest } from './position-sizing.js';
import { buy, facts, holding, NOW } from './test-facts.js';

const btc = (stop: number, over: Partial<SizingRequest> = {}): SizingRequest => ({
  riskPct: 1,
  base: 'BTC',
  quote: 'USDT',
  entry: dec(60_000),
  stop: dec(stop),
  feeRate: dec('0.001'),
  amountStep: dec('0.00001'),
  quoteValue: dec(1),
  ...over,
});

describe('orderRisk', () => {
  it('is amount × (entry − stop) plus the fee on both sides', () => {
    // 0.5 × (3,000 − 2,700) = 150; fees 0.5 × (3,000 + 2,700) × 0.001 = 2.85 → 152.85, 1.5285 % of 10,000.
    const r = orderRisk({ amount: dec('0.5'), entry: dec(3_000), stop: dec(2_700), feeRate: dec('0.001'), quoteValue: dec(1) }, dec(10_000));
    expect(r.quote.toFixed()).toBe('152.85');
    expect(r.value.toFixed()).toBe('152.85');
    expect(r.pctOfEquity).toBeCloseTo(1.5285, 12);
  });
  it('values a risk in another quote in the reference currency', () => {
    // ETH/BTC from 0.05 to 0.045: 0.005 + 0.001 × 0.095 = 0.005095 BTC a unit, at 60,000 USDT per BTC = 305.70 USDT.
    const r = orderRisk({ amount: dec(1), entry: dec('0.05'), stop: dec('0.045'), feeRate: dec('0.001'), quoteValue: dec(60_000) }, dec(10_000));
    expect(r.quote.toFixed()).toBe('0.005095');
    expect(r.value.toFixed()).toBe('305.7');
  });
});

describe('sizeByRisk', () => {
  it('“risk 1 % on BTC with a stop at 50k”: the size whose loss at the stop, fees included, is 1 %', () => {
    // A unit loses 10,000 + 0.001 × 110,000 = 10,110; 100 / 10,110 = 0.0098912 → 0.00989 BTC (593.40, under the 10 % limit).
    const r = sizeByRisk(btc(50_000), facts(), LIMITS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.amount.toFixed()).toBe('0.00989');
    expect(r.cappedBy).toBe('risk');
    expect(r.risk.value.toFixed()).toBe('99.9879'); // 0.00989 × 10,110
    expect(r.message).toBe('0.00989 BTC (593.40 USDT) loses 99.99 USDT at the stop, fees included: 1% of your portfolio.');
  });

  it('“risk 1 % on BTC with a stop at 58k”: capped by the position limit', () => {
    // A unit loses 2,000 + 0.001 × 118,000 = 2,118; 100 / 2,118 = 0.0472143 → 0.04721 BTC = 2,832.60, 28 % of the portfolio.
    // The 10 % limit allows (1,000 − 0) / 1.0001 = 999.90 → 0.01666 BTC, which risks 0.01666 × 2,118 = 35.28588.
    const r = sizeByRisk(btc(58_000), facts(), LIMITS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.riskAmount.toFixed()).toBe('0.04721');
    expect(r.amount.toFixed()).toBe('0.01666');
    expect(r.cappedBy).toBe('position_size');
    expect(r.risk.value.toFixed()).toBe('35.28588');
    expect(r.message).toBe(
      '0.01666 BTC (999.60 USDT) loses 35.29 USDT at the stop, fees included: 0.35% of your portfolio. Risking the full 1% would take 0.04721 BTC, above the 10% position limit.',
    );
    // Without the cap: 0.04721 × 2,118 = 99.99078 ≤ 100.
    const loose = sizeByRisk(btc(58_000), facts(), { maxPositionPct: 100 });
    expect(loose.ok && loose.amount.toFixed()).toBe('0.04721');
    expect(loose.ok && loose.risk.value.toFixed()).toBe('99.99078');
  });

  it('refuses a stop at or above the entry, a risk out of range, and no portfolio', () => {
    expect(sizeByRisk(btc(60_000), facts(), LIMITS)).toMatchObject({ ok: false, code: 'risk.sizing.stop_not_below_entry' });
    expect(sizeByRisk(btc(50_000, { riskPct: 0 }), facts(), LIMITS)).toMatchObject({ ok: false, code: 'risk.sizing.bad_risk' });
    expect(sizeByRisk(btc(50_000, { riskPct: 101 }), facts(), LIMITS)).toMatchObject({ ok: false, code: 'risk.sizing.bad_risk' });
    expect(sizeByRisk(btc(50_000), facts({ equity: dec(0) }), LIMITS)).toMatchObject({ ok: false, code: 'risk.sizing.no_equity' });
  });

  it('says when the size rounds to nothing, falls below the minimum, or the position is full', () => {
    // 0.01 % of 100 = 0.01 USDT of risk: 0.01 / 2,118 = 0.0000047 BTC, under one step.
    expect(sizeByRisk(btc(58_000, { riskPct: 0.01 }), facts({ equity: dec(100) }), LIMITS)).toMatchObject({ ok: false, code: 'risk.sizing.below_step' });
    expect(sizeByRisk(btc(50_000, { minAmount: dec('0.01') }), facts(), LIMITS)).toMatchObject({ ok: false, code: 'risk.sizing.below_minimum' });
    expect(sizeByRisk(btc(50_000), facts({ holdings: [holding('BTC', '0.02', 60_000)] }), LIMITS)).toMatchObject({ ok: false, code: 'risk.sizing.position_full' });
  });

  it('never risks more than asked, one step more would, and the size always passes the position rule', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 1_000_000 }),
        fc.integer({ min: 1, max: 500 }).map((n) => n / 100),
        fc.integer({ min: 100, max: 100_000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom('0', '0.001', '0.002'),
        fc.integer({ min: 5, max: 100 }),
        (equity, riskPct, entry, stopBps, fee, maxPositionPct) => {
          const request = btc(0, { riskPct, entry: dec(entry), stop: dec(entry).mul(10_000 - stopBps * 10).div(10_000), feeRate: dec(fee) });
          const f = facts({ equity: dec(equity) });
          const r = sizeByRisk(request, f, { maxPositionPct });
          if (!r.ok) return;
          const budget = dec(equity).mul(riskPct).div(100);
          expect(r.risk.value.lte(budget)).toBe(true);
          const more = orderRisk({ amount: r.riskAmount.plus(request.amountStep), entry: request.entry, stop: request.stop, feeRate: request.feeRate, quoteValue: dec(1) }, f.equity);
          expect(more.value.gt(budget)).toBe(true);
          expect(positionSizeRule(NOW, buy('BTC/USDT', r.amount, request.entry, { feeRate: request.feeRate }), f, { maxPositionPct }).kind).toBe('allow');
        },
      ),
    );
  });
});
