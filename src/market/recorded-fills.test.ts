import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import { parseRecordedBook, RecordedBook, RecordedBookError, tradesFileFor, type RecordedTrade } from './recorded-book.js';
import { marketFill, offeredVolume, queueAhead } from './recorded-fills.js';

// A crafted 3-second recording starting at T0 (recorded time); the loop is 3 s long.
const T0 = 1_000_000;
const snapshots = [
  { ts: T0, bids: [[99, 2], [98, 5]] as [number, number][], asks: [[101, 1], [102, 3]] as [number, number][] },
  { ts: T0 + 1000, bids: [[100, 4], [99, 3]] as [number, number][], asks: [[101, 2], [103, 3]] as [number, number][] },
  { ts: T0 + 2000, bids: [[97, 1]] as [number, number][], asks: [[98, 1]] as [number, number][] },
];
const trade = (ts: number, price: number, qty: number, side: 'buy' | 'sell'): RecordedTrade => ({ ts, price, qty, side });

describe('the recorded book, replayed in a loop on the wall clock', () => {
  const book = new RecordedBook('X/USDT', snapshots, [trade(T0 - 1, 1, 1, 'buy'), trade(T0 + 500, 99, 1, 'sell'), trade(T0 + 2500, 98, 1, 'buy'), trade(T0 + 3000, 1, 1, 'buy')]);

  it('shows the last snapshot at or before the moment, and starts over after the last one', () => {
    expect(book.spanMs).toBe(3000);
    expect(book.bookAtWall(T0 + 999).ts).toBe(T0);
    expect(book.bookAtWall(T0 + 1000).ts).toBe(T0 + 1000);
    expect(book.bookAtWall(T0 + 2999).ts).toBe(T0 + 2000);
    expect(book.bookAtWall(T0 + 3000).ts).toBe(T0);
    expect(book.bookAtWall(T0 + 3 * 7 * 1000 + 1500).ts).toBe(T0 + 1000);
    expect(book.bookAtWall(T0 - 500).ts).toBe(T0 + 2000);
  });

  it('keeps only the trades inside the loop, and replays them on every pass at their wall time', () => {
    expect(book.trades.map((t) => t.ts)).toEqual([T0 + 500, T0 + 2500]);
    const seen = [...book.tradesBetweenWall(T0 + 400, T0 + 3000 * 2 + 600)].map((t) => t.wallTs);
    expect(seen).toEqual([T0 + 500, T0 + 2500, T0 + 3500, T0 + 5500, T0 + 6500]);
    expect([...book.tradesBetweenWall(T0 + 500, T0 + 2500)].map((t) => t.wallTs)).toEqual([T0 + 2500]);
  });

  it('refuses a file that is not a book, with the file named', () => {
    const trades = JSON.stringify({ kind: 'trades', symbol: 'X/USDT', trades: [] });
    expect(() => parseRecordedBook('f.json', '{"kind":"trades"}', trades)).toThrow(/f\.json is invalid: not an l2_snapshots/);
    const crossed = JSON.stringify({ kind: 'l2_snapshots', symbol: 'X/USDT', snapshots: [{ ts: 5, bids: [[10, 1]], asks: [[9, 1]] }] });
    expect(() => parseRecordedBook('f.json', crossed, trades)).toThrow(RecordedBookError);
    expect(tradesFileFor('/a/binance_BTC-USDT_l2-top20-1s_20240808.json.gz')).toBe('/a/binance_BTC-USDT_trades_20240808.json.gz');
  });
});

describe('a market order on a recorded book', () => {
  it('walks the levels best first, in decimals, with slippage against the mid and the fee', () => {
    const fill = marketFill(snapshots[0]!, 'buy', '2.5', '0.001');
    // 1 @ 101 + 1.5 @ 102 = 254; mid (99 + 101) / 2 = 100
    expect(fill.filled.toFixed()).toBe('2.5');
    expect(fill.cost.toFixed()).toBe('254');
    expect(fill.averagePrice!.toFixed()).toBe('101.6');
    expect(fill.slippageBps!.toFixed()).toBe('160');
    expect(fill.fee.toFixed()).toBe('0.254');
    const sell = marketFill(snapshots[0]!, 'sell', '3', '0');
    // 2 @ 99 + 1 @ 98 = 296, avg 98.666…; slippage (100 − avg) / 100
    expect(sell.cost.toFixed()).toBe('296');
    expect(sell.slippageBps!.toDecimalPlaces(6).toFixed()).toBe('133.333333');
  });

  it('says when the recorded depth runs out', () => {
    const fill = marketFill(snapshots[0]!, 'buy', '10', '0');
    expect(fill.exhausted).toBe(true);
    expect(fill.filled.toFixed()).toBe('4');
  });
});

describe('a resting limit order filled by the recorded trades', () => {
  // Loop of 10 s with one snapshot per second; the bid at 100 holds 3 ahead of us all along.
  const S = 2_000_000;
  const flat = Array.from({ length: 10 }, (_, i) => ({ ts: S + i * 1000, bids: [[100, 3], [99, 10]] as [number, number][], asks: [[101, 5]] as [number, number][] }));
  const make = (trades: RecordedTrade[]) => new RecordedBook('X/USDT', flat, trades);
  const buyAt100 = { side: 'buy' as const, price: dec(100), placedAt: S };

  it('joins the back of its level: the queue ahead is the volume at its price', () => {
    expect(queueAhead(flat[0]!, 'buy', 100).toFixed()).toBe('3');
    expect(queueAhead(flat[0]!, 'buy', '100.5').toFixed()).toBe('0');
    expect(queueAhead(flat[0]!, 'sell', 101).toFixed()).toBe('5');
  });

  it('fills only what trades at its price after the queue ahead is used up, partially', () => {
    const book = make([trade(S + 1000, 100, 2, 'sell'), trade(S + 2000, 100, 1.5, 'sell'), trade(S + 3000, 100, 0.25, 'sell')]);
    // queue 3: the first 2 and 1 of the 1.5 go to the queue; 0.5 + 0.25 reach us.
    expect(offeredVolume(book, buyAt100, S, S + 1500).toFixed()).toBe('0');
    expect(offeredVolume(book, buyAt100, S, S + 2500).toFixed()).toBe('0.5');
    expect(offeredVolume(book, buyAt100, S, S + 3500).toFixed()).toBe('0.75');
    // From the last fill on, only the later trades are offered: nothing twice.
    expect(offeredVolume(book, buyAt100, S + 2500, S + 3500).toFixed()).toBe('0.25');
  });

  it('is not filled by trades above its price, nor by takers on its own side', () => {
    const book = make([trade(S + 1000, 100.5, 9, 'sell'), trade(S + 2000, 100, 9, 'buy'), trade(S + 3000, 101, 9, 'buy')]);
    expect(offeredVolume(book, buyAt100, S, S + 9000).toFixed()).toBe('0');
  });

  it('gets the whole volume of a trade through its price: the level was swept, queue and all', () => {
    const book = make([trade(S + 1000, 99.5, 0.4, 'sell'), trade(S + 2000, 100, 1, 'sell')]);
    expect(offeredVolume(book, buyAt100, S, S + 1500).toFixed()).toBe('0.4');
    expect(offeredVolume(book, buyAt100, S, S + 2500).toFixed()).toBe('1.4');
  });

  it('a sell rests behind the asks at its price and fills from buy takers at or above it', () => {
    const book = make([trade(S + 1000, 101, 6, 'buy'), trade(S + 2000, 100, 6, 'sell')]);
    const sellAt101 = { side: 'sell' as const, price: dec(101), placedAt: S };
    expect(offeredVolume(book, sellAt101, S, S + 9000).toFixed()).toBe('1');
  });

  it('an order placed at a price the book does not show is at the front of a new level', () => {
    const book = make([trade(S + 1000, 100.5, 0.3, 'sell')]);
    expect(offeredVolume(book, { side: 'buy', price: dec('100.5'), placedAt: S }, S, S + 2000).toFixed()).toBe('0.3');
  });

  it('keeps filling on the next loops, and offers at most one loop of trades per call', () => {
    const book = make([trade(S + 1000, 99, 1, 'sell')]);
    expect(offeredVolume(book, buyAt100, S, S + 1500).toFixed()).toBe('1');
    expect(offeredVolume(book, buyAt100, S + 1500, S + 10_000 + 1500).toFixed()).toBe('1');
    expect(offeredVolume(book, buyAt100, S + 1500, S + 100_000 + 1500).toFixed()).toBe('1');
  });
});
