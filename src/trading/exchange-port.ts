import type { Decimal } from '../shared/decimal.js';
import type { Market, OrderBook, Ticker } from '../market/types.js';

export type OrderSide = 'buy' | 'sell';
/**
 * market: fill now. limit: rest until the price crosses `price`.
 * stop_loss / take_profit: a market sell (or buy) once the price reaches `triggerPrice`.
 */
export type ExchangeOrderType = 'market' | 'limit' | 'stop_loss' | 'take_profit';
/** ccxt's vocabulary for an order's state on the exchange. */
export type ExchangeOrderStatus = 'open' | 'closed' | 'canceled' | 'rejected' | 'expired';

export interface OrderRequest {
  /** Our confirmation id: the exchange keeps it, so a lost answer can be looked up. */
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: ExchangeOrderType;
  amount: Decimal;
  /** Limit price (limit orders). */
  price?: Decimal;
  /** Trigger price (stop_loss / take_profit). */
  triggerPrice?: Decimal;
}

export interface ExchangeOrder {
  id: string;
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: ExchangeOrderType;
  status: ExchangeOrderStatus;
  amount: Decimal;
  price: Decimal | null;
  triggerPrice?: Decimal | null;
  filled: Decimal;
  /** Quote spent (buy) or received (sell), before fees. */
  cost: Decimal;
  average: Decimal | null;
  fee: { cost: Decimal; currency: string };
  timestamp: number;
}

export interface BalanceEntry {
  free: Decimal;
  used: Decimal;
  total: Decimal;
}
export type Balances = Map<string, BalanceEntry>;

export interface ExchangeCapabilities {
  /** The exchange holds stop-loss / take-profit orders itself (else Parley watches the price). */
  nativeStopLoss: boolean;
  nativeTakeProfit: boolean;
}

/**
 * What Parley needs from an exchange, for one account. Implemented by the paper exchange
 * and the ccxt adapter; adapters translate their errors into the project's own
 * (TemporaryError, RateLimited, InsufficientFunds, InvalidOrder, UnknownSymbol, NotFound).
 */
export interface ExchangePort {
  /** 'paper', 'binance', … */
  readonly name: string;
  readonly paper: boolean;
  /**
   * How long after an order request was sent the exchange may still accept it (Binance: its
   * recvWindow, plus skew): a lookup that finds nothing sooner is not final. Absent or 0: at once.
   */
  readonly settleMs?: number;
  readonly capabilities: ExchangeCapabilities;
  markets(): Promise<Market[]>;
  /** Prices as this exchange quotes them: previews and watched stops use these, not another feed's. */
  ticker(symbol: string): Promise<Ticker>;
  orderBook(symbol: string, depth?: number): Promise<OrderBook>;
  /** Taker fee as a fraction (0.001 = 0.1%). */
  takerFee(symbol: string): Decimal;
  fetchBalance(): Promise<Balances>;
  createOrder(request: OrderRequest): Promise<ExchangeOrder>;
  /** The order this client order id became, or null if the exchange never took it. */
  fetchOrderByClientId(symbol: string, clientOrderId: string): Promise<ExchangeOrder | null>;
  fetchOrder(symbol: string, orderId: string): Promise<ExchangeOrder>;
  fetchOpenOrders(symbol?: string): Promise<ExchangeOrder[]>;
  cancelOrder(symbol: string, orderId: string): Promise<ExchangeOrder>;
}
