import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { dec } from '../shared/decimal.js';
import { newId } from '../shared/ids.js';
import { expiredNotification, settledNotification } from '../trading/events.js';
import type { OrderPlan, Position, TradeRequest } from '../trading/types.js';
import { CommandHistoryRepo } from './command-history-repo.js';
import { ConfirmationRepo } from './confirmation-repo.js';
import { PaperLedgerRepo } from './paper-ledger-repo.js';
import { KvStoreRepo } from './kv-store-repo.js';
import { NotificationRepo } from './notification-repo.js';
import { OrderRepo } from './order-repo.js';
import { UpdateDedupeRepo } from './update-dedupe-repo.js';
import { UserRepo } from './user-repo.js';

const funding = { asset: 'USDT', amount: dec(10_000) };
const request: TradeRequest = { side: 'buy', symbol: 'BTC/USDT', type: 'market', size: { kind: 'base', amount: '0.01' } };
const plan = { symbol: 'BTC/USDT', amount: '0.01' } as OrderPlan;
let telegramSeq = 1000;

// One suite, every driver: what passes on PGlite must pass on PostgreSQL.
for (const driver of DATABASES) {
  describe.skipIf(!driver.enabled)(`repositories on ${driver.name}`, () => {
    let database: TestDatabase;
    let users: UserRepo;
    let confirmations: ConfirmationRepo;
    let ledger: PaperLedgerRepo;
    let orders: OrderRepo;
    let outbox: NotificationRepo;

    beforeAll(async () => {
      database = await driver.open();
      users = new UserRepo(database.db);
      outbox = new NotificationRepo(database.db);
      confirmations = new ConfirmationRepo(database.db);
      ledger = new PaperLedgerRepo(database.db);
      orders = new OrderRepo(database.db);
    });
    afterAll(async () => {
      await database?.close();
    });

    const tg = (telegramId: number) => ({ provider: 'telegram' as const, subject: String(telegramId) });
    const newUser = async () => users.identify(tg(++telegramSeq), { username: 'ann', firstName: 'Ann' }, funding);
    const newConfirmation = async (userId: number, accountId: number, expiresInMs = 60_000, now = new Date()) => {
      const id = newId();
      await confirmations.create({ id, kind: 'order', userId, accountId, request, plan, createdAt: now, expiresAt: new Date(now.getTime() + expiresInMs) });
      return id;
    };

    describe('users', () => {
      it('creates a user with a paper account funded once, however often and concurrently it is asked', async () => {
        const telegramId = ++telegramSeq;
        const results = await Promise.all(Array.from({ length: 6 }, () => users.identify(tg(telegramId), { firstName: 'Bo' }, funding)));
        expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
        expect(new Set(results.map((r) => r.account.id)).size).toBe(1);
        expect(results.filter((r) => r.created)).toHaveLength(1);
        const balances = await ledger.balances(results[0]!.account.id);
        expect(balances.get('USDT')!.free.toFixed()).toBe('10000');
        const found = await users.find(tg(telegramId));
        expect(found?.account).toMatchObject({ exchange: 'paper', mode: 'paper' });
        expect(await users.find(tg(999_999_999))).toBeNull();
        expect(await users.find({ provider: 'email', subject: String(telegramId) })).toBeNull();
      });

      it('keeps the profile up to date', async () => {
        const telegramId = ++telegramSeq;
        await users.identify(tg(telegramId), { username: 'old' }, funding);
        const again = await users.identify(tg(telegramId), { username: 'new' }, funding);
        expect(again.user.username).toBe('new');
      });

      it('forgets a block once the person writes again', async () => {
        const { user } = await newUser();
        await users.markBlocked('telegram', user.id);
        expect((await users.identitiesOf('telegram', [user.id])).get(user.id)).toMatchObject({ blocked: true });
        await users.identify(tg(telegramSeq), {}, funding);
        expect((await users.identitiesOf('telegram', [user.id])).get(user.id)).toMatchObject({ subject: String(telegramSeq), blocked: false });
      });
    });

    describe('confirmations', () => {
      it('lets exactly one of many racing claims win', async () => {
        const { user, account } = await newUser();
        const id = await newConfirmation(user.id, account.id);
        const outcomes = await Promise.all(Array.from({ length: 10 }, () => confirmations.claim(id, user.id, new Date())));
        expect(outcomes.filter((o) => o.outcome === 'claimed')).toHaveLength(1);
        expect(outcomes.filter((o) => o.outcome === 'already')).toHaveLength(9);
        expect(await confirmations.statusOf(id)).toBe('executing');
      });

      it('refuses someone else’s confirmation without touching it', async () => {
        const owner = await newUser();
        const other = await newUser();
        const id = await newConfirmation(owner.user.id, owner.account.id);
        expect((await confirmations.claim(id, other.user.id, new Date())).outcome).toBe('not_owner');
        expect((await confirmations.cancel(id, other.user.id, new Date())).outcome).toBe('not_owner');
        expect(await confirmations.statusOf(id)).toBe('pending');
      });

      it('expires by the clock it is given', async () => {
        const { user, account } = await newUser();
        const now = new Date('2026-01-01T00:00:00Z');
        const id = await newConfirmation(user.id, account.id, 60_000, now);
        const late = new Date(now.getTime() + 60_001);
        const outcome = await confirmations.claim(id, user.id, late);
        expect(outcome.outcome).toBe('expired');
        expect(await confirmations.statusOf(id)).toBe('expired');
        expect((await confirmations.claim(id, user.id, now)).outcome).toBe('expired');
      });

      it('a cancelled preview cannot be confirmed', async () => {
        const { user, account } = await newUser();
        const id = await newConfirmation(user.id, account.id);
        expect((await confirmations.cancel(id, user.id, new Date())).outcome).toBe('claimed');
        const after = await confirmations.claim(id, user.id, new Date());
        expect(after.outcome).toBe('already');
        expect(after.outcome === 'already' && after.confirmation.status).toBe('cancelled');
      });

      it('sweeps due previews once, each told once with its expiry', async () => {
        const { user, account } = await newUser();
        const past = new Date(Date.now() - 120_000);
        const id = await newConfirmation(user.id, account.id, 1000, past);
        const [first, second] = await Promise.all([confirmations.expireDue(new Date(), 100, (c) => [expiredNotification(c)]), confirmations.expireDue(new Date(), 100, (c) => [expiredNotification(c)])]);
        const swept = [...first!, ...second!].filter((c) => c.id === id);
        expect(swept).toHaveLength(1);
        expect(await confirmations.statusOf(id)).toBe('expired');
        const told = (await outbox.all()).filter((n) => n.key === `confirmation:${id}:expired`);
        expect(told).toHaveLength(1);
        expect(told[0]).toMatchObject({ userId: user.id, kind: 'confirmation.expired', status: 'pending', payload: { confirmation: { id, status: 'expired' } } });
      });

      it('writes what a settled preview should show with the settling, once', async () => {
        const { user, account } = await newUser();
        const id = await newConfirmation(user.id, account.id);
        expect((await confirmations.claim(id, user.id, new Date())).outcome).toBe('claimed');
        const settle = () => confirmations.finish(id, 'failed', { ok: false, code: 'test', message: 'no' }, (c) => [settledNotification(c, Date.now())]);
        await Promise.all([settle(), settle()]);
        const told = (await outbox.all()).filter((n) => n.key === `confirmation:${id}:settled`);
        expect(told).toHaveLength(1);
        expect(told[0]!.payload).toMatchObject({ confirmation: { id, status: 'failed', result: { ok: false, message: 'no' } } });
      });

      it('answers not_found for an unknown id', async () => {
        const { user } = await newUser();
        expect((await confirmations.claim('nope', user.id, new Date())).outcome).toBe('not_found');
      });
    });

    describe('paper ledger', () => {
      const fill = (clientOrderId: string) => () => ({
        order: {
          clientOrderId,
          symbol: 'BTC/USDT',
          side: 'buy' as const,
          type: 'market' as const,
          status: 'closed' as const,
          amount: dec('0.01'),
          price: null,
          filled: dec('0.01'),
          cost: dec('500'),
          average: dec('50000'),
          fee: { cost: dec('0.5'), currency: 'USDT' },
          timestamp: Date.now(),
        },
        deltas: [
          { asset: 'USDT', free: dec('-500.5') },
          { asset: 'BTC', free: dec('0.01') },
        ],
      });

      it('executes a client order id once, even when raced', async () => {
        const { account } = await newUser();
        const id = newId();
        const results = await Promise.all(Array.from({ length: 5 }, () => ledger.execute(account.id, id, fill(id))));
        expect(results.filter((r) => !r.existed)).toHaveLength(1);
        const balances = await ledger.balances(account.id);
        expect(balances.get('USDT')!.free.toFixed()).toBe('9499.5');
        expect(balances.get('BTC')!.free.toFixed()).toBe('0.01');
        expect((await ledger.findByClientId(account.id, id))?.filled.toFixed()).toBe('0.01');
      });

      it('writes nothing when a fill would overdraw', async () => {
        const { account } = await newUser();
        const id = newId();
        const overdraw = () => ({ ...fill(id)(), deltas: [{ asset: 'USDT', free: dec('-20000') }] });
        await expect(ledger.execute(account.id, id, overdraw)).rejects.toThrow(/negative/);
        expect(await ledger.findByClientId(account.id, id)).toBeNull();
        expect((await ledger.balances(account.id)).get('USDT')!.free.toFixed()).toBe('10000');
      });
    });

    describe('order journal', () => {
      const journal = (c: { id: string; userId: number; accountId: number }) => ({
        clientOrderId: c.id, userId: c.userId, accountId: c.accountId, symbol: 'BTC/USDT', side: 'buy' as const, type: 'limit' as const,
        amount: '0.01', price: '50000', triggerPrice: null, triggerNative: false, priceDecimals: 2,
      });
      const book = (positionsAfter: (p: Position[]) => Position[]) => ({ applyFill: positionsAfter });

      it('journals the order with the winning claim, and books each fill once, forward only', async () => {
        const { user, account } = await newUser();
        const id = await newConfirmation(user.id, account.id);
        expect((await confirmations.claim(id, user.id, new Date(), journal)).outcome).toBe('claimed');
        expect((await confirmations.claim(id, user.id, new Date(), journal)).outcome).toBe('already');
        expect((await orders.byClientId(id))?.status).toBe('submitting');

        let booked = 0;
        const applyFill = book((p) => {
          booked++;
          return [...p.filter((x) => x.asset !== 'BTC'), { asset: 'BTC', amount: dec(booked), avgEntryUsdt: dec(50000), realizedPnlUsdt: dec(0) }];
        });
        const open = await orders.apply(id, { status: 'open', exchangeOrderId: 'X1' }, { ...applyFill, finish: (o) => ({ confirmationId: id, status: 'executed', result: { ok: true, kind: 'order', order: o } }) });
        expect(open).toMatchObject({ previousStatus: 'submitting', changed: true, fill: null, order: { status: 'open', exchangeOrderId: 'X1' } });
        expect((await confirmations.get(id))?.status).toBe('executed');

        const part = { status: 'partially_filled' as const, filled: dec('0.004'), cost: dec(200), fee: dec('0.2'), feeCurrency: 'USDT' };
        const first = await orders.apply(id, part, applyFill);
        expect(first.fill?.amount.toFixed()).toBe('0.004');
        const again = await orders.apply(id, part, applyFill);
        expect(again).toMatchObject({ changed: false, fill: null });
        const done = await orders.apply(id, { status: 'filled', filled: dec('0.01'), cost: dec(500), fee: dec('0.5'), feeCurrency: 'USDT' }, applyFill);
        expect(done.fill?.amount.toFixed()).toBe('0.006');
        expect(done.fill?.cost.toFixed()).toBe('300');
        expect(done.order).toMatchObject({ status: 'filled', filled: '0.01', average: '50000' });
        expect(booked).toBe(2);
        // A late, stale report cannot reopen a filled order.
        expect((await orders.apply(id, { status: 'open' }, applyFill)).order.status).toBe('filled');
        expect((await orders.positions(account.id)).find((p) => p.asset === 'BTC')?.amount.toFixed()).toBe('2');
      });

      it('fires a watched trigger once, however many watchers race', async () => {
        const { user, account } = await newUser();
        const id = await newConfirmation(user.id, account.id);
        await confirmations.claim(id, user.id, new Date(), (c) => ({ ...journal(c), type: 'stop_loss', side: 'sell', price: null, triggerPrice: '45000' }));
        await orders.apply(id, { status: 'open' }, book((p) => p));
        const wins = await Promise.all(Array.from({ length: 5 }, () => orders.claimTrigger(id)));
        expect(wins.filter(Boolean)).toHaveLength(1);
        expect((await orders.byClientId(id))?.status).toBe('submitting');
      });

      it('finds a user’s order by #id, exchange id or client id — never someone else’s', async () => {
        const owner = await newUser();
        const other = await newUser();
        const id = await newConfirmation(owner.user.id, owner.account.id);
        await confirmations.claim(id, owner.user.id, new Date(), journal);
        await orders.apply(id, { status: 'open', exchangeOrderId: 'EX-9' }, book((p) => p));
        const mine = await orders.byClientId(id);
        expect((await orders.findForUser(owner.user.id, `#${mine!.id}`))?.clientOrderId).toBe(id);
        expect((await orders.findForUser(owner.user.id, 'EX-9'))?.clientOrderId).toBe(id);
        expect((await orders.findForUser(owner.user.id, id))?.clientOrderId).toBe(id);
        expect(await orders.findForUser(other.user.id, `#${mine!.id}`)).toBeNull();
        expect((await orders.forUser(owner.user.id, { activeOnly: true })).map((o) => o.clientOrderId)).toContain(id);
      });
    });

    describe('key-value state', () => {
      it('keeps value types, and says a changed value once even when raced', async () => {
        const kv = new KvStoreRepo<unknown>(database.db, `t${Math.random()}:`);
        await kv.write('s', '0.5');
        expect(await kv.read('s')).toBe('0.5');
        await kv.write('o', { step: 2 });
        expect(await kv.read('o')).toEqual({ step: 2 });
        const first = await Promise.all(Array.from({ length: 5 }, () => kv.writeIfChanged('drift', '1.5')));
        expect(first.filter(Boolean)).toHaveLength(1);
        expect(await kv.writeIfChanged('drift', '1.5')).toBe(false);
        expect(await kv.writeIfChanged('drift', '2')).toBe(true);
        await kv.delete('s');
        expect(await kv.read('s')).toBeUndefined();
      });
    });

    describe('update dedupe and history', () => {
      it('gives an update id to one claimant, even when raced, and says when it is done', async () => {
        const dedupe = new UpdateDedupeRepo(database.db);
        const updateId = Math.floor(Math.random() * 1e9);
        const claims = await Promise.all(Array.from({ length: 5 }, () => dedupe.claim(updateId)));
        expect(claims.filter((c) => c === 'mine')).toHaveLength(1);
        expect(claims.filter((c) => c === 'busy')).toHaveLength(4);
        await dedupe.done(updateId);
        expect(await dedupe.claim(updateId)).toBe('done');
        expect(await new UpdateDedupeRepo(database.db, { leaseMs: 1 }).claim(updateId)).toBe('done'); // handled: never taken over
        expect(await dedupe.prune(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
        expect(await dedupe.claim(updateId)).toBe('mine');
      });

      it('carries "done" marks and claims in one batch, including both for the same update', async () => {
        const dedupe = new UpdateDedupeRepo(database.db);
        const [a, b, c] = [1, 2, 3].map((i) => Math.floor(Math.random() * 1e9) * 10 + i) as [number, number, number];
        expect(await dedupe.claim(a)).toBe('mine');
        const [again, , fresh] = await Promise.all([dedupe.claim(a), dedupe.done(a), dedupe.claim(b)]);
        expect([again, fresh]).toEqual(['done', 'mine']);
        const [, third] = await Promise.all([dedupe.done(b), dedupe.claim(c)]);
        expect(third).toBe('mine');
        expect(await Promise.all([dedupe.claim(b), dedupe.claim(c)])).toEqual(['done', 'busy']);
      });

      it('lets another process take over a claim its owner stopped renewing, and only then', async () => {
        const updateId = Math.floor(Math.random() * 1e9);
        const dead = new UpdateDedupeRepo(database.db, { leaseMs: 300, owner: 'dead' });
        const next = new UpdateDedupeRepo(database.db, { leaseMs: 300, owner: 'next' });
        expect(await dead.claim(updateId)).toBe('mine');
        expect(await next.claim(updateId)).toBe('busy');
        await new Promise((resolve) => setTimeout(resolve, 200));
        await dead.renew(updateId); // still alive: the lease starts again
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await next.claim(updateId)).toBe('busy');
        await new Promise((resolve) => setTimeout(resolve, 350)); // the owner died: nobody renews
        const takeovers = await Promise.all([next.claim(updateId), next.claim(updateId), new UpdateDedupeRepo(database.db, { leaseMs: 300 }).claim(updateId)]);
        expect(takeovers.filter((c) => c === 'mine')).toHaveLength(1);
        await dead.renew(updateId); // a zombie owner cannot renew a claim it lost
        await dead.done(updateId); // …and its late "done" is harmless: the update was handled
        expect(await next.claim(updateId)).toBe('done');
      });

      it('releases a claim so that a redelivery takes it at once, and only its owner can, and only before it is done', async () => {
        const updateId = Math.floor(Math.random() * 1e9);
        const here = new UpdateDedupeRepo(database.db, { owner: 'here' });
        const other = new UpdateDedupeRepo(database.db, { owner: 'other' });
        expect(await here.claim(updateId)).toBe('mine');
        await other.release(updateId); // not its claim: nothing changes
        expect(await other.claim(updateId)).toBe('busy');
        await here.release(updateId);
        expect(await other.claim(updateId)).toBe('mine');
        await other.done(updateId);
        await other.release(updateId); // handled: stays handled
        expect(await here.claim(updateId)).toBe('done');
      });

      it('records commands and prunes by age', async () => {
        const { user } = await newUser();
        const history = new CommandHistoryRepo(database.db);
        await history.record({ userId: user.id, chatId: 1, text: 'buy 1 btc', parser: 'offline', intent: 'buy_market', entities: { amount: 1 }, confidence: 0.9, outcome: 'previewed', reply: 'ok' });
        expect(await history.recent(user.id)).toMatchObject([{ text: 'buy 1 btc', intent: 'buy_market', entities: { amount: 1 } }]);
        await history.prune(new Date(Date.now() + 1000));
        expect(await history.recent(user.id)).toHaveLength(0);
      });
    });
  });
}
