import type { NewNotification } from '../notifications/notification.js';
import type { AppliedUpdate } from './ports.js';
import type { Account, Confirmation, OrderSnapshot, OrderStatus, TrackedOrder } from './types.js';

/** What the trading core publishes (see notifications/notification.ts). */

export interface OrderEvent {
  order: OrderSnapshot & { userId: number; accountId: number };
  previousStatus: OrderStatus;
  /** The part of the fill this event books (decimal strings), if any. */
  fill: { amount: string; cost: string; fee: string; feeCurrency: string } | null;
  /** A stop or take-profit that fired (Parley's own watch, or natively on the exchange). */
  triggered: boolean;
  /** What a sale realised against the average entry, in USDT (decimal string); null for buys and without a fill. */
  realizedPnlUsdt?: string | null;
  /** Decimals of the market's price tick, to show its prices on its grid. */
  priceDecimals?: number;
  /** order.resized: the amount it covered before. */
  resizedFrom?: string;
}

export interface ConfirmationEvent {
  /** The confirmation in its final state, as its preview should now show it. */
  confirmation: Confirmation;
}

export interface ForeignOrderEvent {
  account: Account;
  order: { id: string; symbol: string; side: 'buy' | 'sell'; type: string; amount: string; price: string | null };
}

export interface BalanceDriftEvent {
  account: Account;
  asset: string;
  onExchange: string;
  inParley: string;
}

/** New risk was paused without the user asking (the drawdown limit was crossed). */
export interface RiskPausedEvent {
  reason: 'drawdown';
  /** ISO time of the pause. */
  pausedAt: string;
  accountId: number;
  /** USDT amounts as decimal strings; shares in percent. */
  equity: string;
  peak: string;
  drawdownPct: number;
  limitPct: number;
}

export type OrderEventKind = 'order.filled' | 'order.partially_filled' | 'order.cancelled' | 'order.expired' | 'order.rejected' | 'order.resized';

export type TradingNotification =
  | NewNotification<OrderEventKind, OrderEvent>
  | NewNotification<'confirmation.settled' | 'confirmation.expired', ConfirmationEvent>
  | NewNotification<'reconcile.foreign_order', ForeignOrderEvent>
  | NewNotification<'reconcile.balance_drift', BalanceDriftEvent>
  | NewNotification<'risk.paused', RiskPausedEvent>;

/** A preview's own answer (the edit after ✅) gets this long before the outbox makes it instead. */
export const SETTLED_EDIT_GRACE_MS = 10_000;

/**
 * What an order's change tells its owner: a fill or part of one, a trigger, or a cancel, expiry
 * or rejection that happened without them (the exchange, a watched stop with nothing to sell).
 * Nothing for a change the user is looking at already (the preview shows its own outcome).
 */
export function orderNotifications(applied: AppliedUpdate, options: { triggered?: boolean; priceDecimals?: number } = {}): TradingNotification[] {
  const { order, fill, previousStatus } = applied;
  const triggered = options.triggered === true || (fill !== null && (order.type === 'stop_loss' || order.type === 'take_profit'));
  const base = {
    userId: order.userId,
    subject: `order:${order.id}`,
    payload: {
      order: snapshotOf(order),
      previousStatus,
      fill: fill ? { amount: fill.amount.toFixed(), cost: fill.cost.toFixed(), fee: fill.fee.toFixed(), feeCurrency: fill.feeCurrency } : null,
      triggered,
      realizedPnlUsdt: fill && order.side === 'sell' && applied.realizedPnlUsdt ? applied.realizedPnlUsdt.toFixed() : null,
      ...(options.priceDecimals !== undefined ? { priceDecimals: options.priceDecimals } : {}),
    } satisfies OrderEvent,
  };
  if (fill) {
    const kind: OrderEventKind = order.status === 'filled' ? 'order.filled' : 'order.partially_filled';
    return [{ ...base, kind, key: `order:${order.id}:fill:${order.filled}`, urgent: true }];
  }
  if (order.status === previousStatus) return [];
  switch (order.status) {
    case 'cancelled':
      return [{ ...base, kind: 'order.cancelled', key: `order:${order.id}:cancelled`, urgent: triggered }];
    case 'expired':
      return [{ ...base, kind: 'order.expired', key: `order:${order.id}:expired`, urgent: false }];
    case 'rejected':
      return [{ ...base, kind: 'order.rejected', key: `order:${order.id}:rejected`, urgent: true }];
    default:
      return [];
  }
}

/** A confirmation reached its end: its preview is edited to show how (or, with no preview, the owner is told). */
export function settledNotification(confirmation: Confirmation, now: number, options: { graceMs?: number } = {}): TradingNotification {
  return {
    key: `confirmation:${confirmation.id}:settled`,
    userId: confirmation.userId,
    kind: 'confirmation.settled',
    subject: `confirmation:${confirmation.id}`,
    payload: { confirmation },
    urgent: true,
    deliverAfter: now + (options.graceMs ?? 0),
  };
}

/** A waiting stop or take-profit reduced to what is still held (the user sold some). */
export function resizedNotification(order: TrackedOrder, from: string, priceDecimals?: number): TradingNotification {
  return {
    key: `order:${order.id}:resized:${order.amount}`,
    userId: order.userId,
    kind: 'order.resized',
    subject: `order:${order.id}`,
    payload: { order: snapshotOf(order), previousStatus: order.status, fill: null, triggered: false, resizedFrom: from, ...(priceDecimals !== undefined ? { priceDecimals } : {}) },
    urgent: false,
  };
}

/** A preview nobody confirmed in time: its buttons go. */
export function expiredNotification(confirmation: Confirmation): TradingNotification {
  return {
    key: `confirmation:${confirmation.id}:expired`,
    userId: confirmation.userId,
    kind: 'confirmation.expired',
    subject: `confirmation:${confirmation.id}`,
    payload: { confirmation },
    urgent: true,
  };
}

export function foreignOrderNotification(account: Account, order: ForeignOrderEvent['order']): TradingNotification {
  return {
    key: `foreign:${account.id}:${order.id}`,
    userId: account.userId,
    kind: 'reconcile.foreign_order',
    subject: `account:${account.id}`,
    payload: { account, order },
    urgent: true,
  };
}

/** Said once per value: a balance that stays different is not repeated every pass. */
export function balanceDriftNotification(drift: BalanceDriftEvent): TradingNotification {
  return {
    key: `drift:${drift.account.id}:${drift.asset}:${drift.onExchange}`,
    userId: drift.account.userId,
    kind: 'reconcile.balance_drift',
    subject: `account:${drift.account.id}`,
    payload: drift,
    urgent: false,
  };
}

function snapshotOf(order: OrderEvent['order'] & { updatedAt?: Date }): OrderEvent['order'] {
  const { updatedAt: _updatedAt, ...rest } = order;
  return rest;
}

/** The drawdown rule paused new risk: told at once (the user did not ask for it). */
export function riskPausedNotification(userId: number, pausedAt: number, event: Omit<RiskPausedEvent, 'reason' | 'pausedAt'>): TradingNotification {
  return {
    key: `risk:${userId}:paused:${pausedAt}`,
    userId,
    kind: 'risk.paused',
    subject: `account:${event.accountId}`,
    payload: { reason: 'drawdown', pausedAt: new Date(pausedAt).toISOString(), ...event },
    urgent: true,
  };
}
