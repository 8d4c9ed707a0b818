import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../test/fakes/fake-binance/index.js';
import { startFakeBinanceWs, type FakeBinanceWs } from '../../test/fakes/fake-binance-ws.js';
import { MemoryAlertStore } from '../../test/support/memory-alert-store.js';
import { SettableMarketData } from '../../test/support/settable-market-data.js';
import { TEST_REDIS_URL } from '../../test/support/services.js';
import { AlertService } from '../alerts/alert-service.js';
import { AlertWatcher } from '../alerts/alert-watcher.js';
import { createCcxtProChannels } from '../market/ccxt-pro-ticks.js';
import { MarketDirectory } from '../market/market-directory.js';
import { ResilientTickSource } from '../market/resilient-ticks.js';
import { realTimers } from '../market/tick.js';
import type { Leases } from '../notifications/ports.js';
import { systemClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import { RedisLeases } from './redis-leases.js';
import { RedisTickBus } from './redis-tick-bus.js';
import { StreamHolder } from './stream-holder.js';
import { until } from '../../test/support/until.js';

/**
 * Two instances on Redis, as two worker processes run them: each with its bus, its book and its
 * holder, one fake Binance websocket, one store. The holder dies mid-run (it stops renewing and
 * streaming, and never hands the lease back): the other takes the streams over when the lease
 * lapses, and every alert fires exactly once.
 */
describe.skipIf(!TEST_REDIS_URL)('stream holder killed mid-run (Redis)', () => {
  let rest: FakeBinance;
  let ws: FakeBinanceWs;
  let redis: Redis;
  let market: ReturnType<typeof setInterval>;
  let price = '61000';
  const closers: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    [rest, ws] = await Promise.all([startFakeBinance(), startFakeBinanceWs()]);
    redis = new Redis(TEST_REDIS_URL!);
    market = setInterval(() => ws.trade('BTCUSDT', price), 10);
  });
  afterEach(async () => {
    clearInterval(market);
    for (const close of closers.splice(0).reverse()) await close();
    redis.disconnect();
    await Promise.all([ws.close(), rest.close()]);
  });

  it('the other instance takes over; no alert is lost and none fires twice', async () => {
    const prefix = `test-${randomBytes(6).toString('hex')}:`;
    const store = new MemoryAlertStore();
    const prices = new SettableMarketData(systemClock);
    prices.set('BTC/USDT', 61_000);
    const instance = async (name: string) => {
      const bus = new RedisTickBus({ redisUrl: TEST_REDIS_URL!, prefix, logger: silentLogger() });
      const alerts = new AlertService({ store, marketData: prices, markets: new MarketDirectory(prices, systemClock), clock: systemClock, logger: silentLogger(), onChange: (id) => void bus.publishAlertChange(id) });
      const watcher = new AlertWatcher({ store, fire: (ids, tick) => alerts.fireReached(ids, tick), clock: systemClock, logger: silentLogger() });
      bus.onTick((t) => watcher.onTick(t));
      bus.onAlertChange((id) => void watcher.reload(id));
      let dead = false;
      const real = new RedisLeases(redis, prefix);
      // A dead process renews nothing and releases nothing.
      const leases: Leases = { acquire: (...a) => (dead ? Promise.reject(new Error('dead')) : real.acquire(...a)), release: (...a) => (dead ? Promise.resolve() : real.release(...a)) };
      const channels = await createCcxtProChannels({ clock: systemClock, baseUrl: rest.url, wsUrl: ws.url });
      const source = new ResilientTickSource({ channels, subscribe: ['trades'], restPrice: async () => ({ last: 61_000, timestamp: Date.now() }), timers: realTimers, logger: silentLogger(), backoffMs: 20 });
      const holder = new StreamHolder({ leases, holderId: name, source, publish: (t) => bus.publish(t), symbols: () => watcher.symbols(), timers: realTimers, logger: silentLogger(), ttlMs: 1_500 });
      watcher.onSymbols((s) => holder.watch(s));
      await Promise.all([watcher.rebuild(), bus.ready()]);
      closers.push(async () => {
        await holder.stop();
        await watcher.settled();
        await bus.close();
      });
      return {
        alerts,
        watcher,
        holder,
        start: () => holder.start(),
        kill: async () => {
          dead = true;
          await holder.check(); // its renewal fails: it stops streaming (a crash, as the others see it)
        },
      };
    };
    const a = await instance('a');
    const b = await instance('b');
    const first = await a.alerts.set({ userId: 1, symbol: 'BTC/USDT', price: 62_000, direction: 'above' });
    const second = await b.alerts.set({ userId: 2, symbol: 'BTC/USDT', price: 63_000, direction: 'above' });
    await until(() => a.watcher.size === 2 && b.watcher.size === 2);
    a.start();
    await until(() => a.holder.isHolder);
    b.start();
    await ws.waitForSubscription('btcusdt@trade');
    expect(b.holder.isHolder).toBe(false);

    price = '62100';
    await until(() => store.told.length === 1);
    expect(store.told[0]!.key).toBe(`alert:${first.alert.id}:fired`);

    await a.kill();
    expect(a.holder.isHolder).toBe(false);
    price = '63100';
    // b takes the lease once a's lapses (1.5 s), subscribes, and its ticks fire the second alert.
    await until(() => b.holder.isHolder && store.told.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([a.watcher.settled(), b.watcher.settled()]);
    expect(store.told.map((n) => n.key).sort()).toEqual([`alert:${first.alert.id}:fired`, `alert:${second.alert.id}:fired`].sort());
    expect((await store.get(second.alert.id))!.fireCount).toBe(1);
  });
});
