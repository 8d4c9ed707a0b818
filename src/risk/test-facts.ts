// Builders for the risk rules' tests: a portfolio, a book, candles and orders from a few numbers.
import { dec, type DecimalLike } from '../shared/decimal.js';
import type { BookLevel, Candle, OrderBook } from '../market/types.js';
import type { HoldingFact, RiskFacts, RiskTrade } from './facts.js';
import { utcDayStart } from './risk-text.js';

/** 2024-05-01 16:48 UTC: 7 h 12 min before the next UTC day. */
export const NOW = Date.UTC(2024, 4, 1, 16, 48);
export const HOUR = 3_600_000;

/** A deep book around `mid`: `levels` levels a side, 0.1 % apart, `amount` base each. */
export function deepBook(mid: number, amount = 100, levels = 20, symbol = 'BTC/USDT'): OrderBook {
  const side = (direction: 1 | -1): BookLevel[] => Array.from({ length: levels }, (_, i) => [mid * (1 + direction * 0.001 * (i + 1)), amount] as const);
  return { symbol, bids: side(-1), asks: side(1), timestamp: NOW };
}

export function holding(asset: string, amount: DecimalLike, price: DecimalLike): HoldingFact {
  return { asset, amount: dec(amount), price: dec(price) };
}

/** 10,000 USDT of equity, all cash, flat on the day and at its peak, nothing open, a deep BTC book. */
export function facts(over: Partial<RiskFacts> = {}): RiskFacts {
  return {
    cash: 'USDT',
    equity: dec(10_000),
    holdings: [],
    day: { start: utcDayStart(NOW), equity: dec(10_000) },
    peakEquity: dec(10_000),
    paused: false,
    book: deepBook(60_000),
    candles: {},
    recentOrders: [],
    stopLosses: [],
    openOrders: [],
    ...over,
  };
}

type TradeOver = Partial<Omit<RiskTrade, 'kind'>>;

export function trade(side: 'buy' | 'sell', symbol: string, amount: DecimalLike, price: DecimalLike, over: TradeOver = {}): RiskTrade {
  const [base, quote] = symbol.split('/') as [string, string];
  return {
    kind: 'trade',
    symbol,
    base,
    quote,
    side,
    type: 'market',
    amount: dec(amount),
    price: dec(price),
    marketPrice: dec(price),
    feeRate: dec('0.001'),
    amountStep: dec('0.00001'),
    quoteValue: dec(1),
    ...over,
  };
}

export const buy = (symbol: string, amount: DecimalLike, price: DecimalLike, over: TradeOver = {}) => trade('buy', symbol, amount, price, over);
export const sell = (symbol: string, amount: DecimalLike, price: DecimalLike, over: TradeOver = {}) => trade('sell', symbol, amount, price, over);

/** Hourly candles ending at NOW: closes as given, each candle's range `rangePct` % of its close around it. */
export function candles(closes: readonly number[], rangePct: number | readonly number[] = 1): Candle[] {
  const n = closes.length;
  return closes.map((close, i) => {
    const r = (typeof rangePct === 'number' ? rangePct : rangePct[i]!) / 100;
    const open = i === 0 ? close : closes[i - 1]!;
    return { timestamp: NOW - (n - i) * HOUR, open, high: Math.max(open, close) * (1 + r / 2), low: Math.min(open, close) * (1 - r / 2), close, volume: 1 };
  });
}
