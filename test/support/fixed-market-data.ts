import { UnknownSymbol } from '../../src/shared/errors.js';
import { dec } from '../../src/shared/decimal.js';
import type { BookLevel, Candle, Market, MarketDataPort, OrderBook, Ticker } from '../../src/market/types.js';

const market = (symbol: string, tick: string, step: string, minCost: string): Market => {
  const [base, quote] = symbol.split('/') as [string, string];
  return { symbol, base, quote, priceTick: dec(tick), amountStep: dec(step), minAmount: dec(step), minCost: dec(minCost), active: true };
};

/**
 * Prices that stand still: a hand-written book per symbol, so tests can check fills to
 * the last decimal. `setMid` moves a book (every level shifts by the same amount).
 */
export class FixedMarketData implements MarketDataPort {
  readonly source = 'replay' as const;
  private books = new Map<string, { bids: BookLevel[]; asks: BookLevel[] }>([
    ['BTC/USDT', { bids: [[49_990, 0.5], [49_980, 1], [49_900, 10]], asks: [[50_010, 0.5], [50_020, 1], [50_100, 10]] }],
    ['ETH/USDT', { bids: [[2_999, 10], [2_998, 50]], asks: [[3_001, 10], [3_002, 50]] }],
    ['ETH/BTC', { bids: [[0.0599, 10]], asks: [[0.0601, 10]] }],
  ]);
  readonly list: Market[] = [
    market('BTC/USDT', '0.01', '0.00001', '5'),
    market('ETH/USDT', '0.01', '0.0001', '5'),
    market('ETH/BTC', '0.00001', '0.0001', '0.0001'),
  ];
  calls = { orderBook: 0, ticker: 0 };

  constructor(private readonly now: () => number = () => Date.now()) {}

  async markets(): Promise<Market[]> {
    return this.list;
  }

  async ticker(symbol: string): Promise<Ticker> {
    this.calls.ticker++;
    const book = this.book(symbol);
    const bid = book.bids[0]![0];
    const ask = book.asks[0]![0];
    return { symbol, bid, ask, last: (bid + ask) / 2, timestamp: this.now() };
  }

  async orderBook(symbol: string): Promise<OrderBook> {
    this.calls.orderBook++;
    const book = this.book(symbol);
    return { symbol, bids: book.bids, asks: book.asks, timestamp: this.now() };
  }

  async candles(): Promise<Candle[]> {
    return [];
  }

  setMid(symbol: string, shift: number): void {
    const book = this.book(symbol);
    const move = (levels: BookLevel[]) => levels.map(([p, a]) => [p + shift, a] as const);
    this.books.set(symbol, { bids: move(book.bids), asks: move(book.asks) });
  }

  private book(symbol: string) {
    const book = this.books.get(symbol);
    if (!book) throw new UnknownSymbol(symbol);
    return book;
  }
}
