import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { tradingHarness } from '../../test/support/trading-harness.js';
import { telegramUser } from '../../test/support/users.js';
import { dec } from '../shared/decimal.js';
import type { TradeRequest } from './types.js';

const buy = (amount: string, venue?: string): TradeRequest => ({ side: 'buy', symbol: 'BTC/USDT', type: 'market', size: { kind: 'base', amount }, ...(venue ? { venue } : {}) });
// The fixed BTC book's jump from 50,020 to 50,100 makes a split pay about 4 bps here: under the
// default 5 bps threshold, over this one.
const ROUTING = { threshold: { minSavingBps: 1, minSavingQuote: 1 } };
let telegramSeq = 7100;

for (const driver of DATABASES) {
  describe.skipIf(!driver.enabled)(`routed orders on ${driver.name}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await driver.open();
    });
    afterAll(async () => {
      await database?.close();
    });

    async function setup() {
      const h = tradingHarness(database, { routing: ROUTING });
      const { user, account } = await telegramUser(h.users, ++telegramSeq, { firstName: 'Rae' });
      await h.ledger.credit(account.id, 'USDT', dec(100_000)); // 110,000 USDT in all
      return { ...h, user, account, who: { userId: user.id, account } };
    }

    it('previews "buy 2 btc wherever it’s cheapest" as a split, with each venue’s cost alone', async () => {
      const { service, who } = await setup();
      const preview = await service.preview(who, buy('2', 'best'));
      const route = preview.route!;
      // Binance: 0.5 at 50,010 + 1 at 50,020; KuCoin (paper book: +0.5 bps, half the depth): 0.25 at 50,012.5005 + 0.25 at 50,022.501.
      expect(route.legs.map((l) => [l.venue, l.amount, l.estCost, l.estFee])).toEqual([
        ['binance', '1.5', '75025', '75.025'],
        ['kucoin', '0.5', '25008.750375', '25.008750375'],
      ]);
      expect(preview.plan).toMatchObject({ amount: '2', estTotal: '100133.784125375', exchange: 'Binance (paper) + KuCoin (paper)' });
      // Binance alone: 25,005 + 50,020 + 0.5 × 50,100 = 100,075 + 0.1 % fee = 100,175.075.
      expect(route.saving).toBe('41.290874625');
      expect(route.headline).toBe('1.5 BTC on Binance (paper) at ~50,016.67, 0.5 on KuCoin (paper) at ~50,017.50; saves 41.29 USDT vs Binance (paper) alone');
      expect(route.venues[0]).toMatch(/^Binance \(paper\) alone: 100,175\.08 USDT/);
      expect(route.venues.find((v) => v.startsWith('Coinbase'))).toMatch(/fee 1\.20%/);
      expect(route.venues).toHaveLength(4);
      expect(preview.confirmation?.id).toBe(route.legs[0]!.route!.id);
    });

    it('confirms every leg once, each its own order with its own client order id, and tells the combined fill', async () => {
      const { service, who, user, paperFor, account, orders } = await setup();
      const { route, confirmation } = await service.preview(who, buy('2', 'best'));
      const ids = route!.legs.map((l) => l.route!.id === l.route!.legs[0] && l.route!.legs).at(0) as string[];
      // Presses race, on the first leg and on the second: one wins, for both legs.
      const outcomes = await Promise.all([...Array.from({ length: 3 }, () => service.confirm(user.id, confirmation!.id)), service.confirm(user.id, ids[1]!)]);
      const executed = outcomes.filter((o) => o.outcome === 'executed');
      expect(executed).toHaveLength(1);
      expect(outcomes.filter((o) => o.outcome === 'already')).toHaveLength(3);
      const fill = executed[0]!.outcome === 'executed' ? executed[0]!.route! : null;
      expect(fill).toMatchObject({ amount: '2', filled: '2', cost: '100033.750375', fee: '100.033750375', complete: true });
      expect(fill!.legs.map((l) => [l.venue, l.outcome, l.order?.clientOrderId])).toEqual([
        ['binance', 'executed', ids[0]],
        ['kucoin', 'executed', ids[1]],
      ]);
      const journal = await orders.forUser(user.id, { accountId: account.id });
      expect(journal.map((o) => [o.clientOrderId, o.status, o.filled]).sort()).toEqual([
        [ids[0], 'filled', '1.5'],
        [ids[1], 'filled', '0.5'],
      ].sort());
      const balances = await paperFor(account).fetchBalance();
      expect(balances.get('BTC')!.total.toFixed()).toBe('2');
      expect(balances.get('USDT')!.total.toFixed()).toBe(dec(110_000).minus('100133.784125375').toFixed());
      expect(await service.syncOrders()).toEqual([]);
    });

    it('chaos: a crash between the legs — the first leg on the exchange, the second never sent — each leg ends once, none is lost', async () => {
      const { service, who, user, paperFor, account, orders, clock, venues } = await setup();
      const { route, confirmation } = await service.preview(who, buy('2', 'best'));
      const ids = route!.legs[0]!.route!.legs;
      // The claim journals both legs in one transaction…
      expect((await service.claim(user.id, confirmation!.id)).outcome).toBe('claimed');
      expect((await orders.forUser(user.id, { accountId: account.id })).map((o) => o.status)).toEqual(['submitting', 'submitting']);
      // … the first leg reached its venue, then the process died.
      await venues!.venueFor(account, 'binance').createOrder({ clientOrderId: ids[0]!, symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: dec('1.5') });
      clock.advance(60_000);
      const changes = await service.syncOrders();
      expect(changes.map((c) => [c.order.clientOrderId, c.order.status, c.settledConfirmation?.result.ok]).sort()).toEqual([
        [ids[0], 'filled', true],
        [ids[1], 'rejected', false],
      ].sort());
      expect(await service.syncOrders()).toEqual([]);
      expect((await service.getConfirmation(ids[1]!))?.result).toMatchObject({ ok: false, message: expect.stringContaining('interrupted before it reached the exchange') });
      // Pressing again sends nothing: the route is settled.
      expect((await service.confirm(user.id, confirmation!.id)).outcome).toBe('already');
      expect((await paperFor(account).fetchBalance()).get('BTC')!.total.toFixed()).toBe('1.5');
      expect(await paperFor(account).fetchOrderByClientId('BTC/USDT', ids[1]!)).toBeNull();
    });

    it('chaos: both legs reached their venues but every answer was lost — each is booked once', async () => {
      const { service, who, user, paperFor, account, clock, venues } = await setup();
      const { route, confirmation } = await service.preview(who, buy('2', 'best'));
      const legs = route!.legs;
      await service.claim(user.id, confirmation!.id);
      for (const leg of legs) await venues!.venueFor(account, leg.venue!).createOrder({ clientOrderId: leg.route!.legs[leg.route!.index]!, symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: dec(leg.amount) });
      clock.advance(60_000);
      const changes = await service.syncOrders();
      expect(changes.filter((c) => c.settledConfirmation).map((c) => c.order.status)).toEqual(['filled', 'filled']);
      expect(await service.syncOrders()).toEqual([]);
      expect((await paperFor(account).fetchBalance()).get('BTC')!.total.toFixed()).toBe('2');
    });

    it('a leg that fails is reported, not retried; the other still fills', async () => {
      const { service, who, user, paperFor, account } = await setup();
      const routed = await service.preview(who, buy('2', 'best'));
      // Meanwhile another order spends 15,000 USDT: the second leg no longer has the funds.
      const other = await service.preview(who, buy('0.3'));
      expect((await service.confirm(user.id, other.confirmation!.id)).outcome).toBe('executed');
      const outcome = await service.confirm(user.id, routed.confirmation!.id);
      expect(outcome.outcome).toBe('executed');
      const fill = outcome.outcome === 'executed' ? outcome.route! : null;
      expect(fill).toMatchObject({ amount: '2', filled: '1.5', complete: false });
      expect(fill!.legs.map((l) => [l.venue, l.outcome])).toEqual([
        ['binance', 'executed'],
        ['kucoin', 'failed'],
      ]);
      expect(fill!.legs[1]!.message).toMatch(/Not enough USDT/);
      expect((await paperFor(account).fetchBalance()).get('BTC')!.total.toFixed()).toBe('1.8');
      expect((await service.confirm(user.id, routed.confirmation!.id)).outcome).toBe('already');
    });

    it('cancels a route whole, and expires it whole', async () => {
      const { service, who, user, clock } = await setup();
      const first = await service.preview(who, buy('2', 'best'));
      expect((await service.cancel(user.id, first.confirmation!.id)).outcome).toBe('claimed');
      for (const id of first.route!.legs[0]!.route!.legs) expect((await service.getConfirmation(id))?.status).toBe('cancelled');
      const second = await service.preview(who, buy('2', 'best'));
      clock.advance(60_001);
      expect((await service.confirm(user.id, second.confirmation!.id)).outcome).toBe('expired');
      for (const id of second.route!.legs[0]!.route!.legs) expect((await service.getConfirmation(id))?.status).toBe('expired');
    });

    it('a small order goes to one venue, and says why it was not split', async () => {
      const { service, who } = await setup();
      const preview = await service.preview(who, buy('0.1', 'best'));
      expect(preview.route!.legs.map((l) => l.venue)).toEqual(['binance']);
      expect(preview.route!.headline).toBe('All 0.1 BTC on Binance (paper) at ~50,010.00: the best of 4 venues');
    });

    it('keeps a default venue per user: a venue, or "best" for every market order', async () => {
      const { service, who, user, paperFor, account, venues } = await setup();
      await expect(service.setDefaultVenue(who, 'nowhere')).rejects.toMatchObject({ code: 'route.unknown_venue' });
      expect(await service.setDefaultVenue(who, 'Kraken')).toMatchObject({ venue: 'kraken' });
      const onKraken = await service.preview(who, buy('0.01'));
      expect(onKraken.plan).toMatchObject({ venue: 'kraken', exchange: 'Kraken (paper)', feeRate: '0.0026', estAveragePrice: '50015.001' });
      const done = await service.confirm(user.id, onKraken.confirmation!.id);
      expect(done.outcome === 'executed' && done.result.kind === 'order' && done.result.order.average).toBe('50015.001');
      expect((await paperFor(account).fetchBalance()).get('BTC')!.total.toFixed()).toBe('0.01');
      // Limits still go to the account's own exchange.
      const limit = await service.preview(who, { side: 'buy', symbol: 'BTC/USDT', type: 'limit', size: { kind: 'base', amount: '0.01' }, price: '45000' });
      expect(limit.plan.venue).toBeUndefined();

      await service.setDefaultVenue(who, 'best');
      expect((await service.preview(who, buy('2'))).route?.plan.split).toBe(true);
      await service.setDefaultVenue(who, null);
      expect((await service.preview(who, buy('2'))).route).toBeUndefined();
      // Every venue's own requests were measured.
      expect(venues!.stats.all(Date.UTC(2026, 0, 1, 12)).map((h) => h.venue)).toEqual(['paper:binance', 'paper:coinbase', 'paper:kraken', 'paper:kucoin']);
    });
  });
}
