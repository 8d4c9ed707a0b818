import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { telegramUser } from '../../test/support/users.js';
import { WebLinkService } from '../accounts/web-links.js';
import { ManualClock } from '../shared/clock.js';
import { UserRepo } from './user-repo.js';
import { WebLinkRepo } from './web-link-repo.js';

const MIN = 60_000;
let telegramSeq = 91_000;

for (const driver of DATABASES) {
  describe.skipIf(!driver.enabled)(`web links on ${driver.name}`, () => {
    let database: TestDatabase;
    let clock: ManualClock;
    let links: WebLinkService;
    beforeAll(async () => {
      database = await driver.open();
      clock = new ManualClock(Date.UTC(2026, 11, 2, 12));
      links = new WebLinkService({ store: new WebLinkRepo(database.db), clock, ttlMs: 15 * MIN });
    });
    afterAll(async () => {
      await database?.close();
    });
    const someone = async () => (await telegramUser(new UserRepo(database.db), ++telegramSeq, { firstName: 'Wen' })).user;

    it('opens a link once, and its session reads as its owner until it ends', async () => {
      const user = await someone();
      const { code } = await links.issue(user.id);
      clock.advance(14 * MIN);
      const opened = await links.open(code);
      expect(opened).toMatchObject({ outcome: 'opened', userId: user.id });
      if (opened.outcome !== 'opened') throw new Error('not opened');
      expect(await links.open(code)).toEqual({ outcome: 'used' });
      expect(await links.reader(opened.token)).toMatchObject({ userId: user.id });
      clock.advance(15 * MIN);
      expect(await links.reader(opened.token)).toBeNull();
    });

    it('refuses an expired link and an unknown or malformed one, and says which', async () => {
      const user = await someone();
      const { code } = await links.issue(user.id);
      clock.advance(15 * MIN + 1);
      expect(await links.open(code)).toEqual({ outcome: 'expired' });
      expect(await links.open('A'.repeat(43))).toEqual({ outcome: 'unknown' });
      expect(await links.open("' or 1=1 --")).toEqual({ outcome: 'unknown' });
      expect(await links.reader(code)).toBeNull();
    });

    it('gives one session when two tabs open the same link at once', async () => {
      const user = await someone();
      const { code } = await links.issue(user.id);
      const results = await Promise.all(Array.from({ length: 5 }, () => links.open(code)));
      expect(results.filter((r) => r.outcome === 'opened')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'used')).toHaveLength(4);
    });

    it('prunes links and sessions that ended, and keeps live ones', async () => {
      const user = await someone();
      const stale = await links.issue(user.id);
      clock.advance(20 * MIN);
      const live = await links.issue(user.id);
      const opened = await links.open(live.code);
      expect(await links.prune(new Date(clock.now() - MIN))).toBeGreaterThanOrEqual(1);
      expect(await links.open(stale.code)).toEqual({ outcome: 'unknown' });
      if (opened.outcome !== 'opened') throw new Error('not opened');
      expect(await links.reader(opened.token)).toMatchObject({ userId: user.id });
    });
  });
}
