import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../test/support/in-process-app.js';

const ada: User = { id: 7_301, is_bot: false, first_name: 'Ada' };

/** "wherever it's cheapest" and /venue in the chat, on the whole app in process (paper venues on the replay book). */
describe('routing in the chat', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  beforeAll(async () => {
    h = await inProcessApp();
    await h.say(ada, '/start');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('previews "buy 0.01 btc wherever it’s cheapest" with the route and each venue, and confirms it once', async () => {
    const preview = await h.say(ada, 'buy 0.01 btc wherever it’s cheapest');
    const text = preview?.text ?? '';
    expect(text).toContain('Route: All 0.01 BTC on Binance (paper)');
    for (const venue of ['Binance (paper) alone', 'Coinbase (paper) alone', 'Kraken (paper) alone', 'KuCoin (paper) alone']) expect(text).toContain(venue);
    const confirm = h.buttons(preview).find((b) => b.text.includes('Confirm'))!;
    const done = await h.press(ada, preview!, confirm.data);
    expect(done?.text).toMatch(/Bought 0\.01 of 0\.01 BTC at [\d,.]+ USDT on average/);
    expect(done?.text).toContain('• binance: 0.01 BTC at');
    // A second press places nothing: it shows what was done.
    const again = await h.press(ada, preview!, confirm.data);
    expect(again?.text).toMatch(/Bought 0\.01 BTC/);
    const orders = await h.app.core.trading.orders((await h.app.core.repos.users.identify({ provider: 'telegram', subject: String(ada.id) }, {}, { asset: 'USDT', amount: (await import('../shared/decimal.js')).dec(0) })).user.id);
    expect(orders.map((o) => [o.symbol, o.status, o.filled])).toEqual([['BTC/USDT', 'filled', '0.01']]);
  });

  it('/venue shows the venues and sets the default; a plain order then goes there', async () => {
    const shown = await h.say(ada, '/venue');
    expect(shown?.text).toContain('Default venue: your account’s own exchange');
    expect(shown?.text).toContain('kraken — Kraken (paper)');
    expect((await h.say(ada, '/venue nowhere'))?.text).toContain('nowhere is not one of your venues');
    expect((await h.say(ada, '/venue kraken'))?.text).toContain('Market orders now go to kraken');
    const preview = await h.say(ada, 'buy 0.001 btc');
    expect(preview?.text).toContain('Kraken (paper)');
    expect(preview?.text).toContain('Fee (0.26%)');
    await h.say(ada, '/venue off');
    expect((await h.say(ada, 'buy 0.001 btc'))?.text).not.toContain('Kraken');
  });
});
