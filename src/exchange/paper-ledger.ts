import type { Decimal } from '../shared/decimal.js';
import type { ExchangeOrder } from './exchange-port.js';

export interface LedgerBalance {
  free: Decimal;
  locked: Decimal;
}

export interface BalanceDelta {
  asset: string;
  free: Decimal;
  locked?: Decimal;
}

/**
 * The paper exchange's books (balances and orders per account), kept in the database.
 * `execute` is the exchange's matching step: one transaction, balances locked, and a
 * client order id that can only ever become one order.
 */
export interface PaperLedger {
  balances(accountId: number): Promise<Map<string, LedgerBalance>>;
  execute(
    accountId: number,
    clientOrderId: string,
    decide: (balances: Map<string, LedgerBalance>) => { order: Omit<ExchangeOrder, 'id'>; deltas: BalanceDelta[] },
  ): Promise<{ order: ExchangeOrder; existed: boolean }>;
  findByClientId(accountId: number, clientOrderId: string): Promise<ExchangeOrder | null>;
  findById(accountId: number, orderId: string): Promise<ExchangeOrder | null>;
  openOrders(accountId: number, symbol?: string): Promise<ExchangeOrder[]>;
}
