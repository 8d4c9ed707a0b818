import { describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.js';
import { UnknownSymbol } from '../shared/errors.js';
import { RecordedBookMarketData } from './book-feed.js';
import { RecordedBook, type RecordedTrade } from './recorded-book.js';

const T0 = 1_000_000_000;
const snap = (i: number, bid: number, ask: number) => ({ ts: T0 + i * 1000, bids: [[bid, 1], [bid - 1, 2]] as [number, number][], asks: [[ask, 1], [ask + 1, 2]] as [number, number][] });
const trade = (ts: number, price: number, qty: number): RecordedTrade => ({ ts, price, qty, side: 'buy' });

describe('market data from a recorded book (MARKET_DATA=book)', () => {
  // A 4-second loop: books move up a dollar a second; trades at 0.5 s, 1.5 s and 3.2 s.
  const book = new RecordedBook('BTC/USDT', [snap(0, 100, 101), snap(1, 101, 102), snap(2, 102, 103), snap(3, 103, 104)], [
    trade(T0 + 500, 101, 0.5),
    trade(T0 + 1500, 102, 1),
    trade(T0 + 3200, 104, 0.25),
  ]);
  const clock = new ManualClock(T0);
  const feed = new RecordedBookMarketData([book], clock);

  it('shows the recorded book and quotes of the current second, looping, with the last trade as the price', async () => {
    clock.set(T0 + 4000 * 10 + 1700); // ten loops on, 1.7 s in
    expect(await feed.orderBook('BTC/USDT')).toMatchObject({ bids: [[101, 1], [100, 2]], asks: [[102, 1], [103, 2]], timestamp: clock.now() });
    // The last trade at or before the book's second (1 s): the one at 0.5 s, not the one at 1.5 s.
    expect((await feed.orderBook('btc/usdt', 1)).asks).toEqual([[102, 1]]);
    expect(await feed.ticker('BTC/USDT')).toMatchObject({ bid: 101, ask: 102, last: 101, low24h: 101, high24h: 104 });
    clock.set(T0 + 4000 * 10 + 200); // before the loop's first trade: the last price of the loop before
    expect((await feed.ticker('BTC/USDT')).last).toBe(104);
    expect(feed.source).toBe('book');
    await expect(feed.ticker('SOL/USDT')).rejects.toThrow(UnknownSymbol);
    expect((await feed.markets()).map((m) => [m.symbol, m.priceTick.toFixed(), m.amountStep.toFixed()])).toEqual([['BTC/USDT', '0.01', '0.00001']]);
  });

  it('builds hourly candles from the recorded trades: every loop in the hour counted once', async () => {
    const hour = 3_600_000;
    const start = Math.ceil(T0 / hour) * hour + 5 * hour;
    clock.set(start + hour + 1); // the next hour has just begun
    const [done, current] = await feed.candles('BTC/USDT', '1h', { since: start });
    // 3,600 s is 900 loops of 4 s: 900 × 1.75 traded.
    expect(done).toMatchObject({ timestamp: start, high: 104, low: 101, volume: 1575 });
    expect(current).toMatchObject({ timestamp: start + hour });
    expect((await feed.candles('BTC/USDT', '1h', { limit: 3 })).map((c) => c.timestamp)).toEqual([start - hour, start, start + hour]);
  });
});
