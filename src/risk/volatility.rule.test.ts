import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS as LIMITS } from './limits.js';
import { candles, buy, facts, holding, NOW, sell } from './test-facts.js';
import { volatilityOf, volatilityRule } from './volatility.rule.js';

// Closes flat at 100 with each candle's range r % of it: the true range is r, so ATR% is exact.
const flat = (n: number, last?: number) => candles(Array<number>(n).fill(100), Array.from({ length: n }, (_, i) => (i === n - 1 && last !== undefined ? last : 1)));
const order = buy('BTC/USDT', '0.01', 100);

describe('volatility', () => {
  it('allows an asset as volatile as usual', () => {
    const v = volatilityRule(NOW, order, facts({ candles: { BTC: flat(140) } }), LIMITS);
    expect(v).toMatchObject({ kind: 'allow', params: { atrPct: 1, normPct: 1 } });
  });

  it('allows a rise under twice the norm', () => {
    // ATR(14) after a 10 % candle: (13 × 1 + 10) / 14 = 1.64 %.
    expect(volatilityOf(flat(140, 10), LIMITS)!.atrPct).toBeCloseTo(23 / 14, 12);
    expect(volatilityRule(NOW, order, facts({ candles: { BTC: flat(140, 10) } }), LIMITS).kind).toBe('allow');
  });

  it('warns when ATR% is above twice its median over the last 100 candles', () => {
    // After a 40 % candle: (13 × 1 + 40) / 14 = 3.7857 % against a median of 1 %.
    const v = volatilityRule(NOW, order, facts({ candles: { BTC: flat(140, 40) } }), LIMITS);
    expect(v).toMatchObject({ kind: 'warn', code: 'risk.volatility.unusually_high', params: { atrPct: 3.79, normPct: 1, ratio: 3.79, periods: 100 } });
    expect(v.message).toBe(
      'BTC is unusually volatile: its ATR(14) is 3.79% of the price, 3.8× its median of 1% over the last 100 candles. Prices may swing more than usual: consider a smaller size or a wider stop.',
    );
  });

  it('says nothing without enough candles (period + 1 + 20)', () => {
    expect(volatilityRule(NOW, order, facts({ candles: { BTC: flat(34, 40) } }), LIMITS).code).toBe('risk.volatility.not_enough_data');
    expect(volatilityRule(NOW, order, facts({ candles: { BTC: flat(35, 40) } }), LIMITS).kind).toBe('warn');
    expect(volatilityRule(NOW, order, facts(), LIMITS).code).toBe('risk.volatility.not_enough_data');
  });

  it('does not warn on exits', () => {
    const f = facts({ candles: { BTC: flat(140, 40) }, holdings: [holding('BTC', 1, 100)] });
    expect(volatilityRule(NOW, sell('BTC/USDT', 1, 100), f, LIMITS).kind).toBe('allow');
  });
});
