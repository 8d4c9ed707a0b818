import type { Chat, Message, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../test/support/in-process-app.js';
import { ManualTimers } from '../../test/support/manual-timers.js';
import { redisServerAvailable, startRedisProcess, type RedisProcess } from '../../test/support/redis-process.js';
import { SettableMarketData } from '../../test/support/settable-market-data.js';
import { ManualClock } from '../shared/clock.js';
import { until } from '../../test/support/until.js';

const bob: User = { id: 4702, is_bot: false, first_name: 'Bob' };
const chat: Chat = { id: bob.id, type: 'private', first_name: 'Bob' };

/**
 * The same as streams.int.test.ts with the other job runner: REDIS_URL set (a Redis of the test's
 * own), so jobs run on BullMQ, ticks cross Redis pub/sub and the stream lease is in Redis. An alert
 * set in chat fires on the first tick past its level, though the price is back before the pass.
 */
describe.skipIf(!redisServerAvailable())('alerts on every tick (BullMQ and Redis)', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  let redis: RedisProcess;
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  const market = new SettableMarketData(clock);
  const timers = new ManualTimers();

  beforeAll(async () => {
    redis = await startRedisProcess();
    market.set('BTC/USDT', 61_234);
    h = await inProcessApp({ REDIS_URL: redis.url }, { marketData: market, clock, streams: { timers } });
    expect(h.app.jobs.kind).toBe('bullmq');
    await h.say(bob, '/start');
  }, 60_000);
  afterAll(async () => {
    await h?.app.streams?.stop();
    await h?.close();
    await redis?.stop();
  });

  const fromBot = (): Message[] => h.emulator.history(chat.id).filter((m) => m.from?.is_bot);
  const fired = async () => (await h.app.core.repos.alerts.active({ limit: 10 })).length === 0;

  it('a spike through the level between two passes fires the alert once', async () => {
    await h.say(bob, 'alert me when btc goes above 62k');
    const streams = h.app.streams!;
    await streams.start();
    expect(streams.watcher.size).toBe(1);
    await timers.round(); // the holder takes the lease (in Redis) and starts the replay-style poll
    expect(streams.holder!.isHolder).toBe(true);
    await timers.round(); // a tick at 61,234 over Redis: nothing
    await new Promise((r) => setTimeout(r, 100));
    await streams.watcher.settled();
    expect(await fired()).toBe(false);

    expect(await h.app.alerts.check()).toEqual([]);
    market.set('BTC/USDT', 62_100);
    await timers.round(); // one tick past the level
    await until(fired);
    await streams.watcher.settled();
    market.set('BTC/USDT', 61_500);
    clock.advance(5_000);
    expect(await h.app.alerts.check()).toEqual([]);
    const before = fromBot().length;
    expect(await h.deliverNotifications()).toBe(1);
    expect(fromBot().slice(before)[0]?.text).toBe('🔔 BTC/USDT is above 62,000.00 — 62,100.00 now.');

    market.set('BTC/USDT', 62_500);
    await timers.round();
    await new Promise((r) => setTimeout(r, 100));
    await streams.watcher.settled();
    expect(await h.deliverNotifications()).toBe(0);
  });
});
