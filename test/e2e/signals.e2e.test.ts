import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../support/chat-driver.js';
import { startParley, type Parley } from '../support/parley-harness.js';

/**
 * Signals end to end: the real app as its own process in webhook mode on the replayed market,
 * with the bundled signal report and models (data/signals), a user talking through the fake Bot API.
 */
describe('signals, end to end', () => {
  let parley: Parley;

  beforeAll(async () => {
    parley = await startParley();
  }, 90_000);

  afterAll(async () => {
    expect(await parley?.close()).toBe(0);
  });

  it('"should I buy btc?" answers with a signal, its reasons, a track record beside its baseline, and the not-advice line; "why?" explains it', async () => {
    const fay = parley.chat(8401, 'Fay');
    await fay.ask('/start', '10,000.00 USDT');
    const answer = textOf(await fay.ask('should I buy btc?', 'Not financial advice', { timeoutMs: 30_000 }));
    expect(answer).toMatch(/^📊 <b>BTC\/USDT · 1h: (Hold|Buy, weak|Buy, moderate|Sell, weak|Sell, moderate)<\/b>.* · confidence \d+%/);
    expect(answer).toMatch(/Readings at [\d,.]+ USDT \(candle closed \d\d:\d\d UTC\):\n• /);
    expect(answer).toMatch(/<b>Track record<\/b>, out of sample, \d+ \w+ 2021 → \d+ \w+ 2021, each call about the next 4 1h candles:/);
    expect(answer).toMatch(/• Indicators: right \d+\.\d% of [\d,]+ calls \(95% CI [\d.]+%–[\d.]+%\) vs \d+\.\d% for “[a-z ]+”/);
    expect(answer).toMatch(/• Model: right \d+\.\d% of [\d,]+ calls \(95% CI [\d.]+%–[\d.]+%\) vs \d+\.\d% for “[a-z ]+”/);
    const why = textOf(await fay.ask('why?', 'a call needs ±0.10'));
    expect(why).toMatch(/^<b>BTC\/USDT · 1h: /);
    expect(why).toMatch(/RSI [\d.]+: /);
  });

  it('/signals lists the largest markets for someone who holds nothing; a coin not traded here says so', async () => {
    const gil = parley.chat(8402, 'Gil');
    await gil.ask('/start', '10,000.00 USDT');
    const list = textOf(await gil.ask('/signals', 'Signals', { timeoutMs: 30_000 }));
    expect(list).toMatch(/• <b>BTC<\/b> [\d,.]+: (Hold|Buy|Sell)/);
    expect(list).toMatch(/• <b>ETH<\/b> [\d,.]+: (Hold|Buy|Sell)/);
    await gil.ask('should I sell link', 'LINK isn’t traded here');
  });
});
