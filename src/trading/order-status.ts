import { ZERO, type Decimal } from '../shared/decimal.js';
import type { ExchangeOrder } from './exchange-port.js';
import type { OrderStatus } from './types.js';

const TERMINAL: ReadonlySet<OrderStatus> = new Set(['filled', 'cancelled', 'rejected', 'expired']);

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL.has(status);
}

/** ccxt's order states onto Parley's journal. */
export function statusOfExchangeOrder(order: Pick<ExchangeOrder, 'status' | 'filled' | 'amount'>): OrderStatus {
  switch (order.status) {
    case 'closed':
      return 'filled';
    case 'canceled':
      return 'cancelled';
    case 'rejected':
      return 'rejected';
    case 'expired':
      return 'expired';
    case 'open':
      return order.filled.gt(ZERO) ? 'partially_filled' : 'open';
  }
}

/**
 * The journal only moves forward: a settled order stays settled whatever a late or
 * repeated report says, and an order never goes back to 'submitting'.
 */
export function nextStatus(current: OrderStatus, reported: OrderStatus): OrderStatus {
  if (isTerminal(current)) return current;
  if (reported === 'submitting' || reported === 'pending') return current;
  if (current === 'partially_filled' && reported === 'open') return current;
  return reported;
}

/** Fills only grow: a report with less than is already booked books nothing. */
export function fillGrowth(booked: Decimal, reported: Decimal): Decimal {
  return reported.gt(booked) ? reported.minus(booked) : ZERO;
}
