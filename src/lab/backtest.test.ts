import { describe, expect, it } from 'vitest';
import { loadCandleFile } from '../market/candle-file.js';
import { projectPath } from '../shared/project-paths.js';
import { emaCross } from '../signals/strategies/index.js';
import { BacktestError, runBacktest } from './backtest.js';
import { candlesFrom, fixedTargets } from './test-candles.js';

const SQRT_YEAR_HOURS = Math.sqrt(8766);

/** Sharpe worked out in the plainest way: returns from the start through each close. */
function plainSharpe(equity: number[], start: number): number {
  const r = equity.map((e, i) => e / (i === 0 ? start : equity[i - 1]!) - 1);
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  const sd = Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1));
  return (m / sd) * SQRT_YEAR_HOURS;
}

describe('runBacktest: a round trip worked by hand', () => {
  // Buy signal at close 0 → buy at open 1 (100); flat signal at close 2 → sell at open 3 (121).
  // cash 1,000, fee 1 %: notional 1000/1.01 = 990.099, fee 9.901, amount 9.90099;
  // sale 9.90099 × 121 = 1198.0198, fee 11.980, received 1186.0396 = 119790/101.
  const candles = candlesFrom([100, 100, 110, 121, 110], [100, 110, 121, 110, 100]);
  const { report, trades, equity } = runBacktest(candles, fixedTargets([1, 1, 0, 0, 0]), { cash: 1000, feeRate: '0.01' });

  it('fills at the next open, charges the fee on each side, and marks at each close', () => {
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ entryIndex: 1, exitIndex: 3, entryPrice: 100, exitPrice: 121 });
    expect(trades[0]!.amount.toFixed(12)).toBe('9.900990099010');
    expect(trades[0]!.paid.toFixed(12)).toBe('1000.000000000000');
    expect(trades[0]!.received.toFixed(10)).toBe((119790 / 101).toFixed(10));
    expect([...equity].map((e) => e.toFixed(6))).toEqual([1000, 110000 / 101, 121000 / 101, 119790 / 101, 119790 / 101].map((e) => e.toFixed(6)));
    expect(report.final_equity).toBeCloseTo(119790 / 101, 9);
    expect(report.total_return).toBeCloseTo(119790 / 101 / 1000 - 1, 12);
    expect(report.fees_paid).toBeCloseTo(2210 / 101, 9);
  });

  it('reports the figures a user reads', () => {
    expect(report.trades_closed).toBe(1);
    expect(report.win_rate).toBe(1);
    expect(report.profit_factor).toBeNull(); // no losing trade to divide by
    expect(report.expectancy).toBeCloseTo(119790 / 101 - 1000, 9);
    expect(report.avg_trade_candles).toBe(2);
    expect(report.avg_trade_hours).toBe(2);
    expect(report.exposure).toBe(2 / 5);
    expect(report.max_drawdown).toBeCloseTo(0.01, 12); // 1198.02 → 1186.04: the exit fee
    expect(report.lowest_equity).toBe(1000);
    expect(report.open_position).toBe(false);
    expect(report.sharpe).toBeCloseTo(plainSharpe([...equity], 1000), 9);
    // Buy and hold: 9.90099 bought at 100 with the fee, marked at the last close (100).
    expect(report.buy_and_hold_return).toBeCloseTo(-1 / 101, 12);
    expect(report.buy_and_hold_max_drawdown).toBeCloseTo(1 - 100 / 121, 12);
    expect(report.candles).toBe(5);
    expect(report.period).toMatchObject({ start: '2021-01-01T00:00:00.000Z', end: '2021-01-01T05:00:00.000Z' });
    expect(report.annualisation).toEqual({ periods_per_year: 8766, risk_free_rate: 0 });
    expect(report.lookahead).toEqual({ checked: 4, flagged: [] });
  });
});

describe('runBacktest: losses, an open position, a signal with no next open', () => {
  it('counts a losing trade, keeps the last one open and marks it at the last close', () => {
    // Trade 1: buy at 100, sell at 90 (fee 0). Trade 2: buy at 90, still open; last close 99.
    const candles = candlesFrom([100, 100, 95, 90, 90, 95], [100, 95, 90, 90, 95, 99]);
    const { report, trades } = runBacktest(candles, fixedTargets([1, 1, 0, 1, 1, 1]), { cash: 1000, feeRate: 0 });
    expect(trades.map((t) => [t.entryIndex, t.exitIndex])).toEqual([
      [1, 3],
      [4, -1],
    ]);
    expect(report.trades_closed).toBe(1);
    expect(report.win_rate).toBe(0);
    expect(report.profit_factor).toBe(0);
    expect(report.expectancy).toBeCloseTo(-100, 9);
    expect(report.open_position).toBe(true);
    expect(report.final_equity).toBeCloseTo((900 / 90) * 99, 9);
    expect(report.exposure).toBe(4 / 6); // closes 1, 2, 4, 5
  });

  it('does nothing with a signal at the last close, and has no Sharpe when the equity never moves', () => {
    const { report, trades } = runBacktest(candlesFrom([1, 2, 3], [2, 3, 4]), fixedTargets([0, 0, 1]), { cash: 500, feeRate: 0.001 });
    expect(trades).toEqual([]);
    expect(report).toMatchObject({ final_equity: 500, total_return: 0, trades_closed: 0, win_rate: null, expectancy: null, exposure: 0, sharpe: null, sortino: null, max_drawdown: 0, calmar: null });
  });
});

describe('runBacktest: slippage through the paper exchange order book', () => {
  it('pays more than the open to buy and gets less to sell, and only then', async () => {
    const btc = await loadCandleFile(projectPath('data/candles/binance_BTC-USDT_1h.csv.gz'));
    const none = runBacktest(btc, emaCross(), { cash: 10_000, feeRate: 0.001, lookaheadCuts: 0 });
    const book = runBacktest(btc, emaCross(), { cash: 10_000, feeRate: 0.001, slippage: 'book', lookaheadCuts: 0 });
    expect(book.report.trades_closed).toBe(none.report.trades_closed);
    expect(book.report.final_equity).toBeLessThan(none.report.final_equity);
    expect(book.report.slippage).toBe('book');
    for (const t of book.trades.slice(0, 20)) {
      expect(t.entryPrice).toBeGreaterThan(btc.open[t.entryIndex]!);
      expect(t.exitPrice).toBeLessThan(btc.open[t.exitIndex]!);
    }
    expect(book.report.partial_fills).toBe(0);
  });

  it('fills what a thin book holds and keeps the rest as cash (no partial fills without slippage)', () => {
    const candles = candlesFrom([100, 100, 100, 100], [100, 100, 100, 100]);
    const { report, trades } = runBacktest(candles, fixedTargets([1, 1, 1, 1]), { cash: 1e9, feeRate: 0.001, slippage: 'book', lookaheadCuts: 0 });
    expect(report.partial_fills).toBe(1);
    expect(trades[0]!.paid.toNumber()).toBeLessThan(1e9);
    expect(report.final_equity).toBeGreaterThan(0.9e9);
  });
});

describe('runBacktest: bad input', () => {
  const candles = candlesFrom([1, 2, 3], [2, 3, 4]);
  it.each([
    [{ cash: 0, feeRate: 0.001 }, /cash must be above 0/],
    [{ cash: 'lots', feeRate: 0.001 }, /cash must be a number/],
    [{ cash: 100, feeRate: 1 }, /fee must be at least 0 and below 1/],
    [{ cash: 100, feeRate: -0.1 }, /fee must be at least 0/],
  ])('%o → %s', (options, message) => {
    expect(() => runBacktest(candles, fixedTargets([0, 0, 0]), options)).toThrow(message);
  });

  it('refuses short positions and a wrong number of signals', () => {
    expect(() => runBacktest(candles, fixedTargets([0, 2, 0]), { cash: 100, feeRate: 0 })).toThrow(BacktestError);
    expect(() => runBacktest(candles, fixedTargets([0, 0]), { cash: 100, feeRate: 0 })).toThrow(/gave 2 signals for 3 candles/);
    expect(() => runBacktest(candlesFrom([1], [1]), fixedTargets([0]), { cash: 100, feeRate: 0 })).toThrow(/at least 2 candles/);
  });
});
