import { describe, expect, it } from 'vitest';
import { loadCandleFile } from '../../market/candle-file.js';
import { candleRange } from '../candle-slice.js';
import { candlesFrom } from '../test-candles.js';
import { ACTIONS } from './actions.js';
import { OBSERVATION_SIZE, OBSERVATION_WARM_UP } from './observation.js';
import { TradingEnv } from './trading-env.js';

const HOLD = 0;
const BUY_HALF = 1;
const BUY_ALL = 2;
const SELL_ALL = 4;

/** n candles opening and closing at the same slowly wobbling price. */
function wobble(n: number, at: (i: number) => number = (i) => 100 + Math.sin(i / 3)) {
  const prices = Array.from({ length: n }, (_, i) => at(i));
  return candlesFrom(prices, prices);
}

describe('the trading environment', () => {
  it('starts flat with all cash and observes indicators, position share and cash share', () => {
    const env = new TradingEnv(wobble(40), { cash: 1000, feeRate: 0.001 });
    const obs = env.reset();
    expect(obs).toHaveLength(OBSERVATION_SIZE);
    expect(env.index).toBe(OBSERVATION_WARM_UP);
    expect([...obs].every(Number.isFinite)).toBe(true);
    expect(obs[OBSERVATION_SIZE - 2]).toBe(0);
    expect(obs[OBSERVATION_SIZE - 1]).toBe(1);
  });

  it('charges the taker fee on each side: a round trip at one price loses (1 − f) / (1 + f)', () => {
    const env = new TradingEnv(wobble(40, () => 200), { cash: 1000, feeRate: 0.01 });
    env.reset();
    const bought = env.step(BUY_ALL);
    expect(bought.filled).toBe('buy');
    // 1000 buys 1000 / 1.01 of notional; the fee is 1 % of that.
    expect(bought.fee).toBeCloseTo(1000 / 1.01 * 0.01, 9);
    expect(env.account.cash.toNumber()).toBeCloseTo(0, 9);
    expect(bought.observation[OBSERVATION_SIZE - 2]).toBeCloseTo(1, 9);
    const sold = env.step(SELL_ALL);
    expect(sold.filled).toBe('sell');
    expect(sold.equity).toBeCloseTo((1000 * 0.99) / 1.01, 6);
    expect(env.orders).toBe(2);
    expect(env.fees.toNumber()).toBeCloseTo(bought.fee + sold.fee, 9);
    expect(bought.reward + sold.reward).toBeLessThan(0);
  });

  it('fills at the next open and marks at that close; buys a share of the cash', () => {
    const opens = Array.from({ length: 40 }, () => 100);
    const closes = Array.from({ length: 40 }, (_, i) => (i === OBSERVATION_WARM_UP + 1 ? 110 : 100));
    const env = new TradingEnv(candlesFrom(opens, closes), { cash: 1000, feeRate: 0 });
    env.reset();
    const step = env.step(BUY_HALF);
    // 500 bought 5 units at the open of 100; marked at the close of 110.
    expect(env.account.amount.toNumber()).toBeCloseTo(5, 12);
    expect(step.equity).toBeCloseTo(500 + 5 * 110, 9);
    expect(step.reward).toBeGreaterThan(0);
  });

  it('holding cash changes nothing and earns nothing; doing nothing is counted as no order', () => {
    const env = new TradingEnv(wobble(40), { cash: 1000, feeRate: 0.001 });
    env.reset();
    let done = false;
    while (!done) {
      const s = env.step(env.orders === 0 ? SELL_ALL : HOLD);
      expect(s.reward).toBe(0);
      expect(s.equity).toBe(1000);
      done = s.done;
    }
    expect(env.orders).toBe(0);
    expect(env.equity).toHaveLength(40 - OBSERVATION_WARM_UP);
  });

  it('penalises risk: the reward of a loss is below the scaled log return, and a deeper drawdown costs more', () => {
    const prices = Array.from({ length: 40 }, (_, i) => (i <= OBSERVATION_WARM_UP + 1 ? 100 : 100 * 0.98 ** (i - OBSERVATION_WARM_UP - 1)));
    const candles = candlesFrom(prices, prices);
    const plain = new TradingEnv(candles, { cash: 1000, feeRate: 0, riskAversion: 0, drawdownPenalty: 0 });
    const risky = new TradingEnv(candles, { cash: 1000, feeRate: 0 });
    for (const env of [plain, risky]) {
      env.reset();
      env.step(BUY_ALL);
    }
    const p = plain.step(HOLD);
    const r = risky.step(HOLD);
    expect(p.reward).toBeCloseTo(100 * Math.log(0.98), 9);
    expect(r.reward).toBeLessThan(p.reward - 1);
  });

  it('sees no candle after the one it observes: rewriting the future changes no earlier observation or reward', async () => {
    const btc = await loadCandleFile('data/candles/binance_BTC-USDT_1h.csv.gz', { symbol: 'BTC/USDT', timeframe: '1h' });
    const real = candleRange(btc, 0, 300);
    const cut = 150;
    const copy = (a: Float64Array) => Float64Array.from(a);
    const rewritten = { ...real, open: copy(real.open), high: copy(real.high), low: copy(real.low), close: copy(real.close), volume: copy(real.volume) };
    for (let i = cut + 1; i < real.length; i++) {
      const k = 1 + 0.3 * Math.sin(i);
      rewritten.open[i]! *= k;
      rewritten.close[i]! *= 2 - k;
      rewritten.high[i] = Math.max(rewritten.open[i]!, rewritten.close[i]!) * 1.01;
      rewritten.low[i] = Math.min(rewritten.open[i]!, rewritten.close[i]!) * 0.99;
      rewritten.volume[i]! *= 3;
    }
    const a = new TradingEnv(real, { cash: 1000, feeRate: 0.001 });
    const b = new TradingEnv(rewritten, { cash: 1000, feeRate: 0.001 });
    expect([...b.reset()]).toEqual([...a.reset()]);
    let differs = false;
    for (let t = OBSERVATION_WARM_UP; t < real.length - 1; t++) {
      const action = t % ACTIONS.length;
      const sa = a.step(action);
      const sb = b.step(action);
      if (sa.done) break;
      if (a.index <= cut) {
        expect([...sb.observation]).toEqual([...sa.observation]);
        expect(sb.reward).toBe(sa.reward);
      } else if ([...sb.observation].some((v, j) => v !== sa.observation[j])) differs = true;
    }
    // The rewrite did reach the later observations (the test would catch a leak).
    expect(differs).toBe(true);
  });

  it('refuses a step before reset, after the end, or an action it does not have', () => {
    const env = new TradingEnv(wobble(OBSERVATION_WARM_UP + 2), { cash: 1000, feeRate: 0 });
    expect(() => env.step(HOLD)).toThrow(/reset/);
    env.reset();
    expect(() => env.step(ACTIONS.length)).toThrow(/action must be/);
    expect(env.step(HOLD).done).toBe(true);
    expect(() => env.step(HOLD)).toThrow(/over/);
    expect(() => new TradingEnv(wobble(10), { cash: 1000, feeRate: 0 })).toThrow(/at least 2 candles/);
  });
});
