import { describe, expect, it } from 'vitest';
import { seededRandom } from '../shared/seeded-random.js';
import { alignedReturns, pearson } from './candle-math.js';
import { correlatedHoldings, correlationRule } from './correlation.rule.js';
import { DEFAULT_RISK_LIMITS as LIMITS } from './limits.js';
import { buy, candles, facts, holding, NOW, sell } from './test-facts.js';
import type { Candle } from '../market/types.js';

/** 121 hourly closes from `start`, following the given per-candle returns. */
function path(start: number, returns: readonly number[]): Candle[] {
  const closes = [start];
  for (const r of returns) closes.push(closes[closes.length - 1]! * (1 + r));
  return candles(closes);
}
const random = seededRandom(7);
const noise = (scale: number) => Array.from({ length: 120 }, () => (random() - 0.5) * scale);
const btcReturns = noise(0.02);
const ethReturns = btcReturns.map((r, i) => r * 1.2 + (noise(0.004)[i] ?? 0)); // moves with BTC
const dogeReturns = noise(0.03); // its own way
const market = { BTC: path(60_000, btcReturns), ETH: path(3_000, ethReturns), DOGE: path(0.1, dogeReturns) };

// 10,000 of equity: 1,500 in ETH (15 %), 1,000 in DOGE (10 %).
const base = facts({ candles: market, holdings: [holding('ETH', '0.5', 3_000), holding('DOGE', 10_000, '0.1')] });

describe('pearson and aligned returns', () => {
  it('match hand-computed correlations', () => {
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBeCloseTo(-1, 12);
    // x̄ = 2, ȳ = 2: Σdxdy = 1, Σdx² = 2, Σdy² = 2 → 0.5
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });
  it('pair returns only on the candles both series have', () => {
    const a = [1, 2, 3, 4].map((t) => ({ timestamp: t, open: 1, high: 1, low: 1, close: 10 * t, volume: 1 }));
    const b = [1, 3, 4].map((t) => ({ timestamp: t, open: 1, high: 1, low: 1, close: t, volume: 1 }));
    const [ra, rb] = alignedReturns(a, b, 10);
    expect([...ra]).toEqual([30 / 10 - 1, 40 / 30 - 1]);
    expect([...rb]).toEqual([3 / 1 - 1, 4 / 3 - 1]);
  });
});

describe('correlation', () => {
  it('finds the holdings that move with the asset bought', () => {
    const group = correlatedHoldings('BTC', base, LIMITS);
    expect(group.map((g) => g.asset)).toEqual(['ETH']);
    expect(group[0]!.correlation).toBeGreaterThan(0.95);
  });

  it('allows a buy that keeps the group within 25 % of equity', () => {
    // BTC 600 + ETH 1,500 = 2,100 of 9,999.40 → 21 %.
    expect(correlationRule(NOW, buy('BTC/USDT', '0.01', 60_000), base, LIMITS)).toMatchObject({ kind: 'allow', params: { group: 'BTC,ETH', groupPct: 21 } });
  });

  it('warns when the buy takes the group past 25 % of equity', () => {
    // BTC 1,200 + ETH 1,500 = 2,700 of 9,998.80 → 27 %.
    const v = correlationRule(NOW, buy('BTC/USDT', '0.02', 60_000), base, LIMITS);
    expect(v).toMatchObject({ kind: 'warn', code: 'risk.correlation.group_too_large', params: { group: 'BTC,ETH', groupPct: 27, limitPct: 25 } });
    expect(v.message).toMatch(/^BTC moves with ETH \(0\.9\d\): together they would be 27% of your portfolio \(2,700\.00 USDT; the limit for assets that move together is 25%\)\. A fall in one is likely a fall in all\.$/);
  });

  it('does not group assets that do not move together, however large', () => {
    const heavyDoge = facts({ candles: market, holdings: [holding('DOGE', 50_000, '0.1')] });
    expect(correlationRule(NOW, buy('BTC/USDT', '0.02', 60_000), heavyDoge, LIMITS).code).toBe('risk.correlation.no_correlated_holdings');
  });

  it('says nothing without candles or for exits', () => {
    expect(correlationRule(NOW, buy('SOL/USDT', 10, 150), base, LIMITS).code).toBe('risk.correlation.not_enough_data');
    const short = facts({ candles: { BTC: market.BTC.slice(-15), ETH: market.ETH.slice(-15) }, holdings: [holding('ETH', 5, 3_000)] });
    expect(correlationRule(NOW, buy('BTC/USDT', '0.05', 60_000), short, LIMITS).code).toBe('risk.correlation.no_correlated_holdings');
    expect(correlationRule(NOW, sell('ETH/USDT', '0.5', 3_000), base, LIMITS).kind).toBe('allow');
  });
});
