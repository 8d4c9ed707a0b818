import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/compose/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { JOBS } from '../../src/jobs/job-names.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/fake-telegram-server.js';
import { freePort } from '../support/app-process.js';
import { buttonsOf, ChatDriver, messageIdOf, textOf } from '../support/chat-driver.js';
import { strongSignals } from '../support/strong-signals.js';

/**
 * Advisor mode end to end over the webhook: the app in webhook mode on HTTP, talking to the fake
 * Bot API; the signals job run through the job queue; the proposal card delivered by the outbox's
 * sender. The signal source is one that reads a strong buy (the bundled records rarely earn one);
 * the clock is the test's, so a proposal can expire without waiting.
 */
describe('advisor mode, end to end', () => {
  let tg: FakeTelegram;
  let app: App;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    tg = await startFakeTelegram();
    const port = await freePort();
    app = await createApp(
      loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, WEBHOOK_URL: `http://127.0.0.1:${port}/hook`, WEBHOOK_SECRET: 'advisor_e2e_secret_0123456789', DATA_DIR: ':memory:', MARKET_DATA: 'replay', PORT: String(port), HOST: '127.0.0.1' }),
      silentLogger(),
      { clock, signals: strongSignals(() => clock.now()) },
    );
    await app.start();
    await tg.waitFor((c) => c.method === 'setWebhook', 30_000);
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    await tg?.close();
  });

  it('a subscribed user receives a proposal card, confirms it, sees the normal preview, and the order executes once; a second press and an expired proposal execute nothing', async () => {
    const mae = new ChatDriver(tg, { id: 8501, is_bot: false, first_name: 'Mae' });
    await mae.ask('/start', '10,000.00 USDT');
    await mae.ask('watch btc for me', 'Watching BTC for you.');
    let mark = mae.mark();
    await app.jobs.add(JOBS.refreshSignals, {});
    const card = await mae.waitForMessage('Proposal: buy 500.00 USDT of BTC', { after: mark, timeoutMs: 30_000 });
    expect(textOf(card)).toContain('half your largest position (10% of 10,000.00 USDT equity');
    expect(textOf(card)).toMatch(/Indicators: right 60\.1% of 431 calls \(95% CI 55\.6%–64\.6%\) vs 51\.3% for “always up”/);
    expect(buttonsOf(card).map((b) => b.text)).toEqual(['✅ Confirm', '✖ Reject']);

    mark = await mae.press(card, '✅ Confirm');
    const preview = await mae.waitForMessage(/Buy 0\.0\d+ BTC · BTC\/USDT · market/, { after: mark });
    expect(textOf(preview)).toContain('✓ risk limits');
    const done = await mae.confirm(preview, 'Bought');
    expect(textOf(done)).toMatch(/Bought 0\.0\d+ BTC/);

    // The card pressed again (a second tap that raced the buttons' removal): told, and no second preview.
    const confirmData = buttonsOf(card).find((b) => b.text === '✅ Confirm')!.callback_data;
    mark = mae.mark();
    await mae.send(tg.emulator.userPressesButton(mae.user, mae.chat, messageIdOf(card), confirmData, { allowUnknownData: true }));
    await mae.waitForMessage('already taken', { after: mark, method: 'answerCallbackQuery' });
    expect(tg.calls.slice(mark).filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === mae.chat.id)).toHaveLength(0);

    // The next candle's proposal, left until it expires.
    clock.advance(3_600_000);
    mark = mae.mark();
    await app.jobs.add(JOBS.refreshSignals, {});
    const later = await mae.waitForMessage('Proposal: buy', { after: mark, timeoutMs: 30_000 });
    expect(messageIdOf(later)).not.toBe(messageIdOf(card));
    clock.advance(16 * 60_000);
    mark = await mae.press(later, '✅ Confirm');
    await mae.waitForMessage('expired', { after: mark, method: 'answerCallbackQuery' });
    expect(tg.calls.slice(mark).filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === mae.chat.id)).toHaveLength(0);

    const history = textOf(await mae.ask('my trade history', 'Trade history'));
    expect(history.match(/Bought 0\.0\d+ BTC/g)).toHaveLength(1);
  }, 120_000);
});
