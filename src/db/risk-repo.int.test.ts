import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { telegramUser } from '../../test/support/users.js';
import { dec } from '../shared/decimal.js';
import { NotificationRepo } from './notification-repo.js';
import { RiskRepo } from './risk-repo.js';
import { UserRepo } from './user-repo.js';

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 2, 1);
let telegramSeq = 88_000;

for (const driver of DATABASES) {
  describe.skipIf(!driver.enabled)(`RiskRepo on ${driver.name}`, () => {
    let database: TestDatabase;
    let repo: RiskRepo;
    beforeAll(async () => {
      database = await driver.open();
      repo = new RiskRepo(database.db);
    });
    afterAll(async () => {
      await database?.close();
    });
    const someone = () => telegramUser(new UserRepo(database.db), ++telegramSeq, { firstName: 'Ria' });

    it('opens each UTC day with its first mark, then moves its low, high and last, and the peak', async () => {
      const { account } = await someone();
      const at = (ms: number) => new Date(ms);
      expect(await repo.mark(account.id, at(D0 + 60_000), dec(10_000))).toEqual({ today: { day: D0, open: dec(10_000), low: dec(10_000), high: dec(10_000), last: dec(10_000) }, peak: dec(10_000) });
      await repo.mark(account.id, at(D0 + 3_600_000), dec(10_400));
      const fell = await repo.mark(account.id, at(D0 + 7_200_000), dec(9_100));
      expect(fell.today).toMatchObject({ open: dec(10_000), low: dec(9_100), high: dec(10_400), last: dec(9_100) });
      expect(fell.peak.toFixed()).toBe('10400');
      const next = await repo.mark(account.id, at(D0 + DAY + 5), dec(9_300));
      expect(next.today).toMatchObject({ day: D0 + DAY, open: dec(9_300), low: dec(9_300) });
      expect((await repo.days(account.id)).map((d) => [d.day, d.open.toFixed(), d.low.toFixed(), d.last.toFixed()])).toEqual([
        [D0, '10000', '9100', '9100'],
        [D0 + DAY, '9300', '9300', '9300'],
      ]);
    });

    it('pauses once however many callers race, with its notice written by the one that paused', async () => {
      const { user } = await someone();
      const notice = (pausedAt: number) => [{ key: `risk:${user.id}:paused:${pausedAt}`, userId: user.id, kind: 'risk.paused', subject: null, payload: {}, urgent: true }];
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => repo.pause(user.id, new Date(D0 + i), 'drawdown', notice)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await new NotificationRepo(database.db).all()).filter((n) => n.userId === user.id && n.kind === 'risk.paused')).toHaveLength(1);
      expect(await repo.get(user.id)).toMatchObject({ pauseReason: 'drawdown' });
    });

    it('resumes only a paused user, and sets each account’s peak to its equity then', async () => {
      const { user, account } = await someone();
      await repo.mark(account.id, new Date(D0), dec(12_000));
      expect(await repo.resume(user.id, new Date(D0 + 1), [{ accountId: account.id, equity: dec(9_000) }])).toBe(false);
      await repo.pause(user.id, new Date(D0 + 2), 'panic', () => []);
      expect(await repo.resume(user.id, new Date(D0 + 3), [{ accountId: account.id, equity: dec(9_000) }])).toBe(true);
      expect(await repo.get(user.id)).toMatchObject({ pausedAt: null, pauseReason: null });
      expect((await repo.mark(account.id, new Date(D0 + 4), dec(8_900))).peak.toFixed()).toBe('9000');
    });

    it('stores what a change makes of the limits, in a transaction on the user’s row', async () => {
      const { user } = await someone();
      expect(await repo.get(user.id)).toEqual({ limits: {}, tolerance: null, pending: null, pausedAt: null, pauseReason: null });
      const pending = { limits: { maxPositionPct: 20 }, tolerance: null, effectiveAt: D0 + 3_600_000 };
      await repo.updateLimits(user.id, () => ({ limits: { dailyLossPct: 3 }, tolerance: null, pending }), new Date(D0));
      expect(await repo.get(user.id)).toMatchObject({ limits: { dailyLossPct: 3 }, pending });
      // Concurrent steps each see the other's result: none is lost.
      await Promise.all(Array.from({ length: 5 }, () => repo.updateLimits(user.id, (c) => ({ ...c, limits: { ...c.limits, maxOpenOrders: (c.limits.maxOpenOrders ?? 20) - 1 } }), new Date(D0))));
      expect((await repo.get(user.id)).limits).toEqual({ dailyLossPct: 3, maxOpenOrders: 15 });
      // No change: nothing written.
      expect(await repo.updateLimits(user.id, () => null, new Date(D0))).toMatchObject({ limits: { dailyLossPct: 3 } });
    });
  });
}
