import { describe, expect, it } from 'vitest';
import { loadCandleFile } from '../../market/candle-file.js';
import { runBacktest } from '../backtest.js';
import { candleRange } from '../candle-slice.js';
import { fixedTargets } from '../test-candles.js';
import { emaCross } from '../../signals/strategies/index.js';
import type { Environment, Policy } from './agent.js';
import { formatWalkForward, walkForward } from './walk-forward.js';

const btc = await loadCandleFile('data/candles/binance_BTC-USDT_1h.csv.gz', { symbol: 'BTC/USDT', timeframe: '1h' });
const candles = candleRange(btc, 0, 1200);
const trainUntil = candles.timestamp[800]!;

function fixedPolicy(pick: (step: number) => number): (env: Environment) => Promise<Policy> {
  return async () => {
    let step = 0;
    return { act: () => pick(step++), describe: () => 'fixed', dispose: () => {} };
  };
}

describe('the walk-forward evaluation', () => {
  it('trains only on candles before the split, and a buy-everything-then-hold agent matches buy-and-hold', async () => {
    let lastTrainingIndex = -1;
    const report = await walkForward({
      candles,
      trainUntil,
      cash: 10_000,
      feeRate: 0.001,
      train: async (env) => {
        env.reset();
        for (let done = false; !done; ) done = env.step(2).done;
        lastTrainingIndex = (env as unknown as { index: number }).index;
        return (await fixedPolicy((s) => (s === 0 ? 2 : 0))(env));
      },
    });
    expect(lastTrainingIndex).toBe(799);
    expect(report.test.from).toBe(trainUntil);
    expect(report.test.candles).toBe(400);
    expect(report.agent.orders).toBe(1);
    expect(report.agent.totalReturn).toBeCloseTo(report.buyAndHold.totalReturn, 10);
    expect(report.agent.maxDrawdown).toBeCloseTo(report.buyAndHold.maxDrawdown, 10);
    expect(report.agent.sharpe!).toBeCloseTo(report.buyAndHold.sharpe!, 8);
    expect(report.actions['buy 100 %']).toBe(1);
    expect(formatWalkForward(report)).toMatch(/RL agent\s+-?\d+\.\d %/);
  });

  it('a do-nothing agent makes 0 %, and the EMA cross beside it is the backtester’s own', async () => {
    const report = await walkForward({ candles, trainUntil, cash: 10_000, feeRate: 0.001, train: fixedPolicy(() => 0) });
    expect(report.agent.totalReturn).toBe(0);
    expect(report.agent.orders).toBe(0);
    expect(report.agent.sharpe).toBeNull();
    // The backtester, over the same window (from the last training close) with the EMA cross's
    // signals from the full series (warmed up on the training candles), ends with the same money.
    const window = candleRange(candles, 799, 1200);
    const signals = emaCross({ fast: 12, slow: 26 }).targets(candles).subarray(799);
    const direct = runBacktest(window, fixedTargets([...signals]), { cash: 10_000, feeRate: 0.001, lookaheadCuts: 0 });
    expect(direct.trades.length).toBeGreaterThan(3);
    expect(report.emaCross.finalEquity).toBeCloseTo(direct.report.final_equity, 6);
    expect(report.emaCross.totalReturn).toBeCloseTo(direct.report.total_return, 9);
    expect(formatWalkForward(report)).toMatch(/did not beat/);
  });

  it('says plainly whether the agent beat each baseline, and that it lost money when it did', () => {
    const o = (name: string, totalReturn: number) => ({ name, totalReturn, maxDrawdown: 0.1, sharpe: null, orders: 1, finalEquity: 1 });
    const base = { symbol: 'BTC/USDT', timeframe: '1h', feeRate: 0.001, cash: 1, train: { from: 0, to: 0, candles: 1 }, test: { from: 0, to: 0, candles: 1 }, policy: 'p', actions: {} };
    const last = (agent: number, hold: number, ema: number) => formatWalkForward({ ...base, agent: o('RL agent', agent), buyAndHold: o('buy-and-hold', hold), emaCross: o('EMA cross 12/26', ema) }).trim().split('\n').at(-1);
    expect(last(-0.08, -0.45, -0.23)).toBe('The agent did better than both baselines on return over this one test period (one period is not evidence of an edge). It still lost 8.0 %.');
    expect(last(0.05, 0.1, 0.01)).toBe('The agent did not beat buy-and-hold on return over this test period.');
    expect(last(-0.01, 0.1, 0.2)).toBe('The agent did not beat buy-and-hold or EMA cross 12/26 on return over this test period. It still lost 1.0 %.');
  });

  it('refuses a split that leaves too few candles on either side', async () => {
    await expect(walkForward({ candles, trainUntil: candles.timestamp[50]!, cash: 1, feeRate: 0, train: fixedPolicy(() => 0) })).rejects.toThrow(/training candles/);
    await expect(walkForward({ candles, trainUntil: candles.timestamp[1150]!, cash: 1, feeRate: 0, train: fixedPolicy(() => 0) })).rejects.toThrow(/test candles/);
  });
});
