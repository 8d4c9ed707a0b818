import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryAlertStore } from '../../test/support/memory-alert-store.js';
import { SettableMarketData } from '../../test/support/settable-market-data.js';
import { MarketDirectory } from '../market/market-directory.js';
import { ManualClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import type { AlertStore } from './ports.js';
import { AlertService } from './alert-service.js';

const ALICE = { userId: 1 };
const BOB = { userId: 2 };

describe('the alert book', () => {
  let clock: ManualClock;
  let market: SettableMarketData;
  let store: MemoryAlertStore;
  let alerts: AlertService;
  const service = (s: AlertStore = store, maxActivePerUser?: number) =>
    new AlertService({ store: s, marketData: market, markets: new MarketDirectory(market, clock), clock, logger: silentLogger(), ...(maxActivePerUser ? { maxActivePerUser } : {}) });

  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 0, 1));
    market = new SettableMarketData(clock);
    market.set('BTC/USDT', 61_234);
    market.set('ETH/USDT', 3_000);
    store = new MemoryAlertStore();
    alerts = service();
  });

  const pass = async () => {
    clock.advance(5_000);
    return (await alerts.check()).map((f) => ({ id: f.alert.id, last: f.last }));
  };

  it('infers the direction from the price now when the message did not say', async () => {
    const below = await alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 60_000 });
    expect(below).toMatchObject({ alert: { direction: 'below', price: '60000', status: 'active', userId: 1 }, last: 61_234, existing: false });
    const above = await alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: '70000' });
    expect(above.alert.direction).toBe('above');
  });

  it('refuses an alert that already holds, an unlisted coin, a level that is no price, and the 51st', async () => {
    await expect(alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 60_000, direction: 'above' })).rejects.toMatchObject({
      code: 'alert.already_there',
      userMessage: 'BTC is already above 60,000.00 (61,234.00 now).',
    });
    await expect(alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 61_234 })).rejects.toMatchObject({ code: 'alert.already_there' });
    await expect(alerts.set({ ...ALICE, symbol: 'NOPE/USDT', price: 1 })).rejects.toMatchObject({ code: 'market.unknown_symbol' });
    await expect(alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: -1 })).rejects.toMatchObject({ code: 'alert.invalid_price' });
    expect(await alerts.active(ALICE.userId)).toEqual([]);

    const capped = service(store, 3);
    for (const price of [50_000, 51_000, 52_000]) await capped.set({ ...ALICE, symbol: 'BTC/USDT', price });
    await expect(capped.set({ ...ALICE, symbol: 'BTC/USDT', price: 53_000 })).rejects.toMatchObject({ code: 'alert.limit', userMessage: expect.stringContaining('3 active alerts') });
    // The same alert again is not a fourth one.
    expect(await capped.set({ ...ALICE, symbol: 'BTC/USDT', price: 52_000 })).toMatchObject({ existing: true });
    // Bob's cap is his own.
    await capped.set({ ...BOB, symbol: 'BTC/USDT', price: 53_000 });
  });

  it('fires when the price walks to the level, and only then', async () => {
    const { alert } = await alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 60_000 });
    market.set('BTC/USDT', 60_000.01);
    expect(await pass()).toEqual([]);
    market.set('BTC/USDT', 60_000);
    expect(await pass()).toEqual([{ id: alert.id, last: 60_000 }]);
    expect((await alerts.recentlyFired(ALICE.userId))[0]).toMatchObject({ id: alert.id, status: 'triggered', triggeredPrice: '60000', triggeredAt: new Date(clock.now()) });
    // Fired once: the price staying there does not fire it again.
    expect(await pass()).toEqual([]);
  });

  it('fires when the price jumped past the level between two passes', async () => {
    const down = await alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 60_000 });
    const up = await alerts.set({ ...BOB, symbol: 'ETH/USDT', price: 3_100 });
    market.set('BTC/USDT', 55_000);
    market.set('ETH/USDT', 3_400);
    const fired = await pass();
    expect(fired).toEqual(expect.arrayContaining([{ id: down.alert.id, last: 55_000 }, { id: up.alert.id, last: 3_400 }]));
    expect(fired).toHaveLength(2);
    // Each owner is told through the outbox, with the price that fired it.
    expect(store.told).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: `alert:${down.alert.id}:fired`, userId: ALICE.userId, kind: 'alert.fired', urgent: true, payload: expect.objectContaining({ last: 55_000 }) }),
        expect.objectContaining({ key: `alert:${up.alert.id}:fired`, userId: BOB.userId, payload: expect.objectContaining({ last: 3_400 }) }),
      ]),
    );
  });

  it('does not see a spike that crossed the level and came back between two passes (no candles consulted)', async () => {
    await alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 60_000 });
    clock.advance(1_000);
    market.set('BTC/USDT', 59_000);
    clock.advance(1_000);
    market.set('BTC/USDT', 61_000);
    expect(await pass()).toEqual([]);
    expect(await alerts.active(ALICE.userId)).toHaveLength(1);
  });

  it('reads one ticker per symbol per pass, and fires each alert once when two passes race', async () => {
    for (const [who, price] of [[ALICE, 60_000], [BOB, 60_000], [ALICE, 59_000], [BOB, 3_100]] as const) {
      await alerts.set({ ...who, symbol: price === 3_100 ? 'ETH/USDT' : 'BTC/USDT', price });
    }
    market.set('BTC/USDT', 58_000);
    market.set('ETH/USDT', 3_200);
    const asked: string[] = [];
    const counting = { ticker: (symbol: string) => (asked.push(symbol), market.ticker(symbol)), candles: market.candles.bind(market) };
    const other = new AlertService({ store, marketData: counting, markets: new MarketDirectory(market, clock), clock, logger: silentLogger() });
    const [a, b] = await Promise.all([alerts.check(), other.check()]);
    const ids = [...a, ...b].map((f) => f.alert.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(asked.sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
  });

  it('leaves a symbol it cannot price for the next pass and fires the others', async () => {
    const btc = await alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 60_000 });
    await alerts.set({ ...ALICE, symbol: 'ETH/USDT', price: 2_900 });
    market.set('BTC/USDT', 59_000);
    market.set('ETH/USDT', 2_800);
    const flaky = { ticker: async (symbol: string) => (symbol === 'ETH/USDT' ? Promise.reject(new Error('timeout')) : market.ticker(symbol)), candles: market.candles.bind(market) };
    const partial = new AlertService({ store, marketData: flaky, markets: new MarketDirectory(market, clock), clock, logger: silentLogger() });
    expect((await partial.check()).map((f) => f.alert.id)).toEqual([btc.alert.id]);
    expect((await pass()).map((f) => f.last)).toEqual([2_800]);
  });

  it('removes an alert for its owner only; a removed alert never fires', async () => {
    const { alert } = await alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 60_000 });
    expect(await alerts.remove(BOB.userId, alert.id)).toEqual({ outcome: 'not_owner' });
    expect(await alerts.remove(ALICE.userId, alert.id)).toMatchObject({ outcome: 'removed', alert: { status: 'cancelled' } });
    market.set('BTC/USDT', 50_000);
    expect(await pass()).toEqual([]);
    expect(await alerts.remove(ALICE.userId, alert.id)).toMatchObject({ outcome: 'already' });
  });

  it('fires a move alert when the price moves the percent within the window, from the window’s low — a spike between passes included', async () => {
    const { alert } = await alerts.setMove({ ...ALICE, symbol: 'ETH/USDT', pct: 5, windowMs: 3_600_000 });
    expect(alert).toMatchObject({ kind: 'move', direction: 'either', pct: '5', armed: true });
    clock.advance(20 * 60_000);
    market.set('ETH/USDT', 2_950);
    clock.advance(60_000);
    market.set('ETH/USDT', 3_090);
    expect(await pass()).toEqual([]);
    market.set('ETH/USDT', 3_100);
    const fired = await alerts.check();
    expect(fired).toHaveLength(1);
    expect(fired[0]!.move?.from).toBe(2_950);
    expect(fired[0]!.move?.pct).toBeCloseTo(5.08, 2);
    expect(store.told.at(-1)?.payload).toMatchObject({ move: { from: 2_950 }, actions: ['buy', 'sell', 'snooze'] });
    expect(await pass()).toEqual([]);
  });

  it('sets a move already under way disarmed, so only the next move is told', async () => {
    clock.advance(60_000);
    market.set('ETH/USDT', 3_200);
    const set = await alerts.setMove({ ...ALICE, symbol: 'ETH/USDT', pct: 5, windowMs: 3_600_000, direction: 'up', cooldownMs: 600_000 });
    expect(set.alert.armed).toBe(false);
    expect(await pass()).toEqual([]);
    // An hour and a bit later the window no longer holds the low: the move is over, the alert re-arms, then a new rise fires it.
    clock.advance(3_700_000);
    expect(await pass()).toEqual([]);
    expect((await alerts.active(ALICE.userId))[0]).toMatchObject({ armed: true });
    clock.advance(60_000);
    market.set('ETH/USDT', 3_400);
    expect(await pass()).toEqual([{ id: set.alert.id, last: 3_400 }]);
  });

  it('repeats a level alert once per crossing, no more often than its cooldown', async () => {
    const { alert } = await alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 60_000, cooldownMs: 600_000 });
    market.set('BTC/USDT', 59_900);
    expect(await pass()).toEqual([{ id: alert.id, last: 59_900 }]);
    // Staying past the level tells nothing more, even after the cooldown.
    clock.advance(700_000);
    expect(await pass()).toEqual([]);
    market.set('BTC/USDT', 60_100);
    expect(await pass()).toEqual([]);
    market.set('BTC/USDT', 59_950);
    expect(await pass()).toEqual([{ id: alert.id, last: 59_950 }]);
    // Back and forth within the cooldown: quiet.
    market.set('BTC/USDT', 60_100);
    expect(await pass()).toEqual([]);
    market.set('BTC/USDT', 59_900);
    expect(await pass()).toEqual([]);
    expect(store.told.map((n) => n.key)).toEqual([`alert:${alert.id}:fired`, `alert:${alert.id}:fired:2`]);
    expect((await alerts.active(ALICE.userId)).map((a) => a.id)).toEqual([alert.id]);
  });

  it('expires an alert quietly at its time; refuses a lifetime under a minute', async () => {
    const { alert } = await alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 60_000, expiresInMs: 24 * 3_600_000 });
    expect(alert.expiresAt).toEqual(new Date(clock.now() + 24 * 3_600_000));
    clock.advance(24 * 3_600_000);
    market.set('BTC/USDT', 59_000);
    expect(await pass()).toEqual([]);
    expect(await alerts.active(ALICE.userId)).toEqual([]);
    expect(store.told).toEqual([]);
    await expect(alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 60_000, expiresInMs: 1_000 })).rejects.toThrow('An alert’s lifetime must be between a minute and 366 days.');
  });

  it('snoozes a fired alert: told again after the snooze if it still holds', async () => {
    const { alert } = await alerts.set({ ...ALICE, symbol: 'BTC/USDT', price: 60_000 });
    market.set('BTC/USDT', 59_000);
    expect(await pass()).toHaveLength(1);
    expect(await alerts.snooze(BOB.userId, alert.id, 'hour')).toEqual({ outcome: 'not_owner' });
    expect(await alerts.snooze(ALICE.userId, alert.id, 'hour')).toMatchObject({ outcome: 'snoozed' });
    expect(await pass()).toEqual([]);
    clock.advance(3_600_000);
    expect(await pass()).toEqual([{ id: alert.id, last: 59_000 }]);
    expect(await alerts.owned(BOB.userId, alert.id)).toEqual({ outcome: 'not_owner' });
    expect(await alerts.owned(ALICE.userId, alert.id)).toMatchObject({ outcome: 'found', alert: { status: 'triggered', fireCount: 2 } });
  });
});
