import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryAlertStore } from '../../test/support/memory-alert-store.js';
import { SettableMarketData } from '../../test/support/settable-market-data.js';
import { MarketDirectory } from '../market/market-directory.js';
import type { Tick } from '../market/tick.js';
import { ManualClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import { MemoryTickBus } from '../streams/memory-tick-bus.js';
import { AlertService } from './alert-service.js';
import { AlertWatcher } from './alert-watcher.js';
import type { AlertStore } from './ports.js';

const ALICE = { userId: 1 };

/**
 * Two instances over one store and one bus: each has its own AlertService (its chat, its jobs)
 * and its own watcher (its book), and both get every tick.
 */
describe('alerts fired per tick (AlertWatcher)', () => {
  let clock: ManualClock;
  let market: SettableMarketData;
  let store: MemoryAlertStore;
  let bus: MemoryTickBus;
  let instances: Array<{ alerts: AlertService; watcher: AlertWatcher }>;

  const instance = (s: AlertStore = store) => {
    const alerts = new AlertService({ store: s, marketData: market, markets: new MarketDirectory(market, clock), clock, logger: silentLogger(), onChange: (id) => void bus.publishAlertChange(id) });
    const watcher = new AlertWatcher({ store: s, fire: (ids, tick) => alerts.fireReached(ids, tick), clock, logger: silentLogger() });
    bus.onTick((tick) => watcher.onTick(tick));
    bus.onAlertChange((id) => void watcher.reload(id));
    return { alerts, watcher };
  };
  const tick = (symbol: string, last: number): Tick => ({ symbol, last, at: clock.now(), source: 'ws' });
  const settled = async () => {
    // A change message is handled asynchronously (a store read): let it land.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    await Promise.all(instances.map((i) => i.watcher.settled()));
  };

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 0, 1));
    market = new SettableMarketData(clock);
    market.set('BTC/USDT', 61_234);
    market.set('ETH/USDT', 3_000);
    store = new MemoryAlertStore();
    bus = new MemoryTickBus();
    instances = [instance(), instance()];
    await Promise.all(instances.map((i) => i.watcher.rebuild()));
  });

  it('an alert set on one instance fires on the tick that crosses it, once, though both books saw it', async () => {
    const { alert } = await instances[0]!.alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 62_000 });
    await settled();
    expect(instances.map((i) => i.watcher.size)).toEqual([1, 1]);
    await bus.publish(tick('BTC/USDT', 61_999.99));
    await settled();
    expect(store.told).toHaveLength(0);
    await bus.publish(tick('BTC/USDT', 62_000));
    await bus.publish(tick('BTC/USDT', 62_050));
    await settled();
    expect(store.told.map((n) => n.key)).toEqual([`alert:${alert.id}:fired`]);
    expect((await store.get(alert.id))!.status).toBe('triggered');
    expect(instances.map((i) => i.watcher.size)).toEqual([0, 0]);
  });

  it('catches a spike between two checking passes that the pass misses', async () => {
    const { alert } = await instances[0]!.alerts.set({ ...ALICE, symbol: 'ETH/USDT', price: 2_900, direction: 'below' });
    await settled();
    // Pass, then a wick down through the level and back, then the next pass: the passes see 3,000 both times.
    expect(await instances[0]!.alerts.check()).toEqual([]);
    for (const price of [2_990, 2_950, 2_899.5, 2_960, 3_000]) await bus.publish(tick('ETH/USDT', price));
    await settled();
    expect(await instances[1]!.alerts.check()).toEqual([]);
    expect(store.told).toHaveLength(1);
    expect(store.told[0]).toMatchObject({ key: `alert:${alert.id}:fired`, payload: { last: 2_899.5 } });
  });

  it('a removed alert leaves every book; a snoozed one waits for the pass', async () => {
    const removed = await instances[0]!.alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 62_000 });
    const snoozed = await instances[0]!.alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 63_000 });
    await settled();
    await instances[1]!.alerts.remove(ALICE.userId, removed.alert.id);
    await instances[1]!.alerts.snooze(ALICE.userId, snoozed.alert.id, 'hour');
    await settled();
    expect(instances.map((i) => i.watcher.size)).toEqual([0, 0]);
    await bus.publish(tick('BTC/USDT', 64_000));
    await settled();
    expect(store.told).toHaveLength(0);
  });

  it('rebuilt from the store at start: alerts set before this instance started fire too', async () => {
    const { alert } = await instances[0]!.alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 60_000 });
    await settled();
    const late = instance();
    instances.push(late);
    expect(late.watcher.size).toBe(0);
    await late.watcher.rebuild();
    expect(late.watcher.size).toBe(1);
    expect(late.watcher.symbols()).toEqual(['BTC/USDT']);
    late.watcher.onTick(tick('BTC/USDT', 59_000));
    await settled();
    expect(store.told.map((n) => n.key)).toEqual([`alert:${alert.id}:fired`]);
  });

  it('when the store cannot fire, the alerts go back in the book and fire on a later tick', async () => {
    let failing = true;
    const flaky: AlertStore = Object.assign(Object.create(store) as AlertStore, {
      trigger: (...args: Parameters<AlertStore['trigger']>) => (failing ? Promise.reject(new Error('database down')) : store.trigger(...args)),
    });
    const solo = instance(flaky);
    instances = [solo];
    await solo.watcher.rebuild();
    const { alert } = await solo.alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 62_000 });
    await settled();
    solo.watcher.onTick(tick('BTC/USDT', 62_100));
    await settled();
    expect(store.told).toHaveLength(0);
    expect(solo.watcher.size).toBe(1);
    failing = false;
    solo.watcher.onTick(tick('BTC/USDT', 62_200));
    await settled();
    expect(store.told.map((n) => n.key)).toEqual([`alert:${alert.id}:fired`]);
  });

  it('an alert set while a resync reads the store is not lost by the resync', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slow: AlertStore = Object.assign(Object.create(store) as AlertStore, {
      active: async (page: Parameters<AlertStore['active']>[0]) => {
        const rows = await store.active(page);
        await gate;
        return rows;
      },
    });
    const watcher = new AlertWatcher({ store: slow, fire: async () => [], clock, logger: silentLogger() });
    const resync = watcher.rebuild(); // reads the store: nothing yet
    await new Promise((r) => setImmediate(r));
    const { alert } = await instances[0]!.alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 62_000 });
    await watcher.reload(alert.id);
    expect(watcher.size).toBe(1);
    release();
    await resync;
    expect(watcher.size).toBe(1);
  });
});
