// The paper exchange with MARKET_DATA=book: market orders fill exactly as fill-sim says for the
// recorded moment the wall clock shows (the loop included), and resting limit orders fill from the
// recorded trades behind their queue, partially, as a plain count over the trades file says.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { PaperLedgerRepo } from '../db/paper-ledger-repo.js';
import { UserRepo } from '../db/user-repo.js';
import { fillSimulation } from '../lab/fill-sim.js';
import { RecordedBookMarketData } from '../market/book-feed.js';
import { MarketDirectory } from '../market/market-directory.js';
import { loadRecordedBook } from '../market/recorded-book.js';
import { createMarketData } from '../market/select-feed.js';
import { ManualClock } from '../shared/clock.js';
import { dec, floorToStep, ZERO } from '../shared/decimal.js';
import { newId } from '../shared/ids.js';
import { projectPath } from '../shared/project-paths.js';
import { PaperExchange } from './paper-exchange.js';
import { PaperMatcher } from './paper-matcher.js';

const BTC_FILE = projectPath('data/orderbook/binance_BTC-USDT_l2-top20-1s_20240808.json.gz');
const FIRST = 1723161256000; // the recording's first second
const SPAN = 650_000; // one loop
const FEE = dec('0.001');
let telegramSeq = 77_000;

for (const driver of DATABASES) {
  describe.skipIf(!driver.enabled)(`paper exchange on a recorded book (${driver.name})`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await driver.open();
    });
    afterAll(async () => {
      await database?.close();
    });

    async function paper(wallMs: number) {
      const clock = new ManualClock(wallMs);
      const marketData = await createMarketData({ mode: 'book', clock, logger: { info: () => {}, warn: () => {} } });
      expect(marketData.source).toBe('book');
      const ledger = new PaperLedgerRepo(database.db);
      const markets = new MarketDirectory(marketData, clock);
      const { account } = await new UserRepo(database.db).identify({ provider: 'telegram', subject: String(++telegramSeq) }, {}, { asset: 'USDT', amount: ZERO });
      const deps = { ledger, marketData, markets, feeRate: FEE, clock };
      // As compose/core.ts wires it: the feed itself is the matcher's source of trades.
      if (!(marketData instanceof RecordedBookMarketData)) throw new Error('MARKET_DATA=book gave another feed');
      const matcher = new PaperMatcher({ ...deps, tradeFills: marketData });
      return { clock, ledger, exchange: new PaperExchange(account.id, deps), matcher, accountId: account.id };
    }

    it('a market order fills as fill-sim says for the recorded moment the clock shows, three loops on', async () => {
      const recorded = await loadRecordedBook(BTC_FILE);
      for (const [moment, side, amount] of [[FIRST + 244_500, 'buy', '2.5'], [FIRST + 600_000, 'sell', '3.5']] as const) {
        const p = await paper(moment + 3 * SPAN);
        await p.ledger.credit(p.accountId, 'USDT', dec('1000000'));
        await p.ledger.credit(p.accountId, 'BTC', dec('10'));
        const order = await p.exchange.createOrder({ clientOrderId: newId(), symbol: 'BTC/USDT', side, type: 'market', amount: dec(amount) });
        const sim = fillSimulation(recorded, { at: moment, side, amount: dec(amount), fee: FEE });
        expect(sim.exhausted).toBe(false);
        expect(sim.levels_used).toBeGreaterThan(1); // the order walks the recorded book, not just the touch
        expect(order.status).toBe('closed');
        expect(order.filled.toFixed()).toBe(sim.filled_amount);
        expect(order.cost.toFixed()).toBe(sim.cost);
        expect(order.fee!.cost.toFixed()).toBe(sim.fee);
        expect(order.average!.toDecimalPlaces(8).toFixed()).toBe(sim.avg_price);
      }
    });

    it('refuses a market order larger than the recorded depth rather than inventing liquidity', async () => {
      const p = await paper(FIRST + 100_000);
      await p.ledger.credit(p.accountId, 'USDT', dec('100000000'));
      await expect(p.exchange.createOrder({ clientOrderId: newId(), symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: dec('500') })).rejects.toThrow(/too thin/);
    });

    it('a resting sell at the best ask fills from the recorded buy trades behind the queue, partially, pass by pass', async () => {
      const placedAt = FIRST + 300_000;
      // The plain count: the queue is the ask size at the price when placed; buy takers at the price
      // use it up first; those above it get through whole.
      const snapshots = (JSON.parse(gunzipSync(readFileSync(BTC_FILE)).toString()) as { snapshots: Array<{ ts: number; asks: [number, number][] }> }).snapshots;
      const trades = (JSON.parse(gunzipSync(readFileSync(BTC_FILE.replace('_l2-top20-1s_', '_trades_'))).toString()) as { trades: Array<{ ts: number; price: number; qty: number; side: string }> }).trades;
      const snapshot = snapshots.find((s) => s.ts === placedAt)!;
      const [price, queueAtPlacement] = snapshot.asks[0]!;
      const expectedBy = (until: number) => {
        let queue = queueAtPlacement;
        let offered = 0;
        for (const t of trades) {
          if (t.ts <= placedAt || t.ts > until || t.side !== 'buy' || t.price < price) continue;
          if (t.price > price) {
            queue = 0;
            offered += t.qty;
          } else {
            const used = Math.min(queue, t.qty);
            queue -= used;
            offered += t.qty - used;
          }
        }
        return offered;
      };

      const loop = 2 * SPAN; // on the third pass through the recording
      const p = await paper(placedAt + loop);
      await p.ledger.credit(p.accountId, 'BTC', dec('2'));
      const order = await p.exchange.createOrder({ clientOrderId: newId(), symbol: 'BTC/USDT', side: 'sell', type: 'limit', amount: dec('2'), price: dec(String(price)) });
      expect(order.status).toBe('open');
      expect(order.filled.toFixed()).toBe('0');

      const filledAfter = async (seconds: number) => {
        p.clock.set(placedAt + loop + seconds * 1000);
        await p.matcher.matchRestingOrders();
        return (await p.exchange.fetchOrder('BTC/USDT', order.id)).filled;
      };
      // Only what traded counts, in 0.00001 BTC steps; nothing is offered twice.
      const step = dec('0.00001');
      expect((await filledAfter(30)).toFixed()).toBe(floorToStep(expectedBy(placedAt + 30_000).toFixed(8), step).toFixed());
      const at60 = await filledAfter(60);
      const expected60 = expectedBy(placedAt + 60_000);
      expect(expected60).toBeGreaterThan(0.5);
      expect(at60.toNumber()).toBeCloseTo(expected60, 4);
      const at120 = await filledAfter(120);
      expect(at120.toNumber()).toBeCloseTo(expectedBy(placedAt + 120_000), 4);
      expect(at120.gt(at60)).toBe(true);
      expect(at120.lt(2)).toBe(true); // still resting: the trades were not enough
      const after = await p.exchange.fetchOrder('BTC/USDT', order.id);
      expect(after.status).toBe('open');
      expect(after.cost.toFixed()).toBe(at120.mul(String(price)).toFixed()); // filled at its own limit
    });
  });
}
