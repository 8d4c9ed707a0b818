import { describe, expect, it } from 'vitest';
import { createStrategy, emaCross, holdBetween, rsiReversion, STRATEGIES, StrategyParamError, UnknownStrategy, type StrategyCandles } from './index.js';

function candles(closes: number[]): StrategyCandles {
  const close = Float64Array.from(closes);
  return { length: close.length, timestamp: close.map((_, i) => i * 3_600_000), open: close, high: close, low: close, close, volume: close.map(() => 1) };
}

describe('holdBetween', () => {
  it('is long from an entry to the next exit, and an exit wins a tie', () => {
    expect([...holdBetween([0, 1, 0, 0, 1, 1, 0], [0, 0, 0, 1, 0, 1, 0])]).toEqual([0, 1, 1, 0, 1, 0, 0]);
  });
});

describe('ema-cross', () => {
  it('goes long on the cross up and flat on the cross down (EMA(2) and EMA(3) worked by hand)', () => {
    // EMA(2) k=2/3 seeded at i=1 with 10; EMA(3) k=1/2 seeded at i=2 with 10.
    // i=3 (13): 12 vs 11.5 → cross up. i=4 (7): 8.667 vs 9.25 → cross down.
    // i=5 (7): 7.556 vs 8.125 → still below. i=6 (13): 11.185 vs 10.5625 → cross up.
    const targets = emaCross({ fast: 2, slow: 3 }).targets(candles([10, 10, 10, 13, 7, 7, 13]));
    expect([...targets]).toEqual([0, 0, 0, 1, 0, 0, 1]);
  });

  it('does not buy at the start just because the fast EMA is already above: it waits for a cross', () => {
    expect([...emaCross({ fast: 2, slow: 3 }).targets(candles([1, 2, 3, 4, 5, 6, 7]))]).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('validates its parameters and fills in defaults', () => {
    expect(emaCross().params).toEqual({ fast: 12, slow: 26 });
    expect(emaCross().warmUp).toBe(26);
    expect(() => emaCross({ fast: 26, slow: 12 })).toThrow(/fast \(26\) must be shorter than slow \(12\)/);
    expect(() => emaCross({ fast: 12, slow: 12 })).toThrow(StrategyParamError);
    expect(() => emaCross({ fast: 1.5 })).toThrow(/fast must be an integer from 2 to 10000, got 1.5/);
    expect(() => emaCross({ fast: Number.NaN })).toThrow(StrategyParamError);
    expect(() => createStrategy({ name: 'ema-cross', params: { period: 3 } })).toThrow(/has no parameter "period" \(its parameters: fast, slow\)/);
  });
});

describe('rsi-reversion', () => {
  it('buys below lower, holds, sells above upper (RSI(2) worked by hand)', () => {
    // Changes +1 −1 −2 0 +1 +1 +2 −1. Wilder's averages (gain, loss) and RSI:
    // i=2 (0.5, 0.5) 50; i=3 (0.25, 1.25) 16.7 → buy; i=4 (0.125, 0.625) 16.7;
    // i=5 (0.5625, 0.3125) 64.3 → hold; i=6 (0.78125, 0.15625) 83.3 → sell; i=7 94.7; i=8 56.3.
    const targets = rsiReversion({ period: 2 }).targets(candles([10, 11, 10, 8, 8, 9, 10, 12, 11]));
    expect([...targets]).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0]);
  });

  it('validates its parameters', () => {
    expect(rsiReversion().params).toEqual({ period: 14, lower: 30, upper: 70 });
    expect(() => rsiReversion({ lower: 70, upper: 30 })).toThrow(/lower \(70\) must be below upper \(30\)/);
    expect(() => rsiReversion({ upper: 101 })).toThrow(/upper must be a number from 0 to 100/);
    expect(() => rsiReversion({ period: 1 })).toThrow(/period must be an integer from 2/);
  });
});

describe('the registry', () => {
  it('knows both strategies and names the known ones for an unknown name', () => {
    expect(STRATEGIES.map((s) => s.name)).toEqual(['ema-cross', 'rsi-reversion']);
    expect(() => createStrategy({ name: 'golden-goose' })).toThrow(UnknownStrategy);
    expect(() => createStrategy({ name: 'golden-goose' })).toThrow(/known: ema-cross, rsi-reversion/);
  });

  it('gives each strategy the same signals on a prefix of the data as on the whole (no look-ahead)', () => {
    let p = 100;
    const closes = Array.from({ length: 600 }, (_, i) => (p *= 1 + Math.sin(i * 0.37) * 0.02 + Math.cos(i * 0.11) * 0.01));
    for (const def of STRATEGIES) {
      const strategy = def.create({});
      const full = strategy.targets(candles(closes));
      expect(full.some((t) => t === 1)).toBe(true);
      for (const cut of [30, 99, 250, 599]) expect([...strategy.targets(candles(closes.slice(0, cut)))]).toEqual([...full.subarray(0, cut)]);
    }
  });
});
