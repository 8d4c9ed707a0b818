import type { Chat, Message, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../test/support/in-process-app.js';
import { ManualTimers } from '../../test/support/manual-timers.js';
import { SettableMarketData } from '../../test/support/settable-market-data.js';
import { ManualClock } from '../shared/clock.js';

const ada: User = { id: 4701, is_bot: false, first_name: 'Ada' };
const chat: Chat = { id: ada.id, type: 'private', first_name: 'Ada' };

/**
 * Alerts per tick on the whole stack in one process (PGlite, the in-process bus, the stream lease
 * in the database): an alert set in chat fires on the tick that crosses it, even when the price
 * comes back before the next checking pass, and only once.
 */
describe('alerts on every tick (in process)', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  const market = new SettableMarketData(clock);
  const timers = new ManualTimers();

  beforeAll(async () => {
    market.set('BTC/USDT', 61_234);
    market.set('ETH/USDT', 3_000);
    h = await inProcessApp({}, { marketData: market, clock, streams: { timers } });
    await h.say(ada, '/start');
  }, 60_000);
  afterAll(async () => {
    await h?.app.streams?.stop();
    await h?.close();
  });

  const fromBot = (): Message[] => h.emulator.history(chat.id).filter((m) => m.from?.is_bot);

  it('a spike through the level between two passes fires the alert once, with the usual notice', async () => {
    await h.say(ada, 'alert me when btc goes above 62k');
    const streams = h.app.streams!;
    await streams.start();
    expect(streams.watcher.size).toBe(1);
    await timers.round(); // the holder takes the lease (in the database: no Redis) and starts the replay-style poll
    expect(streams.holder!.isHolder).toBe(true);
    expect(streams.state()).toBe('up');
    await timers.round(); // a tick at 61,234: nothing
    expect(await h.deliverNotifications()).toBe(0);

    // The checking pass sees 61,234; a tick sees 62,100; the price is back at 61,500 for the next pass.
    expect(await h.app.alerts.check()).toEqual([]);
    market.set('BTC/USDT', 62_100);
    await timers.round();
    await streams.watcher.settled();
    market.set('BTC/USDT', 61_500);
    clock.advance(5_000);
    expect(await h.app.alerts.check()).toEqual([]);
    const before = fromBot().length;
    expect(await h.deliverNotifications()).toBe(1);
    const [notice] = fromBot().slice(before);
    expect(notice?.text).toBe('🔔 BTC/USDT is above 62,000.00 — 62,100.00 now.');
    expect(h.buttons(notice).map((b) => b.text)).toEqual(['🟢 Buy BTC', '🔴 Sell BTC', '😴 Snooze']);

    // Later ticks above the level fire nothing more.
    market.set('BTC/USDT', 62_500);
    await timers.round();
    await streams.watcher.settled();
    expect(await h.deliverNotifications()).toBe(0);
  });

  it('an alert set while streaming is in the book at once; a removed one leaves it', async () => {
    const streams = h.app.streams!;
    await h.say(ada, 'alert me when eth drops below 2900');
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 20));
    expect(streams.watcher.symbols()).toContain('ETH/USDT');
    expect(streams.watcher.size).toBe(1);
    const [eth] = await h.app.core.repos.alerts.active({ limit: 10 });
    expect(eth).toMatchObject({ symbol: 'ETH/USDT', direction: 'below' });
    await h.app.alerts.remove(eth!.userId, eth!.id);
    await new Promise((r) => setTimeout(r, 20));
    expect(streams.watcher.size).toBe(0);
    market.set('ETH/USDT', 2_800);
    await timers.round();
    await streams.watcher.settled();
    expect(await h.deliverNotifications()).toBe(0);
  });
});
