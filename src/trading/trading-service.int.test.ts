import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { tradingHarness } from '../../test/support/trading-harness.js';
import { telegramUser } from '../../test/support/users.js';
import type { ExchangePort } from './exchange-port.js';
import { dec } from '../shared/decimal.js';
import { TemporaryError } from '../shared/errors.js';
import type { TradeRequest } from './types.js';

const buy = (amount: string, symbol = 'BTC/USDT'): TradeRequest => ({ side: 'buy', symbol, type: 'market', size: { kind: 'base', amount } });
let telegramSeq = 5000;

for (const driver of DATABASES) {
  describe.skipIf(!driver.enabled)(`trading core on ${driver.name}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await driver.open();
    });
    afterAll(async () => {
      await database?.close();
    });

    async function setup(options: Parameters<typeof tradingHarness>[1] = {}) {
      const h = tradingHarness(database, options);
      const { user, account } = await telegramUser(h.users, ++telegramSeq, { firstName: 'Ann' });
      const who = { userId: user.id, account };
      return { ...h, user, account, who };
    }

    it('previews a market buy priced from the book, with fee and balance after', async () => {
      const { service, who } = await setup();
      const { plan, confirmation } = await service.preview(who, buy('0.6'));
      // 0.5 at 50,010 + 0.1 at 50,020 = 25,005 + 5,002 = 30,007
      expect(plan).toMatchObject({ amount: '0.6', estCost: '30007', estFee: '30.007', estTotal: '30037.007', paper: true });
      expect(plan.checks.find((c) => c.name === 'funds')).toMatchObject({ ok: false });
      expect(confirmation).toBeNull();

      const small = await service.preview(who, buy('0.01'));
      expect(small.plan).toMatchObject({ amount: '0.01', estAveragePrice: '50010', estCost: '500.1', estTotal: '500.6001' });
      expect(small.plan.balancesAfter).toEqual([
        { asset: 'USDT', amount: '9499.3999' },
        { asset: 'BTC', amount: '0.01' },
      ]);
      expect(small.confirmation?.status).toBe('pending');
    });

    it('executes a confirmation exactly once, however many presses race', async () => {
      const { service, who, user, paperFor, account } = await setup();
      const { confirmation } = await service.preview(who, buy('0.01'));
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => service.confirm(user.id, confirmation!.id)));
      expect(outcomes.filter((o) => o.outcome === 'executed')).toHaveLength(1);
      expect(outcomes.filter((o) => o.outcome === 'already')).toHaveLength(7);
      const again = await service.confirm(user.id, confirmation!.id);
      expect(again).toMatchObject({ outcome: 'already', confirmation: { status: 'executed' } });
      const balances = await paperFor(account).fetchBalance();
      expect(balances.get('BTC')!.total.toFixed()).toBe('0.01');
      expect(balances.get('USDT')!.total.toFixed()).toBe('9499.3999');
    });

    it('refuses another user’s confirmation, an expired one and a cancelled one', async () => {
      const { service, who, user, clock, users } = await setup();
      const other = await telegramUser(users, ++telegramSeq);
      const a = (await service.preview(who, buy('0.01'))).confirmation!;
      expect((await service.confirm(other.user.id, a.id)).outcome).toBe('not_owner');

      clock.advance(60_001);
      expect((await service.confirm(user.id, a.id)).outcome).toBe('expired');

      const b = (await service.preview(who, buy('0.01'))).confirmation!;
      expect((await service.cancel(user.id, b.id)).outcome).toBe('claimed');
      expect(await service.confirm(user.id, b.id)).toMatchObject({ outcome: 'already', confirmation: { status: 'cancelled' } });
      expect((await service.portfolio(who.account)).holdings).toHaveLength(0);
    });

    it('fails cleanly when the balance changed between preview and confirm', async () => {
      const { service, who, user } = await setup();
      const first = (await service.preview(who, { side: 'buy', symbol: 'BTC/USDT', type: 'market', size: { kind: 'percent', percent: 100 } })).confirmation!;
      const second = (await service.preview(who, buy('0.01'))).confirmation!;
      expect((await service.confirm(user.id, first.id)).outcome).toBe('executed');
      const outcome = await service.confirm(user.id, second.id);
      expect(outcome).toMatchObject({ outcome: 'failed', result: { ok: false, code: 'order.insufficient_funds' } });
    });

    it('sizes by quote and by percent, and reports P&L', async () => {
      const { service, who, user, marketData } = await setup();
      const quote = (await service.preview(who, { side: 'buy', symbol: 'BTC/USDT', type: 'market', size: { kind: 'quote', amount: '1000' } })).plan;
      // 1000 / 1.001 = 999.000999… at 50,010 → 0.01997 BTC (floored to the step), total within budget
      expect(quote.amount).toBe('0.01997');
      expect(Number(quote.estTotal)).toBeLessThanOrEqual(1000);

      const bought = (await service.preview(who, buy('0.1'))).confirmation!;
      await service.confirm(user.id, bought.id);
      const half = (await service.preview(who, { side: 'sell', symbol: 'BTC/USDT', type: 'market', size: { kind: 'percent', percent: 50 } })).confirmation!;
      expect(half.kind === 'order' && half.plan.amount).toBe('0.05');
      marketData.setMid('BTC/USDT', 1000);
      await service.confirm(user.id, half.id);
      const portfolio = await service.portfolio(who.account);
      const btc = portfolio.holdings.find((h) => h.asset === 'BTC')!;
      expect(btc.amount.toFixed()).toBe('0.05');
      // Equity − start equals realized + unrealized: the books balance.
      expect(portfolio.equityUsdt.minus(10_000).toFixed(8)).toBe(portfolio.totalPnlUsdt.toFixed(8));
      expect(portfolio.realizedPnlUsdt.gt(0)).toBe(true);
    });

    it('settles a lost answer by looking the order up, never by sending it twice', async () => {
      let creates = 0;
      const lossy = (exchange: ExchangePort): ExchangePort => ({
        ...exchange,
        name: exchange.name,
        paper: exchange.paper,
        markets: () => exchange.markets(),
        ticker: (s) => exchange.ticker(s),
        orderBook: (s) => exchange.orderBook(s),
        takerFee: (s) => exchange.takerFee(s),
        fetchBalance: () => exchange.fetchBalance(),
        fetchOpenOrders: (s) => exchange.fetchOpenOrders(s),
        cancelOrder: (s, id) => exchange.cancelOrder(s, id),
        fetchOrderByClientId: (s, id) => exchange.fetchOrderByClientId(s, id),
        createOrder: async (request) => {
          creates++;
          await exchange.createOrder(request);
          throw new TemporaryError(); // accepted, but the answer never arrived
        },
      });
      const { service, who, user, paperFor, account } = await setup({ wrapExchange: lossy });
      const { confirmation } = await service.preview(who, buy('0.01'));
      const outcome = await service.confirm(user.id, confirmation!.id);
      expect(outcome.outcome).toBe('executed');
      expect(creates).toBe(1);
      expect((await paperFor(account).fetchBalance()).get('BTC')!.total.toFixed()).toBe('0.01');
    });

    it('recovers a confirmation left half-way by a crash: the order is known once, and the preview settled', async () => {
      const { service, who, user, paperFor, account, clock } = await setup();
      const { confirmation } = await service.preview(who, buy('0.01'));
      // The app claimed it (journaling the order) and the exchange filled it, then the process died.
      expect((await service.claim(user.id, confirmation!.id)).outcome).toBe('claimed');
      await paperFor(account).createOrder({ clientOrderId: confirmation!.id, symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: dec('0.01') });
      expect(await service.syncOrders()).toEqual([]); // too fresh: a live confirm may still be running
      clock.advance(60_000);
      const changes = await service.syncOrders();
      expect(changes.map((c) => [c.order.status, c.settledConfirmation?.result.ok])).toEqual([['filled', true]]);
      expect(await service.syncOrders()).toEqual([]);
      expect((await service.getConfirmation(confirmation!.id))?.status).toBe('executed');
      expect((await service.portfolio(account)).holdings.find((h) => h.asset === 'BTC')?.amount.toFixed()).toBe('0.01');
    });

    it('two sync passes racing over the same crashed confirmation: one settles it, the fill is booked once', async () => {
      const { service, who, user, paperFor, account, clock } = await setup();
      const { confirmation } = await service.preview(who, buy('0.01'));
      expect((await service.claim(user.id, confirmation!.id)).outcome).toBe('claimed');
      await paperFor(account).createOrder({ clientOrderId: confirmation!.id, symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: dec('0.01') });
      clock.advance(60_000);
      const [a, b] = await Promise.all([service.syncOrders(), service.syncOrders()]);
      const settled = [...a, ...b].filter((c) => c.settledConfirmation);
      expect(settled.map((c) => c.settledConfirmation?.result.ok)).toEqual([true]);
      expect((await service.getConfirmation(confirmation!.id))?.status).toBe('executed');
      expect((await service.portfolio(account)).holdings.find((h) => h.asset === 'BTC')?.amount.toFixed()).toBe('0.01');
    });

    it('settles an interrupted confirmation that never reached the exchange as not executed', async () => {
      const { service, who, user, clock } = await setup();
      const { confirmation } = await service.preview(who, buy('0.01'));
      await service.claim(user.id, confirmation!.id);
      clock.advance(60_000);
      const [change] = await service.syncOrders();
      expect(change?.order.status).toBe('rejected');
      expect(change?.settledConfirmation?.result.ok).toBe(false);
      expect((await service.getConfirmation(confirmation!.id))?.status).toBe('failed');
    });

    it('rests a limit order with its funds held, and cancels it releasing them', async () => {
      const { service, who, user, paperFor, account } = await setup();
      const { plan, confirmation } = await service.preview(who, { side: 'buy', symbol: 'BTC/USDT', type: 'limit', size: { kind: 'base', amount: '0.1' }, price: '45000' });
      expect(plan).toMatchObject({ type: 'limit', limitPrice: '45000', fillsNow: false, locked: { asset: 'USDT', amount: '4504.5' } });
      const placed = await service.confirm(user.id, confirmation!.id);
      expect(placed.outcome === 'executed' && placed.result.kind === 'order' && placed.result.order.status).toBe('open');
      expect((await paperFor(account).fetchBalance()).get('USDT')!.used.toFixed()).toBe('4504.5');
      const open = await service.orders(user.id, { activeOnly: true });
      expect(open.map((o) => o.status)).toEqual(['open']);

      const cancel = await service.previewCancel(who, { target: 'last' });
      expect(cancel.plan.orders.map((o) => o.id)).toEqual([open[0]!.id]);
      const done = await service.confirm(user.id, cancel.confirmation!.id);
      expect(done.outcome === 'executed' && done.result.kind === 'cancel' && done.result.cancelled.map((o) => o.status)).toEqual(['cancelled']);
      expect((await paperFor(account).fetchBalance()).get('USDT')!.used.toFixed()).toBe('0');
      expect((await service.previewCancel(who, { target: 'all' })).confirmation).toBeNull();
    });

    it('fills a resting limit when the market comes to it, and books it once', async () => {
      const { service, who, user, marketData, paperFor, account, ledger, clock } = await setup();
      const { confirmation } = await service.preview(who, { side: 'buy', symbol: 'BTC/USDT', type: 'limit', size: { kind: 'base', amount: '0.01' }, price: '49000' });
      await service.confirm(user.id, confirmation!.id);
      const { PaperMatcher } = await import('../exchange/paper-matcher.js');
      const { MarketDirectory } = await import('../market/market-directory.js');
      const matcher = new PaperMatcher({ ledger, marketData, markets: new MarketDirectory(marketData, clock), feeRate: dec('0.001'), clock });
      await matcher.matchRestingOrders();
      marketData.setMid('BTC/USDT', -2000);
      clock.advance(5_000);
      await matcher.matchRestingOrders();
      const changes = await service.syncOrders();
      expect(changes.map((c) => [c.order.status, c.fill?.amount.toFixed()])).toEqual([['filled', '0.01']]);
      expect(await service.syncOrders()).toEqual([]);
      expect((await paperFor(account).fetchBalance()).get('BTC')!.total.toFixed()).toBe('0.01');
      expect((await service.portfolio(account)).holdings.find((h) => h.asset === 'BTC')?.avgEntryUsdt?.toFixed()).toBe('49049');
    });

    it('watches a stop-loss and sells the holding once when it triggers', async () => {
      const { service, who, user, marketData, paperFor, account } = await setup();
      await service.confirm(user.id, (await service.preview(who, buy('0.02'))).confirmation!.id);
      const stop = await service.preview(who, { side: 'sell', symbol: 'BTC/USDT', type: 'stop_loss', size: { kind: 'percent', percent: 100 }, trigger: { kind: 'percent', percent: 5 } });
      expect(stop.plan).toMatchObject({ type: 'stop_loss', amount: '0.02', triggerPrice: '47500', nativeTrigger: false });
      await service.confirm(user.id, stop.confirmation!.id);
      expect(await service.syncOrders()).toEqual([]); // the price is still above the stop
      marketData.setMid('BTC/USDT', -3000);
      // Two sync passes race (two instances): whichever wins, the stop fires once.
      const all = (await Promise.all([service.syncOrders(), service.syncOrders()])).flat();
      expect(all.filter((c) => c.triggered).map((c) => c.order.status)).toEqual(['filled']);
      expect((await paperFor(account).fetchBalance()).get('BTC')?.total.toFixed() ?? '0').toBe('0');
      expect(await service.syncOrders()).toEqual([]);

      const late = await service.preview(who, { side: 'sell', symbol: 'BTC/USDT', type: 'stop_loss', size: { kind: 'percent', percent: 100 }, trigger: { kind: 'price', price: '40000' } });
      expect(late.plan.checks.find((c) => !c.ok)?.message).toContain('hold no BTC');
    });

    it('refuses a stop-loss above the market and a take-profit below it', async () => {
      const { service, who, user } = await setup();
      await service.confirm(user.id, (await service.preview(who, buy('0.01'))).confirmation!.id);
      const stop = await service.preview(who, { side: 'sell', symbol: 'BTC/USDT', type: 'stop_loss', size: { kind: 'percent', percent: 100 }, trigger: { kind: 'price', price: '60000' } });
      expect(stop.plan.checks.find((c) => c.name === 'price')).toMatchObject({ ok: false });
      const tp = await service.preview(who, { side: 'sell', symbol: 'BTC/USDT', type: 'take_profit', size: { kind: 'percent', percent: 100 }, trigger: { kind: 'price', price: '40000' } });
      expect(tp.plan.checks.find((c) => c.name === 'price')).toMatchObject({ ok: false });
    });
  });
}
