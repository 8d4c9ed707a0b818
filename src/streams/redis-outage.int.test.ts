import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../test/fakes/fake-binance/index.js';
import { startFakeBinanceWs, type FakeBinanceWs } from '../../test/fakes/fake-binance-ws.js';
import { MemoryAlertStore } from '../../test/support/memory-alert-store.js';
import { MemoryLeases } from '../../test/support/memory-outbox.js';
import { redisServerAvailable, startRedisProcess, type RedisProcess } from '../../test/support/redis-process.js';
import { SettableMarketData } from '../../test/support/settable-market-data.js';
import { AlertService } from '../alerts/alert-service.js';
import { AlertWatcher } from '../alerts/alert-watcher.js';
import { createCcxtProChannels } from '../market/ccxt-pro-ticks.js';
import { MarketDirectory } from '../market/market-directory.js';
import { ResilientTickSource } from '../market/resilient-ticks.js';
import { realTimers } from '../market/tick.js';
import { systemClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import { FallbackLeases } from './fallback-leases.js';
import { RedisLeases } from './redis-leases.js';
import { RedisTickBus } from './redis-tick-bus.js';
import { StreamHolder } from './stream-holder.js';
import { until } from '../../test/support/until.js';

/**
 * Two instances on a Redis of the test's own, wired as compose/streams.ts wires them (the stream
 * lease in Redis with the database's as fallback; a tick the bus refuses goes to the holder's own
 * book). Redis is killed mid-run: the price crosses a level during the outage and the alert fires
 * once; one crossing after Redis is back fires once too.
 */
describe.skipIf(!redisServerAvailable())('Redis killed mid-run: alerts are still checked on every tick', () => {
  let rest: FakeBinance;
  let ws: FakeBinanceWs;
  let redisServer: RedisProcess;
  let leaseRedis: Redis;
  let market: ReturnType<typeof setInterval>;
  let price = '61000';
  const closers: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    [rest, ws, redisServer] = await Promise.all([startFakeBinance(), startFakeBinanceWs(), startRedisProcess()]);
    leaseRedis = new Redis(redisServer.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    leaseRedis.on('error', () => {});
    market = setInterval(() => ws.trade('BTCUSDT', price), 10);
  });
  afterEach(async () => {
    clearInterval(market);
    for (const close of closers.splice(0).reverse()) await close();
    leaseRedis.disconnect();
    await Promise.all([ws.close(), rest.close(), redisServer.stop()]);
  });

  it('no alert is lost and none fires twice', async () => {
    const prefix = `test-${randomBytes(6).toString('hex')}:`;
    const store = new MemoryAlertStore();
    const databaseLeases = new MemoryLeases(systemClock);
    const prices = new SettableMarketData(systemClock);
    prices.set('BTC/USDT', 61_000);
    const instance = async (name: string) => {
      const bus = new RedisTickBus({ redisUrl: redisServer.url, prefix, logger: silentLogger() });
      const alerts = new AlertService({ store, marketData: prices, markets: new MarketDirectory(prices, systemClock), clock: systemClock, logger: silentLogger(), onChange: (id) => void bus.publishAlertChange(id).catch(() => {}) });
      const watcher = new AlertWatcher({ store, fire: (ids, tick) => alerts.fireReached(ids, tick), clock: systemClock, logger: silentLogger() });
      bus.onTick((t) => watcher.onTick(t));
      bus.onAlertChange((id) => void watcher.reload(id));
      const channels = await createCcxtProChannels({ clock: systemClock, baseUrl: rest.url, wsUrl: ws.url });
      const source = new ResilientTickSource({ channels, subscribe: ['trades'], restPrice: async () => ({ last: 61_000, timestamp: Date.now() }), timers: realTimers, logger: silentLogger(), backoffMs: 20 });
      const holder = new StreamHolder({
        leases: new FallbackLeases(new RedisLeases(leaseRedis, prefix), databaseLeases),
        holderId: name,
        source,
        publish: (t) => bus.publish(t),
        deliverLocally: (t) => watcher.onTick(t),
        symbols: () => watcher.symbols(),
        timers: realTimers,
        logger: silentLogger(),
        ttlMs: 1_500,
      });
      watcher.onSymbols((s) => holder.watch(s));
      await Promise.all([watcher.rebuild(), bus.ready()]);
      closers.push(async () => {
        await holder.stop();
        await watcher.settled();
        bus.close().catch(() => {});
      });
      return { alerts, watcher, holder };
    };
    const a = await instance('a');
    const b = await instance('b');
    const during = await a.alerts.set({ userId: 1, symbol: 'BTC/USDT', price: 62_000, direction: 'above' });
    const after = await b.alerts.set({ userId: 2, symbol: 'BTC/USDT', price: 63_000, direction: 'above' });
    await until(() => a.watcher.size === 2 && b.watcher.size === 2);
    a.holder.start();
    b.holder.start();
    await ws.waitForSubscription('btcusdt@trade');
    await until(() => a.holder.isHolder !== b.holder.isHolder);

    await redisServer.stop();
    // The holder's next renewal goes to the database's lease; ticks meanwhile go to its own book.
    await new Promise((r) => setTimeout(r, 700));
    price = '62100';
    await until(() => store.told.length === 1);
    expect(store.told[0]!.key).toBe(`alert:${during.alert.id}:fired`);
    expect([a.holder.isHolder, b.holder.isHolder].filter(Boolean)).toHaveLength(1);

    await redisServer.restart();
    price = '63100';
    await until(() => store.told.length === 2);
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all([a.watcher.settled(), b.watcher.settled()]);
    expect(store.told.map((n) => n.key).sort()).toEqual([`alert:${during.alert.id}:fired`, `alert:${after.alert.id}:fired`].sort());
    expect((await store.get(during.alert.id))!.fireCount).toBe(1);
    expect((await store.get(after.alert.id))!.fireCount).toBe(1);
  });
});
