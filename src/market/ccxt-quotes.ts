import type { OrderBook as CcxtOrderBook, Ticker as CcxtTicker } from 'ccxt';
import { AppError } from '../shared/errors.js';
import type { OrderBook, Ticker } from './types.js';

/** ccxt's tickers and books in Parley's shape; shared by the public feed and the trading adapter. */

export function toTicker(symbol: string, t: CcxtTicker, now: number): Ticker {
  const last = t.last ?? t.close;
  if (last === undefined || last === null) throw new AppError('exchange.bad_response', 'The exchange sent no price for this market.');
  return {
    symbol,
    last,
    bid: t.bid ?? last,
    ask: t.ask ?? last,
    change24hPct: t.percentage ?? undefined,
    high24h: t.high ?? undefined,
    low24h: t.low ?? undefined,
    timestamp: t.timestamp ?? now,
  };
}

export function toOrderBook(symbol: string, book: CcxtOrderBook, limit: number, now: number): OrderBook {
  const levels = (side: unknown[][]) => side.slice(0, limit).map(([price, amount]) => [Number(price), Number(amount)] as const);
  return { symbol, bids: levels(book.bids as unknown[][]), asks: levels(book.asks as unknown[][]), timestamp: book.timestamp ?? now };
}
