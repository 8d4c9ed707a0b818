import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { tradingHarness } from '../../test/support/trading-harness.js';
import { telegramUser } from '../../test/support/users.js';
import { rowsOf } from '../db/client.js';
import { dec } from '../shared/decimal.js';
import type { ExchangePort, OrderRequest } from './exchange-port.js';
import type { TradeRequest } from './types.js';

const buy = (amount: string, symbol = 'BTC/USDT'): TradeRequest => ({ side: 'buy', symbol, type: 'market', size: { kind: 'base', amount } });
const sell = (amount: string, symbol = 'BTC/USDT'): TradeRequest => ({ side: 'sell', symbol, type: 'market', size: { kind: 'base', amount } });
const HOUR = 3_600_000;
let telegramSeq = 77_000;

for (const driver of DATABASES) {
  describe.skipIf(!driver.enabled)(`risk limits in the trading core on ${driver.name}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await driver.open();
    });
    afterAll(async () => {
      await database?.close();
    });

    /** The core with its risk rules, on a 10,000 USDT paper account; every order the exchange hears of is recorded. */
    async function setup() {
      const sent: OrderRequest[] = [];
      const h = tradingHarness(database, {
        risk: true,
        wrapExchange: (exchange: ExchangePort) =>
          Object.assign(Object.create(exchange) as ExchangePort, {
            createOrder: (request: OrderRequest) => {
              sent.push(request);
              return exchange.createOrder(request);
            },
          }),
      });
      const { user, account } = await telegramUser(h.users, ++telegramSeq, { firstName: 'Rita' });
      return { ...h, risk: h.risk!, user, account, who: { userId: user.id, account }, sent };
    }

    const count = async (userId: number, kind: string) => rowsOf(await database.db.execute(sql`select key from notifications where user_id = ${userId} and kind = ${kind}`)).length;

    it('blocks a buy of half the portfolio at the preview, names the largest that passes, and sends nothing', async () => {
      const { service, who, sent, paperFor, account } = await setup();
      const { plan, confirmation, alternative } = await service.preview(who, buy('0.1'));
      expect(confirmation).toBeNull();
      const blocked = plan.checks.find((c) => !c.ok)!;
      expect(blocked).toMatchObject({ name: 'risk', code: 'risk.position_size.too_large' });
      expect(blocked.message).toContain('at most 10% of your portfolio');
      // The way out is a preview of its own: 10 % of 10,000 USDT at ~50,010, fee counted.
      expect(alternative?.confirmation.status).toBe('pending');
      expect(Number(alternative!.plan.amount)).toBeGreaterThan(0.0195);
      expect(Number(alternative!.plan.amount)).toBeLessThan(0.02);
      expect(alternative!.plan.checks.every((c) => c.ok)).toBe(true);
      expect(sent).toEqual([]);
      expect((await paperFor(account).fetchBalance()).get('USDT')!.total.toFixed()).toBe('10000');
    });

    it('lets a small buy through, with the risk check shown as passed', async () => {
      const { service, who, user, sent } = await setup();
      const { plan, confirmation } = await service.preview(who, buy('0.01'));
      expect(plan.checks.find((c) => c.name === 'risk')).toMatchObject({ ok: true });
      expect((await service.confirm(user.id, confirmation!.id)).outcome).toBe('executed');
      expect(sent).toHaveLength(1);
    });

    it('checks again at the confirmation: a portfolio that changed since the preview is blocked there, once, and nothing reaches the exchange', async () => {
      const { service, who, user, sent, confirmations, outbox } = await setup();
      // Each is 7.5 % of the portfolio: fine alone, 15 % together (the limit is 10 %).
      const first = (await service.preview(who, buy('0.015'))).confirmation!;
      const second = (await service.preview(who, buy('0.015'))).confirmation!;
      expect((await service.confirm(user.id, second.id)).outcome).toBe('executed');
      expect(sent).toHaveLength(1);

      const outcomes = await Promise.all([service.confirm(user.id, first.id), service.confirm(user.id, first.id)]);
      const failed = outcomes.find((o) => o.outcome === 'failed');
      expect(failed).toMatchObject({ outcome: 'failed', result: { ok: false, code: 'risk.position_size.too_large' } });
      expect(failed!.outcome === 'failed' && failed!.result.message).toMatch(/^Checked again as you confirmed: A position may be at most 10% .* Nothing was sent\.$/);
      expect(outcomes.find((o) => o !== failed)).toMatchObject({ outcome: 'already' });
      expect(sent).toHaveLength(1);
      expect(await confirmations.statusOf(first.id)).toBe('failed');
      const [journaled] = await service.orders(user.id, { limit: 1, accountId: who.account.id });
      expect(journaled).toMatchObject({ clientOrderId: first.id, status: 'rejected' });
      // The preview is edited to say why, exactly once: one settled notice for it.
      const due = await outbox.due(new Date(Date.now() + 3_600_000), 100, user.id);
      expect(due.filter((n) => n.key === `confirmation:${first.id}:settled`)).toHaveLength(1);
    });

    it('asks twice for a fat finger: the first confirmation only answers with the reasons, the explicit second one executes, once', async () => {
      const { service, who, user, sent, confirmations } = await setup();
      // A limit buy 20 % above the market (50,000) would buy at once at whatever the book offers.
      const { plan, confirmation } = await service.preview(who, { side: 'buy', symbol: 'BTC/USDT', type: 'limit', size: { kind: 'base', amount: '0.001' }, price: '60000' });
      expect(plan.confirmTwice).toEqual([expect.objectContaining({ code: 'risk.fat_finger.price' })]);
      const first = await service.confirm(user.id, confirmation!.id);
      expect(first).toMatchObject({ outcome: 'confirm_twice', reasons: [{ code: 'risk.fat_finger.price' }] });
      expect(await confirmations.statusOf(confirmation!.id)).toBe('pending');
      expect(sent).toEqual([]);

      const presses = await Promise.all(Array.from({ length: 4 }, () => service.confirm(user.id, confirmation!.id, { confirmedTwice: true })));
      expect(presses.filter((o) => o.outcome === 'executed')).toHaveLength(1);
      expect(presses.filter((o) => o.outcome === 'already')).toHaveLength(3);
      expect(sent).toHaveLength(1);
    });

    it('tightens a limit at once, loosens it only after the delay or a second yes', async () => {
      const { service, risk, who, user, clock } = await setup();
      const tightened = await risk.set(user.id, 'maxPositionPct', 5);
      expect(tightened).toMatchObject({ ok: true, applied: [{ name: 'maxPositionPct', from: 10, to: 5 }], delayed: [] });
      expect((await service.preview(who, buy('0.015'))).confirmation).toBeNull(); // 7.5 % > 5 %

      const loosened = await risk.set(user.id, 'maxPositionPct', 20);
      expect(loosened).toMatchObject({ ok: true, applied: [], delayed: [{ name: 'maxPositionPct', from: 5, to: 20 }], effectiveAt: clock.now() + HOUR });
      expect((await risk.view(who)).pending).toEqual({ limits: { maxPositionPct: 20 }, effectiveAt: clock.now() + HOUR });
      expect((await service.preview(who, buy('0.015'))).confirmation).toBeNull();
      clock.advance(HOUR - 1);
      expect((await service.preview(who, buy('0.015'))).confirmation).toBeNull();
      clock.advance(1);
      expect((await service.preview(who, buy('0.015'))).confirmation).not.toBeNull();
      expect((await risk.view(who)).limits.maxPositionPct).toBe(20);

      // Loosening again waits again — unless confirmed a second time, explicitly.
      await risk.set(user.id, 'maxPositionPct', 30);
      expect((await service.preview(who, buy('0.05'))).confirmation).toBeNull(); // 25 % > 20 %
      expect(await risk.confirmLoosening(user.id)).toEqual([{ name: 'maxPositionPct', from: 20, to: 30 }]);
      expect((await service.preview(who, buy('0.05'))).confirmation).not.toBeNull();
    });

    it('pauses the account when the drawdown limit is crossed: new risk blocked, the user told once, exits still go, /resume resets the peak', async () => {
      const { service, risk, who, user, marketData, clock } = await setup();
      await risk.set(user.id, 'maxPositionPct', 100);
      await risk.confirmLoosening(user.id);
      await risk.set(user.id, 'maxDrawdownPct', 5);
      expect((await service.confirm(user.id, (await service.preview(who, buy('0.15'))).confirmation!.id)).outcome).toBe('executed');
      // BTC 50,000 → 40,000: 0.15 BTC loses 1,500 of ~10,000 — 15 % below the peak (the limit is 5 %).
      marketData.setMid('BTC/USDT', -10_000);
      const blocked = await service.preview(who, buy('0.001'));
      expect(blocked.confirmation).toBeNull();
      expect(blocked.plan.checks.find((c) => !c.ok)).toMatchObject({ code: 'risk.max_drawdown.breached' });
      expect(await count(user.id, 'risk.paused')).toBe(1);

      clock.advance(60_000);
      const again = await service.preview(who, buy('0.001'));
      expect(again.plan.checks.find((c) => !c.ok)).toMatchObject({ code: 'risk.paused.account_paused' });
      expect(await risk.watch()).toMatchObject({ paused: 0 });
      expect(await count(user.id, 'risk.paused')).toBe(1);
      expect((await risk.view(who)).paused).toMatchObject({ reason: 'drawdown' });

      // Selling what is held takes risk away: it goes through while paused.
      const exit = await service.preview(who, sell('0.05'));
      expect((await service.confirm(user.id, exit.confirmation!.id)).outcome).toBe('executed');

      expect(await risk.resume(user.id)).toEqual({ resumed: true });
      const after = await risk.view(who);
      expect(after.paused).toBeNull();
      expect(after.status.drawdown.pct).toBe(0);
      // The day's loss (15 % since 00:00 UTC) still blocks new risk — until the next UTC day.
      expect((await service.preview(who, buy('0.001'))).plan.checks.find((c) => !c.ok)).toMatchObject({ code: 'risk.daily_loss.limit_hit' });
      clock.set(Math.floor(clock.now() / (24 * HOUR) + 1) * 24 * HOUR);
      expect((await service.preview(who, buy('0.001'))).confirmation).not.toBeNull();
    });

    it('pauses from the job too, without waiting for an order, and tells the user once', async () => {
      const { service, risk, who, user, marketData } = await setup();
      await risk.set(user.id, 'maxPositionPct', 100);
      await risk.confirmLoosening(user.id);
      await risk.set(user.id, 'maxDrawdownPct', 5);
      await service.confirm(user.id, (await service.preview(who, buy('0.15'))).confirmation!.id);
      expect(await risk.watch()).toMatchObject({ paused: 0 });
      marketData.setMid('BTC/USDT', -10_000);
      const watched = await risk.watch();
      expect(watched.paused).toBeGreaterThanOrEqual(1);
      expect((await risk.view(who)).paused).toMatchObject({ reason: 'drawdown' });
      await risk.watch();
      expect(await count(user.id, 'risk.paused')).toBe(1);
    });

    it('/panic cancels the open orders and pauses; a watched stop still fires while paused', async () => {
      const { service, risk, who, user, marketData, sent } = await setup();
      await service.confirm(user.id, (await service.preview(who, buy('0.01'))).confirmation!.id);
      const resting = (await service.preview(who, { side: 'buy', symbol: 'BTC/USDT', type: 'limit', size: { kind: 'base', amount: '0.001' }, price: '40000' })).confirmation!;
      expect((await service.confirm(user.id, resting.id)).outcome).toBe('executed');
      expect(await service.orders(user.id, { activeOnly: true })).toHaveLength(1);

      const panic = await risk.panic(user.id);
      expect(panic.paused).toBe(true);
      expect(panic.accounts[0]!.cancelled.map((o) => o.clientOrderId)).toEqual([resting.id]);
      expect(await service.orders(user.id, { activeOnly: true })).toHaveLength(0);
      expect((await service.preview(who, buy('0.001'))).plan.checks.find((c) => !c.ok)).toMatchObject({ code: 'risk.paused.account_paused' });
      // Positions are kept.
      expect((await service.portfolio(who.account)).holdings.map((h) => [h.asset, h.amount.toFixed()])).toEqual([['BTC', '0.01']]);

      // A stop set while paused only takes risk away; Parley watches it and fires it when the price gets there.
      const stop = await service.preview(who, { side: 'sell', symbol: 'BTC/USDT', type: 'stop_loss', size: { kind: 'percent', percent: 100 }, trigger: { kind: 'price', price: '45000' } });
      expect(stop.plan.atRisk).toMatchObject({ stop: '45000' });
      expect(Number(stop.plan.atRisk!.value)).toBeGreaterThan(50); // 0.01 × (50,000 − 45,000) + fees
      expect((await service.confirm(user.id, stop.confirmation!.id)).outcome).toBe('executed');
      const before = sent.length;
      marketData.setMid('BTC/USDT', -6_000);
      const changes = await service.syncOrders();
      expect(changes.find((c) => c.triggered)?.order).toMatchObject({ clientOrderId: stop.confirmation!.id, status: 'filled' });
      expect(sent.slice(before)).toEqual([expect.objectContaining({ side: 'sell', type: 'market', amount: dec('0.01') })]);
      expect((await risk.view(who)).paused).toMatchObject({ reason: 'panic' });
    });
  });
}
