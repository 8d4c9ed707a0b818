import { describe, expect, it } from 'vitest';
import { loadCandleFile } from '../market/candle-file.js';
import { projectPath } from '../shared/project-paths.js';
import { STRATEGIES, type Strategy } from '../signals/strategies/index.js';
import { runBacktest } from './backtest.js';
import { candleRange } from './candle-slice.js';
import { lookaheadCuts } from './lookahead.js';

const btc = await loadCandleFile(projectPath('data/candles/binance_BTC-USDT_1h.csv.gz'));

/** Buys when the NEXT candle closes higher: a strategy that reads the future. */
const peeking: Strategy = {
  name: 'peek-next-close',
  params: {},
  warmUp: 0,
  targets: (c) => Uint8Array.from({ length: c.length }, (_, i) => (c.close[i + 1]! > c.close[i]! ? 1 : 0)),
};

/** Long while the close is above the mean of the WHOLE series: a subtler look into the future. */
const wholeSeriesMean: Strategy = {
  name: 'above-series-mean',
  params: {},
  warmUp: 0,
  targets: (c) => {
    const mean = c.close.reduce((a, b) => a + b, 0) / c.length;
    return Uint8Array.from(c.close, (x) => (x > mean ? 1 : 0));
  },
};

describe('the look-ahead guard', () => {
  it('flags a strategy that reads the next candle, and shows where', () => {
    const { report } = runBacktest(candleRange(btc, 0, 1000), peeking, { cash: 10_000, feeRate: 0.001 });
    expect(report.lookahead.checked).toBe(16);
    expect(report.lookahead.flagged.length).toBeGreaterThan(0);
    const flag = report.lookahead.flagged[0]!;
    // Cut after candle k, the strategy cannot see close k+1: its last signal is where it differs.
    expect(flag.index).toBe(flag.cut);
    expect(flag.truncated).not.toBe(flag.full);
    expect(flag.time).toBe(new Date(btc.timestamp[flag.index]!).toISOString());
    // And it made a fortune in 1,000 hours, which is why the guard runs on every backtest.
    expect(report.total_return).toBeGreaterThan(10);
  });

  it('flags a strategy that uses a statistic of the whole series', () => {
    const { report } = runBacktest(btc, wholeSeriesMean, { cash: 10_000, feeRate: 0.001 });
    expect(report.lookahead.flagged.length).toBeGreaterThan(0);
    expect(report.lookahead.flagged[0]!.differing).toBeGreaterThan(1);
  });

  it('passes the real strategies on real candles', () => {
    for (const def of STRATEGIES) {
      const { report } = runBacktest(btc, def.create({}), { cash: 10_000, feeRate: 0.001 });
      expect(report.trades_closed, def.name).toBeGreaterThan(5);
      expect(report.lookahead, def.name).toEqual({ checked: 16, flagged: [] });
    }
  });

  it('spreads its cuts from the end of the warm-up to the second-to-last candle', () => {
    expect(lookaheadCuts(100, 26, 4)).toEqual([26, 50, 74, 98]);
    expect(lookaheadCuts(5, 0, 16)).toEqual([0, 1, 2, 3]);
    expect(lookaheadCuts(100, 26, 0)).toEqual([]);
  });
});
