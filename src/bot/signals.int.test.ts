import type { Message, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../test/support/in-process-app.js';

const ida: User = { id: 5701, is_bot: false, first_name: 'Ida' };
const jon: User = { id: 5702, is_bot: false, first_name: 'Jon' };

/** Signals in the chat on the real stack in one process: the replayed market and the bundled report and models. */
describe('signals in the chat', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  beforeAll(async () => {
    h = await inProcessApp();
    for (const user of [ida, jon]) await h.say(user, '/start');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });
  const text = (m: Message | undefined) => m?.text ?? '';

  it('"should I buy btc?" answers with the call, the readings, the track record beside its baseline over a period, and the not-advice line', async () => {
    const answer = text(await h.say(ida, 'should I buy btc?'));
    if (process.env.SHOW_CHAT) console.log(answer);
    expect(answer).toMatch(/^📊 BTC\/USDT · 1h: (Hold|Buy, weak|Buy, moderate|Sell, weak|Sell, moderate) · confidence \d+%/);
    expect(answer).toMatch(/Readings at [\d,.]+ USDT \(candle closed \d\d:\d\d UTC\):\n• /);
    // The bundled report: BTC's indicators and model, each beside the best naive guess, over Feb–Jul 2021.
    expect(answer).toMatch(/Track record, out of sample, \d+ (Jan|Feb) 2021 → \d+ Jul 2021, each call about the next 4 1h candles:/);
    expect(answer).toMatch(/• Indicators: right \d+\.\d% of [\d,]+ calls \(95% CI \d+\.\d%–\d+\.\d%\) vs \d+\.\d% for “[a-z ]+”/);
    expect(answer).toMatch(/• Model: right \d+\.\d% of [\d,]+ calls/);
    // The replay loops over the prices the bundled model was trained on: its call is hindsight and does not count.
    expect(answer).toContain('(not counted here: trained on these prices)');
    expect(answer).toContain('Not financial advice');
  });

  it('"why?" explains the last signal: every reading with its vote and weight, and the weights the records earned', async () => {
    const why = text(await h.say(ida, 'why?'));
    if (process.env.SHOW_CHAT) console.log(why);
    expect(why).toMatch(/^BTC\/USDT · 1h: /);
    expect(why).toMatch(/RSI [\d.]+: .* → [+−]\d\.\d\d × \d/);
    expect(why).toContain('weight 0: it was trained on these prices');
    expect(why).toContain('a call needs ±0.10');
    // Someone who was shown nothing is told so.
    expect(text(await h.say(jon, 'why?'))).toContain('I have shown you no signal or proposal lately');
  });

  it('/signals lists the coins held (the largest markets when none), and a coin not traded here says so', async () => {
    const none = text(await h.say(jon, '/signals'));
    expect(none).toContain('you hold and watch nothing yet');
    expect(none).toMatch(/• BTC [\d,.]+: /);
    expect(none).toMatch(/• ETH [\d,.]+: /);
    const preview = await h.say(jon, 'buy 0.5 sol');
    const confirm = h.buttons(preview).find((b) => b.text.includes('Confirm'))!;
    await h.press(jon, preview!, confirm.data);
    const mine = text(await h.say(jon, '/signals'));
    if (process.env.SHOW_CHAT) console.log(mine);
    expect(mine).toContain('your coins and watched pairs');
    expect(mine).toMatch(/• SOL [\d,.]+: (Hold|Buy|Sell)/);
    expect(mine).not.toContain('• BTC');
    expect(text(await h.say(jon, 'should I buy link?'))).toContain('LINK isn’t traded here');
  });
});
