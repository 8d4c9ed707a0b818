import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { strongBuy } from '../../test/support/strong-signals.js';
import { dec } from '../shared/decimal.js';
import type { ProposalCard, ProposalRecord } from '../signals/advisor-service.js';
import { AdvisorRepo } from './advisor-repo.js';
import { NotificationRepo } from './notification-repo.js';
import { SignalRepo } from './signal-repo.js';
import { UserRepo } from './user-repo.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 12);
let telegramSeq = 7000;

// One suite, every driver: what passes on PGlite must pass on PostgreSQL.
for (const driver of DATABASES) {
  describe.skipIf(!driver.enabled)(`signal and advisor repositories on ${driver.name}`, () => {
    let database: TestDatabase;
    let signals: SignalRepo;
    let advisor: AdvisorRepo;
    let outbox: NotificationRepo;
    let users: UserRepo;
    const newUser = async () => (await users.identify({ provider: 'telegram', subject: String(telegramSeq++) }, { firstName: 'T' }, { asset: 'USDT', amount: dec(10_000) })).user.id;

    beforeAll(async () => {
      database = await driver.open();
      signals = new SignalRepo(database.db);
      advisor = new AdvisorRepo(database.db);
      outbox = new NotificationRepo(database.db);
      users = new UserRepo(database.db);
    });
    afterAll(async () => {
      await database?.close();
    });

    it('stores a candle’s readings once, with the indicator values and expiry, and serves the newest unexpired one', async () => {
      const first = strongBuy('SOL/USDT', T0, 140.5);
      expect(await signals.record(first)).toBe(true);
      expect(await signals.record(first)).toBe(false); // a rerun, another worker
      const latest = await signals.latest('SOL/USDT', '1h', T0 + 1000);
      expect(latest).toMatchObject({ symbol: 'SOL/USDT', direction: 'buy', at: T0, expiresAt: T0 + HOUR, price: 140.5, indicators: { 'RSI(14)': 27.2, 'MACD(12,26,9)': 12.5 } });
      expect(latest!.score).toBeCloseTo(0.8, 6);
      expect(latest!.reasons).toContain('RSI 27: oversold');
      expect((await signals.latest('SOL/USDT', '1h', T0 + 1000, 'technical'))!.score).toBeCloseTo(1, 6);
      expect(await signals.record(strongBuy('SOL/USDT', T0 + HOUR))).toBe(true);
      expect((await signals.latest('SOL/USDT', '1h', T0 + HOUR + 1))!.at).toBe(T0 + HOUR);
      expect(await signals.latest('SOL/USDT', '1h', T0 + 2 * HOUR)).toBeUndefined(); // expired
      expect(await signals.latest('BTC/USDT', '1h', T0)).toBeUndefined();
    });

    it('watches and unwatches pairs, keeps quiet hours', async () => {
      const a = await newUser();
      const b = await newUser();
      expect(await advisor.watch(a, 'SOL/USDT', '1h')).toBe(true);
      expect(await advisor.watch(a, 'SOL/USDT', '1h')).toBe(false);
      await advisor.watch(a, 'BTC/USDT', '1h');
      await advisor.watch(b, 'SOL/USDT', '1h');
      expect(await advisor.watched(a)).toEqual(['BTC/USDT', 'SOL/USDT']);
      expect(await advisor.watchersOf('SOL/USDT', '1h')).toEqual([a, b]);
      expect(await advisor.watchedPairs()).toEqual(expect.arrayContaining(['BTC/USDT', 'SOL/USDT']));
      expect(await advisor.unwatch(a, 'SOL/USDT')).toBe(true);
      expect(await advisor.unwatch(a, 'SOL/USDT')).toBe(false);
      expect(await advisor.watchersOf('SOL/USDT', '1h')).toEqual([b]);
      expect(await advisor.quietHours(a)).toBeNull();
      await advisor.setQuietHours(a, { from: 22, to: 7 });
      expect(await advisor.quietHours(a)).toEqual({ from: 22, to: 7 });
      await advisor.setQuietHours(a, null);
      expect(await advisor.quietHours(a)).toBeNull();
    });

    it('stores a proposal with its card in the outbox, once per person, pair and candle; it is claimed once, by its owner, before it expires', async () => {
      const owner = await newUser();
      const other = await newUser();
      const proposal = (id: string, candleAt: number, createdAt: number): ProposalRecord => {
        const card = { proposalId: id, side: 'buy', symbol: 'BTC/USDT', size: '500.00 USDT of BTC', sizing: 'half', signal: strongBuy('BTC/USDT', candleAt), expiresAt: createdAt + 900_000 } as ProposalCard;
        return { id, userId: owner, symbol: 'BTC/USDT', timeframe: '1h', side: 'buy', request: { side: 'buy', symbol: 'BTC/USDT', type: 'market', size: { kind: 'quote', amount: '500.00' } }, card, candleAt, createdAt, expiresAt: createdAt + 900_000, status: 'open' };
      };
      const note = (id: string) => ({ key: `proposal:${id}`, userId: owner, kind: 'signal.proposal', subject: `proposal:${id}`, payload: { id }, urgent: true });
      const p1 = proposal(`${driver.name.slice(0, 2)}aaaaaaaaaa`, T0, T0 + 60_000);
      expect(await advisor.propose(p1, note(p1.id))).toBe(true);
      const again = { ...p1, id: `${driver.name.slice(0, 2)}bbbbbbbbbb` };
      expect(await advisor.propose(again, note(again.id))).toBe(false); // same candle
      expect((await outbox.all()).filter((n) => n.key === `proposal:${p1.id}`)).toHaveLength(1);
      expect((await outbox.all()).some((n) => n.key === `proposal:${again.id}`)).toBe(false); // rolled back with it
      expect(await advisor.proposalsSince(owner, T0)).toBe(1);
      expect(await advisor.proposalsSince(owner, T0 + 120_000)).toBe(0);

      expect(await advisor.decide(p1.id, other, 'claimed', T0 + 120_000)).toEqual({ outcome: 'not_yours' });
      expect(await advisor.decide('nonexistent1', owner, 'claimed', T0 + 120_000)).toEqual({ outcome: 'not_found' });
      // Two presses at once: exactly one claims.
      const both = await Promise.all([advisor.decide(p1.id, owner, 'claimed', T0 + 120_000), advisor.decide(p1.id, owner, 'claimed', T0 + 120_000)]);
      expect(both.map((d) => d.outcome).sort()).toEqual(['claimed', 'used']);
      const claimed = both.find((d) => d.outcome === 'claimed') as { proposal: ProposalRecord };
      expect(claimed.proposal).toMatchObject({ id: p1.id, request: { size: { kind: 'quote', amount: '500.00' } }, card: { size: '500.00 USDT of BTC' } });

      const p2 = proposal(`${driver.name.slice(0, 2)}cccccccccc`, T0 + HOUR, T0 + HOUR);
      await advisor.propose(p2, note(p2.id));
      expect(await advisor.decide(p2.id, owner, 'claimed', p2.expiresAt)).toEqual({ outcome: 'expired' });
      const p3 = proposal(`${driver.name.slice(0, 2)}dddddddddd`, T0 + 2 * HOUR, T0 + 2 * HOUR);
      await advisor.propose(p3, note(p3.id));
      expect((await advisor.decide(p3.id, owner, 'rejected', T0 + 2 * HOUR + 1)).outcome).toBe('rejected');
      expect(await advisor.decide(p3.id, owner, 'claimed', T0 + 2 * HOUR + 2)).toEqual({ outcome: 'rejected_before' });
    });
  });
}
