import { describe, expect, it } from 'vitest';
import { readLabPhrase } from './lab-phrases.js';

const COINS: Record<string, string> = { btc: 'BTC/USDT', bitcoin: 'BTC/USDT', eth: 'ETH/USDT', sol: 'SOL/USDT', doge: 'DOGE/USDT' };
const read = (text: string) => readLabPhrase(text, (w) => COINS[w] ?? null);

describe('lab requests in words', () => {
  it('reads a backtest: strategy, coin and a year or dates', () => {
    expect(read('backtest rsi on btc for 2021')).toEqual({ kind: 'backtest', strategy: 'rsi', coin: 'BTC/USDT', coinText: 'btc', year: 2021 });
    expect(read('Backtest EMA cross on ETH from 2021-02-01 to 2021-05-01')).toEqual({ kind: 'backtest', strategy: 'ema cross', coin: 'ETH/USDT', coinText: 'eth', from: '2021-02-01', to: '2021-05-01' });
    expect(read('/backtest rsi sol')).toEqual({ kind: 'backtest', strategy: 'rsi', coin: 'SOL/USDT', coinText: 'sol' });
    expect(read('can you back-test the macd strategy on bitcoin in 2021?')).toMatchObject({ strategy: 'macd', coin: 'BTC/USDT', year: 2021 });
  });

  it('keeps what is missing or unknown, so the chat can ask', () => {
    expect(read('backtest')).toEqual({ kind: 'backtest', strategy: null, coin: null, coinText: null });
    expect(read('backtest rsi on blorp')).toEqual({ kind: 'backtest', strategy: 'rsi', coin: null, coinText: 'blorp' });
    expect(read('backtest btc')).toMatchObject({ strategy: null, coin: 'BTC/USDT' });
  });

  it('reads "monte carlo on that" (with scenarios and a seed when given) and the RL agent', () => {
    expect(read('monte carlo on that')).toEqual({ kind: 'monte-carlo' });
    expect(read('run a Monte-Carlo with 1000 scenarios, seed 42')).toEqual({ kind: 'monte-carlo', scenarios: 1000, seed: 42 });
    expect(read('how would the rl agent have done?')).toEqual({ kind: 'rl' });
    expect(read('backtest the RL agent')).toEqual({ kind: 'rl' });
  });

  it('leaves every other message to the parser', () => {
    for (const text of ['buy 0.1 btc', 'should I buy sol?', 'price of eth', 'how is my portfolio doing', 'sell all my rlc', 'what would 1 eth cost']) expect(read(text), text).toBeNull();
  });
});
