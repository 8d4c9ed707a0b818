import type { Decimal } from '../shared/decimal.js';

/** A spot market as the exchange lists it, with the rules an order must respect. */
export interface Market {
  symbol: string; // BASE/QUOTE
  base: string;
  quote: string;
  /** Smallest amount increment (base asset). */
  amountStep: Decimal;
  /** Smallest price increment (quote asset). */
  priceTick: Decimal;
  minAmount: Decimal;
  /** Minimum order value in the quote asset (Binance's MIN_NOTIONAL). */
  minCost: Decimal;
  active: boolean;
}

export interface Ticker {
  symbol: string;
  last: number;
  bid: number;
  ask: number;
  /** Change over the last 24 hours in percent, when known. */
  change24hPct?: number;
  high24h?: number;
  low24h?: number;
  /** Decimals of the market's price tick, when known: its prices are shown on that grid. */
  priceDecimals?: number;
  timestamp: number;
}

/** [price, amount] with price in quote and amount in base. */
export type BookLevel = readonly [price: number, amount: number];

export interface OrderBook {
  symbol: string;
  bids: BookLevel[]; // best (highest) first
  asks: BookLevel[]; // best (lowest) first
  timestamp: number;
}

export interface Candle {
  timestamp: number; // open time, ms
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number; // base asset
}

/** replay: bundled candles; book: a recorded order book and its trades; live: an exchange's public API. */
export type MarketSource = 'replay' | 'book' | 'live';

/** Where prices come from: replayed history, or a live exchange's public endpoints. */
export interface MarketDataPort {
  readonly source: MarketSource;
  markets(): Promise<Market[]>;
  ticker(symbol: string): Promise<Ticker>;
  orderBook(symbol: string, depth?: number): Promise<OrderBook>;
  candles(symbol: string, timeframe: string, options?: { since?: number; limit?: number }): Promise<Candle[]>;
}
