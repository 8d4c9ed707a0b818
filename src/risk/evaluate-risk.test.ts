import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import { evaluateRisk } from './evaluate-risk.js';
import type { RiskFacts, RiskOrder } from './facts.js';
import { DEFAULT_RISK_LIMITS as LIMITS } from './limits.js';
import { utcDayStart } from './risk-text.js';
import { buy, candles, deepBook, facts, holding, HOUR, NOW, sell } from './test-facts.js';
import { RISK_RULES } from './verdict.js';

describe('evaluateRisk', () => {
  it('runs every rule once, in the fixed order, and allows a plain small buy', () => {
    const r = evaluateRisk(NOW, buy('BTC/USDT', '0.01', 60_000), facts(), LIMITS);
    expect(r.verdicts.map((v) => v.rule)).toEqual([...RISK_RULES]);
    expect(r).toMatchObject({ ok: true, blocked: [], warnings: [], confirmTwice: [], pause: null, exposure: { addsRisk: true, acquires: 'BTC' } });
  });

  it('collects every block, the most basic first', () => {
    const r = evaluateRisk(NOW, buy('BTC/USDT', 1, 60_000), facts({ paused: true }), LIMITS);
    expect(r.ok).toBe(false);
    expect(r.blocked.map((v) => v.code)).toEqual(['risk.paused.account_paused', 'risk.position_size.too_large']);
  });

  it('hands back the pause when the drawdown limit is crossed, blocking new risk', () => {
    const r = evaluateRisk(NOW, buy('BTC/USDT', '0.01', 60_000), facts({ equity: dec(8_000), peakEquity: dec(10_000) }), LIMITS);
    expect(r.ok).toBe(false);
    expect(r.pause).toMatchObject({ kind: 'pause', code: 'risk.max_drawdown.breached' });
    expect(r.blocked[0]).toBe(r.pause);
  });

  it('hands back the pause on an exit too, yet lets the exit through with a warning', () => {
    const r = evaluateRisk(NOW, sell('BTC/USDT', '0.01', 60_000), facts({ equity: dec(8_000), peakEquity: dec(10_000), holdings: [holding('BTC', '0.01', 60_000)] }), LIMITS);
    expect(r.ok).toBe(true);
    expect(r.pause).toMatchObject({ kind: 'warn', code: 'risk.max_drawdown.pausing' });
    expect(r.warnings).toContain(r.pause);
  });

  it('collects warnings and second confirmations without blocking', () => {
    const f = facts({ recentOrders: Array.from({ length: 5 }, (_, i) => ({ at: NOW - i * HOUR, value: dec(10) })), book: deepBook(60_000, 0.005) });
    const r = evaluateRisk(NOW, buy('BTC/USDT', '0.01', 60_000), f, LIMITS);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((v) => v.code)).toEqual(['risk.liquidity.thin_book']);
    expect(r.confirmTwice.map((v) => v.code)).toEqual(['risk.fat_finger.size']);
  });

  it('never blocks an exit, a stop, a take-profit or a cancel, whatever the account’s state', () => {
    const factsArb: fc.Arbitrary<{ f: RiskFacts; held: number; price: number }> = fc
      .record({
        equity: fc.integer({ min: 100, max: 1_000_000 }),
        held: fc.integer({ min: 1, max: 200_000 }).map((n) => n / 1000),
        price: fc.integer({ min: 1_000, max: 100_000 }),
        peakUp: fc.integer({ min: 0, max: 100 }),
        dayMove: fc.integer({ min: -50, max: 50 }),
        paused: fc.boolean(),
        bookAmount: fc.constantFrom(0.001, 0.1, 10),
        stops: fc.array(fc.integer({ min: 0, max: 48 }), { maxLength: 6 }),
        open: fc.integer({ min: 0, max: 40 }),
        recent: fc.array(fc.integer({ min: 1, max: 1_000 }), { maxLength: 25 }),
        spike: fc.integer({ min: 1, max: 80 }),
      })
      .map((a) => ({
        held: a.held,
        price: a.price,
        f: facts({
          equity: dec(a.equity),
          holdings: [holding('BTC', a.held, a.price), holding('ETH', 10, 3_000)],
          peakEquity: dec(a.equity).mul(100 + a.peakUp).div(100),
          day: { start: utcDayStart(NOW), equity: dec(a.equity).mul(100 + a.dayMove).div(100) },
          paused: a.paused,
          book: deepBook(a.price, a.bookAmount, 5),
          stopLosses: a.stops.map((h) => ({ at: NOW - h * HOUR })),
          openOrders: Array.from({ length: a.open }, () => ({ acquires: 'BTC', value: dec(1_000) })),
          recentOrders: a.recent.map((v, i) => ({ at: NOW - i * HOUR, value: dec(v) })),
          candles: { BTC: candles(Array<number>(140).fill(a.price), Array.from({ length: 140 }, (_, i) => (i === 139 ? a.spike : 1))), ETH: candles(Array<number>(140).fill(3_000)) },
        }),
      }));
    const exitArb = (held: number, price: number): fc.Arbitrary<RiskOrder> =>
      fc.oneof(
        fc.constant<RiskOrder>({ kind: 'cancel' }),
        fc.record({ share: fc.integer({ min: 1, max: 1000 }), type: fc.constantFrom('market' as const, 'limit' as const, 'stop_loss' as const, 'take_profit' as const), at: fc.integer({ min: 5, max: 300 }) }).map(({ share, type, at }) => {
          const amount = dec(held).mul(share).div(1000).toDecimalPlaces(5, 1);
          const p = dec(price).mul(at).div(100);
          return sell('BTC/USDT', amount.gt(0) ? amount : '0.00001', type === 'market' ? price : p, { type, marketPrice: dec(price), ...(type === 'limit' ? { limitPrice: p } : {}) });
        }),
      );
    fc.assert(
      fc.property(
        factsArb.chain(({ f, held, price }) => fc.tuple(fc.constant(f), exitArb(held, price))),
        ([f, order]) => {
          const r = evaluateRisk(NOW, order, f, LIMITS);
          expect(r.exposure.addsRisk).toBe(false);
          expect(r.blocked).toEqual([]);
          expect(r.ok).toBe(true);
          if (order.kind === 'trade' && order.type !== 'limit' && order.type !== 'market') expect(r.confirmTwice).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
