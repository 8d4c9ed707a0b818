import type { Decimal } from '../shared/decimal.js';
import type { ExchangeOrder, ExchangeOrderStatus } from '../trading/exchange-port.js';

export interface LedgerBalance {
  free: Decimal;
  locked: Decimal;
}

/** A change to one balance, applied as an increment so concurrent credits are never lost. */
export interface BalanceDelta {
  asset: string;
  free: Decimal;
  locked?: Decimal;
}

/** A new order as the exchange decided it; `locked` is what it holds while it rests. */
export type NewPaperOrder = Omit<ExchangeOrder, 'id'> & { locked?: Decimal };

/** An order as the ledger keeps it: the port's view plus what only the paper exchange needs. */
export interface PaperOrderRecord extends ExchangeOrder {
  accountId: number;
  /** What the order still holds: quote for a buy, base for a sell. */
  locked: Decimal;
  /**
   * When the order was placed or last filled or changed. The matcher counts market volume from
   * here, so a fill committed by another matcher is never offered the same volume again.
   */
  updatedAt: number;
}

/** New totals for an order's fields (not increments): the decider saw the row under lock. */
export interface OrderChange {
  status?: ExchangeOrderStatus;
  filled?: Decimal;
  cost?: Decimal;
  fee?: Decimal;
  locked?: Decimal;
  updatedAt: number;
}

export type OrderDecider = (order: PaperOrderRecord, balances: Map<string, LedgerBalance>) => { change: OrderChange; deltas: BalanceDelta[] } | null;

/**
 * The paper exchange's books (balances and orders per account), kept in the database.
 * `execute` places an order and `update` changes one (a fill, a cancel): each is one
 * transaction with the rows it reads locked, and a client order id can only ever become
 * one order. Deciders run inside the transaction; one that throws writes nothing.
 */
export interface PaperLedger {
  balances(accountId: number): Promise<Map<string, LedgerBalance>>;
  execute(
    accountId: number,
    clientOrderId: string,
    decide: (balances: Map<string, LedgerBalance>) => { order: NewPaperOrder; deltas: BalanceDelta[] },
  ): Promise<{ order: ExchangeOrder; existed: boolean }>;
  /**
   * Locks the order (then the account's balances) and applies what `decide` returns; null from
   * `decide` writes nothing. Resolves null when the order is unknown, or, with `skipLocked`,
   * when another transaction holds it (a second matcher is filling it right now).
   */
  update(accountId: number, orderId: string, decide: OrderDecider, options?: { skipLocked?: boolean }): Promise<{ order: PaperOrderRecord; changed: boolean } | null>;
  /** Open limit orders of every account, oldest first, a page at a time (after the id `afterId`). */
  restingOrders(page: { afterId?: string; limit: number }): Promise<PaperOrderRecord[]>;
  findByClientId(accountId: number, clientOrderId: string): Promise<ExchangeOrder | null>;
  findById(accountId: number, orderId: string): Promise<ExchangeOrder | null>;
  openOrders(accountId: number, symbol?: string): Promise<ExchangeOrder[]>;
}
