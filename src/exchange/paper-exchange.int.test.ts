import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { SettableMarketData } from '../../test/support/settable-market-data.js';
import { PaperLedgerRepo } from '../db/paper-ledger-repo.js';
import { paperBalances, paperOrders } from '../db/schema.js';
import { UserRepo } from '../db/user-repo.js';
import { MarketDirectory } from '../market/market-directory.js';
import { ManualClock } from '../shared/clock.js';
import { dec, ZERO, type Decimal } from '../shared/decimal.js';
import { InvalidOrder } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { createLogger } from '../logging/pino-logger.js';
import type { OrderRequest } from '../trading/exchange-port.js';
import { exchangePortContract } from './exchange-port.contract.js';
import { PaperExchange } from './paper-exchange.js';
import { PaperMatcher, type PaperFill } from './paper-matcher.js';

const SYMBOL = 'BTC/USDT';
const FEE = dec('0.001');
const MINUTE = 60_000;
let telegramSeq = 9000;

for (const driver of DATABASES) {
  describe.skipIf(!driver.enabled)(`paper exchange on ${driver.name}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await driver.open();
    });
    afterAll(async () => {
      await database?.close();
    });

    /** A fresh, empty account on the suite's database, a market at `price`, and a matcher. */
    async function paper(options: { price?: number; hourlyVolume?: number } = {}) {
      const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
      const prices = new SettableMarketData(clock, { hourlyVolume: options.hourlyVolume ?? 100_000 });
      prices.set(SYMBOL, options.price ?? 60_000);
      const ledger = new PaperLedgerRepo(database.db);
      const markets = new MarketDirectory(prices, clock);
      const { account } = await new UserRepo(database.db).identify({ provider: 'telegram', subject: String(++telegramSeq) }, {}, { asset: 'USDT', amount: ZERO });
      const warnings: string[] = [];
      const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void warnings.push(line) } });
      const deps = { ledger, marketData: prices, markets, feeRate: FEE, clock };
      const exchange = new PaperExchange(account.id, deps);
      const newMatcher = () => new PaperMatcher({ ...deps, logger });
      const matcher = newMatcher();
      const mine = (fills: PaperFill[]) => fills.filter((f) => f.accountId === account.id);
      const balance = async (asset: string) => {
        const b = (await exchange.fetchBalance()).get(asset);
        return b ?? { free: ZERO, used: ZERO, total: ZERO };
      };
      return {
        clock, prices, ledger, exchange, matcher, newMatcher, warnings, accountId: account.id, balance,
        fund: (asset: string, amount: string) => ledger.credit(account.id, asset, dec(amount)),
        /** The clock moves on a minute, the price trades at `price`, the matcher runs; this account's fills. */
        move: async (price: number, by = MINUTE) => {
          clock.advance(by);
          prices.set(SYMBOL, price);
          return mine(await matcher.matchRestingOrders());
        },
        pass: async (by = MINUTE, m = matcher) => {
          clock.advance(by);
          return mine(await m.matchRestingOrders());
        },
        mine,
      };
    }
    const limit = (side: 'buy' | 'sell', amount: string, price: string): OrderRequest => ({
      clientOrderId: newId(), symbol: SYMBOL, side, type: 'limit', amount: dec(amount), price: dec(price),
    });

    exchangePortContract(`paper exchange on ${driver.name}`, async () => {
      const p = await paper();
      return {
        exchange: p.exchange,
        moveMarket: async (symbol, price) => {
          p.clock.advance(MINUTE);
          p.prices.set(symbol, price);
          await p.matcher.matchRestingOrders();
        },
        fund: p.fund,
        ordersWithClientId: async (id) =>
          (await database.db.select().from(paperOrders).where(and(eq(paperOrders.accountId, p.accountId), eq(paperOrders.clientOrderId, id)))).length,
        // Accounts are fresh per test; the database is the suite's and closes after it.
        cleanup: async () => {},
      };
    });

    describe('limit orders at placement', () => {
      it('fills the part the book offers at the limit or better at once, as a taker, and rests the rest', async () => {
        const p = await paper();
        p.prices.setBook(SYMBOL, { bids: [[59_990, 1]], asks: [[60_000, 0.005], [60_005, 0.01], [60_100, 5]] });
        await p.fund('USDT', '10000');
        const placed = await p.exchange.createOrder(limit('buy', '0.02', '60005'));
        // 0.005 at 60,000 + 0.01 at 60,005; the 60,100 level is above the limit.
        expect(placed).toMatchObject({ status: 'open', type: 'limit' });
        expect([placed.filled.toFixed(), placed.cost.toFixed(), placed.fee.cost.toFixed()]).toEqual(['0.015', '900.05', '0.90005']);
        expect(placed.average!.lte(60_005)).toBe(true);
        const usdt = await p.balance('USDT');
        expect(usdt.used.toFixed()).toBe('300.325025'); // 0.005 × 60,005 × 1.001 held for the rest
        expect(usdt.free.toFixed()).toBe(dec(10_000).minus('900.05').minus('0.90005').minus('300.325025').toFixed());
        expect((await p.balance('BTC')).total.toFixed()).toBe('0.015');

        const whole = await p.exchange.createOrder(limit('buy', '0.01', '60100'));
        expect(whole.status).toBe('closed');
        expect(whole.average!.toFixed()).toBe('60002.5'); // the book is not used up by paper fills
      });

      it('sells into the bids down to the limit only', async () => {
        const p = await paper();
        p.prices.setBook(SYMBOL, { bids: [[60_000, 0.01], [59_000, 5]], asks: [[60_010, 1]] });
        await p.fund('BTC', '0.05');
        const placed = await p.exchange.createOrder(limit('sell', '0.03', '59500'));
        expect([placed.status, placed.filled.toFixed(), placed.cost.toFixed(), placed.fee.cost.toFixed()]).toEqual(['open', '0.01', '600', '0.6']);
        const btc = await p.balance('BTC');
        expect([btc.used.toFixed(), btc.total.toFixed()]).toEqual(['0.02', '0.04']);
        expect((await p.balance('USDT')).total.toFixed()).toBe('599.4');
      });

      it('refuses a price off the tick, or no price, the way the exchange’s price filter would', async () => {
        const p = await paper();
        await p.fund('USDT', '10000');
        const offTick = await p.exchange.createOrder(limit('buy', '0.01', '59000.005')).catch((e: unknown) => e);
        expect(offTick).toBeInstanceOf(InvalidOrder);
        expect((offTick as InvalidOrder).userMessage).toBe('BTC/USDT prices move in steps of 0.01 USDT: 59000.005 is between two steps.');
        await expect(p.exchange.createOrder({ ...limit('buy', '0.01', '1'), price: undefined })).rejects.toBeInstanceOf(InvalidOrder);
        await expect(p.exchange.createOrder(limit('buy', '0.01', '-5'))).rejects.toBeInstanceOf(InvalidOrder);
        expect((await p.balance('USDT')).free.toFixed()).toBe('10000');
      });
    });

    describe('the matcher', () => {
      it('fills a resting limit at its own price once the market crosses it, and reports the fill', async () => {
        const p = await paper();
        await p.fund('USDT', '10000');
        const placed = await p.exchange.createOrder(limit('buy', '0.01', '59000'));
        expect(await p.move(59_001)).toEqual([]);
        const [fill, ...more] = await p.move(58_000);
        expect(more).toEqual([]);
        expect(fill).toMatchObject({ orderId: placed.id, clientOrderId: placed.clientOrderId, symbol: SYMBOL, side: 'buy', status: 'closed', feeCurrency: 'USDT' });
        expect([fill!.filledNow.toFixed(), fill!.average.toFixed(), fill!.fee.toFixed()]).toEqual(['0.01', '59000', '0.59']);
        const usdt = await p.balance('USDT');
        expect([usdt.used.toFixed(), usdt.total.toFixed()]).toEqual(['0', '9409.41']);
        expect(await p.move(57_000)).toEqual([]);
      });

      it('fills a large order over several passes when volume is thin, holding exactly what is still unfilled', async () => {
        // 36 BTC an hour: 0.6 BTC a minute, of which an order may take 10 %: 0.06 BTC a pass.
        const p = await paper({ hourlyVolume: 36 });
        await p.fund('USDT', '20000');
        const placed = await p.exchange.createOrder(limit('buy', '0.2', '59000'));
        const hold = dec('0.2').mul(59_000).mul(FEE.plus(1));
        expect((await p.balance('USDT')).used.eq(hold)).toBe(true);

        const fills = [...(await p.move(58_900))];
        expect(fills.map((f) => [f.filledNow.toFixed(), f.status])).toEqual([['0.06', 'open']]);
        while (fills.at(-1)?.status === 'open') {
          fills.push(...(await p.pass()));
          expect(fills.length).toBeLessThan(10);
          let spent = ZERO;
          let bought = ZERO;
          for (const f of fills) {
            expect(f.average.toFixed()).toBe('59000');
            spent = spent.plus(f.filledNow.mul(f.average)).plus(f.fee);
            bought = bought.plus(f.filledNow);
          }
          const usdt = await p.balance('USDT');
          const remaining = dec('0.2').minus(bought);
          // What is held is exactly the unfilled part at the limit, with its fee; nothing is made or lost.
          expect(usdt.used.eq(remaining.mul(59_000).mul(FEE.plus(1)))).toBe(true);
          expect(usdt.total.eq(dec(20_000).minus(spent))).toBe(true);
          expect((await p.balance('BTC')).total.eq(bought)).toBe(true);
        }
        expect(fills.map((f) => f.filledNow.toFixed())).toEqual(['0.06', '0.06', '0.06', '0.02']);
        const done = await p.exchange.fetchOrder(SYMBOL, placed.id);
        expect([done.status, done.filled.toFixed(), done.cost.toFixed(), done.fee.cost.toFixed()]).toEqual(['closed', '0.2', '11800', '11.8']);
        expect((await p.balance('USDT')).total.toFixed()).toBe('8188.2');
      });

      it('fills an order the price spiked through between two passes, at the limit', async () => {
        const p = await paper();
        await p.fund('USDT', '10000');
        const placed = await p.exchange.createOrder(limit('buy', '0.01', '59000'));
        expect(await p.pass(1_000)).toEqual([]);
        p.clock.advance(10_000);
        p.prices.set(SYMBOL, 58_500);
        p.clock.advance(10_000);
        p.prices.set(SYMBOL, 60_200);
        const [fill] = await p.pass(10_000);
        expect(fill).toMatchObject({ orderId: placed.id, status: 'closed' });
        expect(fill!.average.toFixed()).toBe('59000');
      });

      it('does not fill with a dip that came before the order was placed', async () => {
        const p = await paper();
        await p.fund('USDT', '10000');
        await p.fund('BTC', '1');
        await p.exchange.createOrder(limit('sell', '0.01', '70000')); // keeps the matcher watching BTC/USDT
        await p.pass();
        p.clock.advance(10_000);
        p.prices.set(SYMBOL, 58_000);
        p.clock.advance(10_000);
        p.prices.set(SYMBOL, 60_000);
        const placed = await p.exchange.createOrder(limit('buy', '0.01', '59000'));
        expect(placed.status).toBe('open');
        expect(await p.pass(10_000)).toEqual([]);
        expect(await p.move(58_999)).toMatchObject([{ orderId: placed.id, status: 'closed' }]);
      });

      it('cancels after a partial fill and gives back exactly the unfilled part', async () => {
        const p = await paper({ hourlyVolume: 36 });
        await p.fund('USDT', '20000');
        const placed = await p.exchange.createOrder(limit('buy', '0.2', '59000'));
        expect((await p.move(58_000)).map((f) => f.filledNow.toFixed())).toEqual(['0.06']);
        const canceled = await p.exchange.cancelOrder(SYMBOL, placed.id);
        expect([canceled.status, canceled.filled.toFixed()]).toEqual(['canceled', '0.06']);
        const usdt = await p.balance('USDT');
        // 0.06 × 59,000 = 3,540 spent, plus 3.54 fee; nothing held any more.
        expect([usdt.used.toFixed(), usdt.free.toFixed()]).toEqual(['0', '16456.46']);
        expect((await p.balance('BTC')).total.toFixed()).toBe('0.06');
        expect(await p.pass()).toEqual([]);
        const again = await p.exchange.cancelOrder(SYMBOL, placed.id).catch((e: unknown) => e);
        expect(again).toBeInstanceOf(InvalidOrder);
        expect((again as InvalidOrder).userMessage).toBe(`Order ${placed.id} is already cancelled.`);
      });

      it('fills each move once when two matchers race over the same orders', async () => {
        const p = await paper({ hourlyVolume: 36 });
        await p.fund('USDT', '20000');
        const placed = await p.exchange.createOrder(limit('buy', '0.2', '59000'));
        const other = p.newMatcher();
        for (let round = 1; round <= 2; round++) {
          p.clock.advance(MINUTE);
          p.prices.set(SYMBOL, 58_900);
          const [a, b] = await Promise.all([p.matcher.matchRestingOrders(), other.matchRestingOrders()]);
          const fills = p.mine([...a!, ...b!]);
          expect(fills.map((f) => f.filledNow.toFixed())).toEqual(['0.06']);
          const order = await p.exchange.fetchOrder(SYMBOL, placed.id);
          expect(order.filled.eq(dec('0.06').mul(round))).toBe(true);
        }
        const usdt = await p.balance('USDT');
        expect(usdt.used.eq(dec('0.08').mul(59_000).mul(FEE.plus(1)))).toBe(true);
        expect(usdt.total.toFixed()).toBe(dec(20_000).minus(dec('0.12').mul(59_000).mul(FEE.plus(1))).toFixed());
      });

      it('writes nothing of a fill that fails half-way, goes on with other orders, and fills it once repaired', async () => {
        const p = await paper();
        const q = await paper();
        await p.fund('USDT', '10000');
        await q.fund('USDT', '10000');
        const broken = await p.exchange.createOrder(limit('buy', '0.01', '59000'));
        const healthy = await q.exchange.createOrder(limit('buy', '0.01', '59000'));
        expect(await p.pass()).toEqual([]);
        // The books say the order holds 590.59 USDT but the balance holds none: the fill updates
        // the order row, then fails on the balance, and must roll back both.
        const held = and(eq(paperBalances.accountId, p.accountId), eq(paperBalances.asset, 'USDT'));
        await database.db.update(paperBalances).set({ locked: '0' }).where(held);
        const before = await p.exchange.fetchOrder(SYMBOL, broken.id);

        p.clock.advance(MINUTE);
        p.prices.set(SYMBOL, 58_000);
        const fills = await p.matcher.matchRestingOrders();
        expect(fills.filter((f) => f.accountId === p.accountId)).toEqual([]);
        expect(fills.filter((f) => f.accountId === q.accountId).map((f) => f.orderId)).toEqual([healthy.id]);
        expect(await p.exchange.fetchOrder(SYMBOL, broken.id)).toEqual(before);
        const usdt = await p.balance('USDT');
        expect([usdt.free.toFixed(), usdt.used.toFixed()]).toEqual(['9409.41', '0']);
        expect((await p.balance('BTC')).total.isZero()).toBe(true);
        expect(p.warnings.join('\n')).toMatch(/fill failed/);

        await database.db.update(paperBalances).set({ locked: '590.59', free: '9409.41' }).where(held);
        p.prices.set(SYMBOL, 60_000); // back above the limit: the retry is judged on the move it missed
        expect((await p.pass()).map((f) => [f.orderId, f.status])).toEqual([[broken.id, 'closed']]);
        expect((await p.balance('USDT')).total.toFixed()).toBe('9409.41');
      });
    });

    it('keeps the two sides of the books in step for a resting sell filled in parts', async () => {
      const p = await paper({ hourlyVolume: 120 }); // 2 BTC a minute → 0.2 a pass
      await p.fund('BTC', '0.5');
      const placed = await p.exchange.createOrder(limit('sell', '0.5', '61000'));
      const fills = [...(await p.move(61_500)), ...(await p.pass()), ...(await p.pass())];
      expect(fills.map((f) => [f.filledNow.toFixed(), f.status])).toEqual([['0.2', 'open'], ['0.2', 'open'], ['0.1', 'closed']]);
      const sold: Decimal = fills.reduce((s, f) => s.plus(f.filledNow.mul(f.average).minus(f.fee)), ZERO);
      const btc = await p.balance('BTC');
      expect([btc.used.toFixed(), btc.total.toFixed()]).toEqual(['0', '0']);
      expect((await p.balance('USDT')).total.eq(sold)).toBe(true);
      expect((await p.exchange.fetchOrder(SYMBOL, placed.id)).cost.toFixed()).toBe('30500');
    });
  });
}
