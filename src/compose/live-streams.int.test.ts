import type { Chat, Message, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../test/fakes/fake-binance/index.js';
import { startFakeBinanceWs, type FakeBinanceWs } from '../../test/fakes/fake-binance-ws.js';
import { inProcessApp } from '../../test/support/in-process-app.js';
import { until } from '../../test/support/until.js';

const ada: User = { id: 4801, is_bot: false, first_name: 'Ada' };
const chat: Chat = { id: ada.id, type: 'private', first_name: 'Ada' };

/**
 * Live mode, composed as the app does it (MARKET_DATA=live, EXCHANGE_BASE_URL, EXCHANGE_WS_URL):
 * the REST feed and the websocket streams both on the loopback fakes. A trade through the level
 * on the websocket fires the alert set in chat, though the REST ticker never shows it.
 */
describe('alerts on the live websocket (in process, fake Binance)', () => {
  let rest: FakeBinance;
  let ws: FakeBinanceWs;
  let h: Awaited<ReturnType<typeof inProcessApp>>;

  beforeAll(async () => {
    [rest, ws] = await Promise.all([startFakeBinance(), startFakeBinanceWs()]);
    h = await inProcessApp({ MARKET_DATA: 'live', EXCHANGE_BASE_URL: rest.url, EXCHANGE_WS_URL: ws.url });
    await h.say(ada, '/start');
  }, 60_000);
  afterAll(async () => {
    await h?.app.streams?.stop();
    await h?.close();
    await Promise.all([ws?.close(), rest?.close()]);
  });

  const fromBot = (): Message[] => h.emulator.history(chat.id).filter((m) => m.from?.is_bot);

  it('a trade through the level on the websocket fires the alert once', async () => {
    const set = await h.say(ada, 'alert me when btc goes above 62500');
    expect(set?.text).toMatch(/^🔔 Alert set: BTC\/USDT above 62,500\.00/);
    const streams = h.app.streams!;
    await streams.start();
    await until(() => streams.holder!.isHolder);
    await ws.waitForSubscription('btcusdt@trade');
    const before = fromBot().length;
    ws.trade('BTCUSDT', '62600');
    ws.trade('BTCUSDT', '61900');
    await until(async () => (await h.deliverNotifications()) > 0 || fromBot().length > before);
    await streams.watcher.settled();
    ws.trade('BTCUSDT', '62700');
    await streams.watcher.settled();
    await h.deliverNotifications();
    const notices = fromBot().slice(before);
    expect(notices.map((m) => m.text)).toEqual(['🔔 BTC/USDT is above 62,500.00 — 62,600.00 now.']);
    expect(streams.state()).toBe('up');
  });
});
