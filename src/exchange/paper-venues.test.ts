import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { PAPER_VENUES, PaperVenueMarketData, venueBook } from '../market/paper-venues.js';
import type { MarketDataPort } from '../market/types.js';

describe('paper venues', () => {
  it('charge the base-tier taker fee ccxt knows for each exchange', () => {
    for (const venue of Object.values(PAPER_VENUES)) {
      const Exchange = (ccxt as unknown as Record<string, new () => { fees: { trading: { taker: number } } }>)[venue.id]!;
      expect([venue.id, Number(venue.takerFee)]).toEqual([venue.id, new Exchange().fees.trading.taker]);
    }
  });

  it('trade on the app’s book moved by their offset and scaled by their depth; Binance’s is the book itself', async () => {
    const book = { symbol: 'BTC/USDT', bids: [[50_000, 2] as const], asks: [[50_010, 1] as const], timestamp: 1 };
    expect(venueBook(book, PAPER_VENUES.binance)).toBe(book);
    const kraken = venueBook(book, PAPER_VENUES.kraken);
    expect(kraken.asks).toEqual([[50_015.001, 0.6]]);
    expect(kraken.bids).toEqual([[50_005, 1.2]]);
    const inner = { source: 'book', orderBook: async () => book, ticker: async () => ({ symbol: 'BTC/USDT', last: 50_005, bid: 50_000, ask: 50_010, timestamp: 1 }) } as unknown as MarketDataPort;
    const data = new PaperVenueMarketData(inner, PAPER_VENUES.kraken);
    expect((await data.orderBook('BTC/USDT')).asks).toEqual(kraken.asks);
    expect((await data.ticker('BTC/USDT')).bid).toBe(50_005);
  });
});
