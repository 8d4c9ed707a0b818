import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../shared/ids.js';
import { alertFiredNotification } from './alert-events.js';
import type { AlertStore, NewAlert } from './ports.js';
import type { LevelAlert, PriceAlert } from './types.js';

/**
 * What every AlertStore must do: the in-memory fake the domain tests use, and the repository on
 * PGlite and PostgreSQL. `newUser` gives each case users of its own.
 */
export interface AlertStoreContractSetup {
  store: AlertStore;
  newUser(): Promise<number>;
  /** The keys of the notifications the store has written so far. */
  told(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export function alertStoreContract(name: string, setup: () => Promise<AlertStoreContractSetup>): void {
  describe(`AlertStore contract: ${name}`, () => {
    let ctx: AlertStoreContractSetup;
    let store: AlertStore;
    beforeAll(async () => {
      ctx = await setup();
      store = ctx.store;
    });
    afterAll(async () => {
      await ctx?.cleanup();
    });

    let t = Date.UTC(2026, 0, 1);
    const notify = (fired: PriceAlert) => alertFiredNotification(fired, Number(fired.triggeredPrice));
    type Fields = Partial<Omit<LevelAlert, 'kind' | 'direction'>> & { kind?: 'level' | 'move'; direction?: string; pct?: string; windowMs?: number; cooldownMs?: number | null; expiresAt?: Date | null; armed?: boolean };
    const alert = (userId: number, fields: Fields = {}): NewAlert =>
      ({
        id: newId(),
        userId,
        symbol: 'BTC/USDT',
        direction: 'below',
        price: '60000',
        createdAt: new Date((t += 1000)),
        ...fields,
      }) as NewAlert;
    const create = async (userId: number, fields: Fields = {}, maxActive = 50) => {
      const outcome = await store.create(alert(userId, fields), { maxActive });
      if (outcome.outcome !== 'created') throw new Error(`expected created, got ${outcome.outcome}`);
      return outcome.alert;
    };

    it('stores an alert as active, with its level to the last decimal', async () => {
      const user = await ctx.newUser();
      const fields = alert(user, { symbol: 'SHIB/USDT', direction: 'above', price: '0.00001234' });
      const outcome = await store.create(fields, { maxActive: 50 });
      const stored = {
        ...fields,
        kind: 'level',
        status: 'active',
        triggeredAt: null,
        triggeredPrice: null,
        cancelledAt: null,
        cooldownMs: null,
        armed: true,
        snoozedUntil: null,
        expiresAt: null,
        fireCount: 0,
      };
      expect(outcome).toEqual({ outcome: 'created', alert: stored });
      expect(await store.forUser(user)).toEqual([stored]);
    });

    it('returns the active alert instead of storing the same one twice', async () => {
      const user = await ctx.newUser();
      const first = await create(user, { price: '60000' });
      const again = await store.create(alert(user, { price: '60000.000' }), { maxActive: 50 });
      expect(again).toEqual({ outcome: 'duplicate', alert: first });
      // Another level, direction or symbol is another alert; so is the same one once removed.
      await create(user, { price: '59000' });
      await create(user, { price: '60000', direction: 'above' });
      await create(user, { price: '60000', symbol: 'ETH/USDT' });
      await store.cancel(first.id, user, new Date());
      await create(user, { price: '60000' });
      expect(await store.forUser(user, { activeOnly: true })).toHaveLength(4);
    });

    it('keeps to the cap, counting only active alerts, also when alerts are set at the same moment', async () => {
      const user = await ctx.newUser();
      const a = await create(user, { price: '1' }, 3);
      const b = await create(user, { price: '2' }, 3);
      await create(user, { price: '3' }, 3);
      expect(await store.create(alert(user, { price: '4' }), { maxActive: 3 })).toEqual({ outcome: 'limit', active: 3 });
      await store.cancel(a.id, user, new Date());
      await store.trigger([b.id], new Date(), '2', notify);
      await create(user, { price: '4' }, 3);
      await create(user, { price: '5' }, 3);

      const racer = await ctx.newUser();
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => store.create(alert(racer, { price: String(100 + i) }), { maxActive: 5 })));
      expect(outcomes.filter((o) => o.outcome === 'created')).toHaveLength(5);
      expect(outcomes.filter((o) => o.outcome === 'limit')).toHaveLength(7);
      expect(await store.forUser(racer, { activeOnly: true })).toHaveLength(5);
    });

    it('triggers only active alerts, each once, and says which it moved', async () => {
      const user = await ctx.newUser();
      const a = await create(user, { price: '60000' });
      const b = await create(user, { price: '59000' });
      const gone = await create(user, { price: '58000' });
      await store.cancel(gone.id, user, new Date());
      const at = new Date(Date.UTC(2026, 0, 2, 12));
      const moved = await store.trigger([a.id, b.id, gone.id], at, '57999.5', notify);
      expect(moved.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
      expect(moved[0]).toMatchObject({ status: 'triggered', triggeredAt: at, triggeredPrice: '57999.5' });
      expect(await store.trigger([a.id, b.id], new Date(), '1', notify)).toEqual([]);
      expect(await store.trigger([], new Date(), '1', notify)).toEqual([]);
      expect((await store.forUser(user)).find((x) => x.id === a.id)).toMatchObject({ status: 'triggered', triggeredPrice: '57999.5' });
    });

    it('fires each alert exactly once when passes race', async () => {
      const user = await ctx.newUser();
      const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => create(user, { price: String(50_000 + i) }).then((x) => x.id)));
      const passes = await Promise.all(Array.from({ length: 6 }, () => store.trigger(ids, new Date(), '49000', notify)));
      const fired = passes.flat().map((x) => x.id);
      expect(fired.sort()).toEqual([...ids].sort());
      // Each told exactly once, written with its firing.
      const told = (await ctx.told()).filter((key) => ids.some((id) => key === `alert:${id}:fired`));
      expect(told.sort()).toEqual(ids.map((id) => `alert:${id}:fired`).sort());
    });

    it('lets only one of a removal and a trigger win', async () => {
      const user = await ctx.newUser();
      for (let i = 0; i < 5; i++) {
        const a = await create(user, { price: String(40_000 + i) });
        const [removed, fired] = await Promise.all([store.cancel(a.id, user, new Date()), store.trigger([a.id], new Date(), '39000', notify)]);
        expect(Number(removed.outcome === 'removed') + fired.length).toBe(1);
        if (removed.outcome !== 'removed') expect(removed).toMatchObject({ outcome: 'already', alert: { status: 'triggered' } });
      }
    });

    it('removes an alert for its owner only, and once', async () => {
      const owner = await ctx.newUser();
      const other = await ctx.newUser();
      const a = await create(owner);
      expect(await store.cancel(a.id, other, new Date())).toEqual({ outcome: 'not_owner' });
      expect((await store.forUser(owner, { activeOnly: true })).map((x) => x.id)).toEqual([a.id]);
      const at = new Date(Date.UTC(2026, 0, 3));
      expect(await store.cancel(a.id, owner, at)).toMatchObject({ outcome: 'removed', alert: { id: a.id, status: 'cancelled', cancelledAt: at } });
      expect(await store.cancel(a.id, owner, new Date())).toMatchObject({ outcome: 'already', alert: { status: 'cancelled' } });
      expect(await store.cancel('NoSuchAlert00000', owner, new Date())).toEqual({ outcome: 'not_found' });
      expect(await store.trigger([a.id], new Date(), '1', notify)).toEqual([]);
    });

    it('pages through every active alert once, and lists a user’s newest first', async () => {
      const user = await ctx.newUser();
      const made = [];
      for (let i = 0; i < 7; i++) made.push(await create(user, { price: String(1000 + i) }));
      await store.cancel(made[0]!.id, user, new Date());
      const seen: string[] = [];
      let afterId: string | undefined;
      for (;;) {
        const page = await store.active({ afterId, limit: 3 });
        seen.push(...page.map((x) => x.id));
        if (page.length < 3) break;
        afterId = page.at(-1)!.id;
      }
      const mine = new Set(made.slice(1).map((x) => x.id));
      expect(seen.filter((id) => mine.has(id)).sort()).toEqual([...mine].sort());
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).not.toContain(made[0]!.id);

      const levels = (list: PriceAlert[]) => list.map((x) => (x as LevelAlert).price);
      expect(levels(await store.forUser(user, { limit: 3 }))).toEqual(['1006', '1005', '1004']);
      expect(levels(await store.forUser(user, { activeOnly: true, limit: 50 }))).not.toContain('1000');
    });

    it('stores a move alert with its percent and window; the same move is a duplicate, another window is not', async () => {
      const user = await ctx.newUser();
      const move = await create(user, { kind: 'move', direction: 'either', pct: '5', windowMs: 3_600_000, symbol: 'ETH/USDT', price: undefined, armed: false });
      expect(move).toMatchObject({ kind: 'move', direction: 'either', pct: '5', windowMs: 3_600_000, armed: false, status: 'active' });
      expect(move).not.toHaveProperty('price');
      const again = await store.create(alert(user, { kind: 'move', direction: 'either', pct: '5.0', windowMs: 3_600_000, symbol: 'ETH/USDT', price: undefined }), { maxActive: 50 });
      expect(again).toMatchObject({ outcome: 'duplicate', alert: { id: move.id } });
      await create(user, { kind: 'move', direction: 'either', pct: '5', windowMs: 86_400_000, symbol: 'ETH/USDT', price: undefined });
      expect(await store.get(move.id)).toEqual(move);
      expect(await store.get('NoSuchAlert00000')).toBeUndefined();
    });

    it('keeps a repeating alert active when it fires, disarmed until re-armed after its cooldown; each firing told once', async () => {
      const user = await ctx.newUser();
      const a = await create(user, { cooldownMs: 600_000 });
      const t0 = Date.UTC(2026, 1, 1, 12);
      const [first] = await store.trigger([a.id], new Date(t0), '59000', notify);
      expect(first).toMatchObject({ status: 'active', armed: false, fireCount: 1, triggeredPrice: '59000' });
      // Disarmed: a second pass past the level tells nothing more.
      expect(await store.trigger([a.id], new Date(t0 + 5_000), '58000', notify)).toEqual([]);
      // Not before the cooldown is over; then once, however many passes race.
      expect(await store.rearm([a.id], new Date(t0 + 599_999))).toEqual([]);
      const rearmed = await Promise.all([store.rearm([a.id], new Date(t0 + 600_000)), store.rearm([a.id], new Date(t0 + 600_001))]);
      expect(rearmed.flat()).toEqual([a.id]);
      const racing = await Promise.all(Array.from({ length: 4 }, () => store.trigger([a.id], new Date(t0 + 700_000), '59500', notify)));
      expect(racing.flat().map((x) => x.fireCount)).toEqual([2]);
      const told = (await ctx.told()).filter((key) => key.startsWith(`alert:${a.id}:`));
      expect(told.sort()).toEqual([`alert:${a.id}:fired`, `alert:${a.id}:fired:2`]);
      // A one-shot alert is never re-armed.
      const once = await create(user, { price: '1' });
      await store.trigger([once.id], new Date(t0), '1', notify);
      expect(await store.rearm([once.id], new Date(t0 + 86_400_000))).toEqual([]);
    });

    it('snoozes for its owner only: quiet until then, and a fired one-shot alert is active again', async () => {
      const owner = await ctx.newUser();
      const other = await ctx.newUser();
      const a = await create(owner);
      const t0 = Date.UTC(2026, 1, 2, 12);
      await store.trigger([a.id], new Date(t0), '59000', notify);
      const until = new Date(t0 + 3_600_000);
      const cap = { maxActive: 50 };
      expect(await store.snooze(a.id, other, until, cap)).toEqual({ outcome: 'not_owner' });
      expect(await store.snooze('NoSuchAlert00000', owner, until, cap)).toEqual({ outcome: 'not_found' });
      expect(await store.snooze(a.id, owner, until, cap)).toMatchObject({ outcome: 'snoozed', alert: { status: 'active', armed: true, snoozedUntil: until } });
      expect(await store.trigger([a.id], new Date(t0 + 3_599_999), '58000', notify)).toEqual([]);
      expect(await store.trigger([a.id], until, '58000', notify)).toMatchObject([{ status: 'triggered', fireCount: 2, snoozedUntil: null }]);
      await store.snooze(a.id, owner, until, cap);
      await store.cancel(a.id, owner, new Date());
      expect(await store.snooze(a.id, owner, until, cap)).toMatchObject({ outcome: 'already', alert: { status: 'cancelled' } });
    });

    it('snoozing a fired alert brings it back only under the cap: an active one snoozes at any count', async () => {
      const owner = await ctx.newUser();
      const t0 = Date.UTC(2026, 1, 2, 13);
      const fired = await create(owner);
      const other = await create(owner, { price: '59000' });
      await store.trigger([fired.id], new Date(t0), '61000', notify);
      const until = new Date(t0 + 3_600_000);
      // One active alert (other) with a cap of 1: bringing the fired one back would make two.
      expect(await store.snooze(fired.id, owner, until, { maxActive: 1 })).toEqual({ outcome: 'limit', active: 1 });
      expect((await store.get(fired.id))?.status).toBe('triggered');
      expect(await store.snooze(other.id, owner, until, { maxActive: 1 })).toMatchObject({ outcome: 'snoozed' });
      expect(await store.snooze(fired.id, owner, until, { maxActive: 2 })).toMatchObject({ outcome: 'snoozed', alert: { status: 'active' } });
    });

    it('expires an alert once its time is up, and an expired alert never fires', async () => {
      const user = await ctx.newUser();
      const t0 = Date.UTC(2026, 1, 3, 12);
      const a = await create(user, { expiresAt: new Date(t0 + 60_000) });
      const b = await create(user, { price: '59000' });
      expect(await store.expire([a.id, b.id], new Date(t0 + 59_999))).toEqual([]);
      expect(await store.trigger([a.id], new Date(t0 + 60_000), '1', notify)).toEqual([]);
      expect(await store.expire([a.id, b.id], new Date(t0 + 60_000))).toEqual([a.id]);
      expect(await store.get(a.id)).toMatchObject({ status: 'expired' });
      expect((await store.forUser(user, { activeOnly: true })).map((x) => x.id)).toEqual([b.id]);
    });

    it('moves an active level alert’s level, for its owner only', async () => {
      const owner = await ctx.newUser();
      const other = await ctx.newUser();
      const a = await create(owner, { price: '60000' });
      expect(await store.relevel(a.id, other, '59000')).toEqual({ outcome: 'not_owner' });
      expect(await store.relevel('NoSuchAlert00000', owner, '59000')).toEqual({ outcome: 'not_found' });
      expect(await store.relevel(a.id, owner, '59400.5')).toMatchObject({ outcome: 'changed', alert: { id: a.id, price: '59400.5', status: 'active' } });
      expect(await store.get(a.id)).toMatchObject({ price: '59400.5' });
      const m = await create(owner, { kind: 'move', direction: 'up', pct: '5', windowMs: 3_600_000, price: undefined });
      expect(await store.relevel(m.id, owner, '1')).toMatchObject({ outcome: 'already', alert: { kind: 'move' } });
      await store.cancel(a.id, owner, new Date());
      expect(await store.relevel(a.id, owner, '1')).toMatchObject({ outcome: 'already', alert: { status: 'cancelled', price: '59400.5' } });
    });
  });
}
