import type { Decimal } from '../shared/decimal.js';
import type { Candle, OrderBook } from '../market/types.js';

/**
 * The order a preview is about, as the rules need it. Prices are in the market's quote asset;
 * `quoteValue` turns one unit of the quote into the reference currency (1 for a USDT market),
 * so every rule can compare the order with a portfolio valued in that currency.
 */
export interface RiskTrade {
  kind: 'trade';
  symbol: string;
  base: string;
  quote: string;
  side: 'buy' | 'sell';
  type: 'market' | 'limit' | 'stop_loss' | 'take_profit';
  /** Base amount, on the market's step. */
  amount: Decimal;
  /** The expected average fill price (the plan's estimate; a limit's own price when it rests). */
  price: Decimal;
  /** limit orders: the limit price. */
  limitPrice?: Decimal;
  /** The market price when previewed (mid). */
  marketPrice: Decimal;
  /** Taker fee, as a fraction. */
  feeRate: Decimal;
  /** The market's amount step: a suggested size is floored to it. */
  amountStep: Decimal;
  /** Value of one unit of the quote asset in the reference currency. */
  quoteValue: Decimal;
}

/** Cancelling orders: it can only take risk away, so no rule ever stops it. */
export interface RiskCancel {
  kind: 'cancel';
}

export type RiskOrder = RiskTrade | RiskCancel;

/** A non-cash holding (free and locked), priced in the reference currency. */
export interface HoldingFact {
  asset: string;
  amount: Decimal;
  price: Decimal;
}

/** An open (resting) order of the user: what it would acquire if it filled, and its value. */
export interface OpenOrderFact {
  /** The asset the order would acquire: the base of a buy, the quote of a sell. */
  acquires: string;
  /** Value of its unfilled part in the reference currency. */
  value: Decimal;
}

/**
 * Everything the rules need to judge one order, fetched once per preview by the caller. All money
 * is in the reference currency (`cash`, USDT). Each rule reads only its part (see its `Pick<…>`).
 */
export interface RiskFacts {
  /** The reference currency (USDT): holding it, or a stablecoin, is no risk. */
  cash: string;
  /** Portfolio value now: cash plus every holding at its price. */
  equity: Decimal;
  /** The non-cash holdings with their prices (cash and stablecoins may be listed; they are skipped). */
  holdings: readonly HoldingFact[];
  /**
   * daily_loss: the equity snapshot taken at 00:00 UTC (`start` is that midnight, in ms) and the
   * lowest equity the caller has seen since then (a job marking equity keeps it). null: no
   * snapshot for today yet.
   */
  day: { start: number; equity: Decimal; low?: Decimal } | null;
  /** max_drawdown: the highest equity seen since tracking began or since the account was last resumed. */
  peakEquity: Decimal | null;
  /** The account is paused (by the drawdown rule or by the user's kill switch). */
  paused: boolean;
  /** liquidity: the order book of the order's market; null when it could not be fetched. */
  book: OrderBook | null;
  /**
   * volatility and correlation: recent candles of each asset against the reference currency
   * (the order's asset and every holding), oldest first, one timeframe for all (1h suggested).
   */
  candles: Readonly<Record<string, readonly Candle[]>>;
  /** fat_finger: the user's recent orders (any order; the newest `fatFingerHistory` are used). */
  recentOrders: readonly { at: number; value: Decimal }[];
  /** cooldown: the user's stop-loss fills; `pnl` when known (a stop that closed in profit does not count). */
  stopLosses: readonly { at: number; pnl?: Decimal }[];
  /** open_orders and position_size: the user's open orders. */
  openOrders: readonly OpenOrderFact[];
}
