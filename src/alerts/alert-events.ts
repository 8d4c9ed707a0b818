import type { NewNotification } from '../notifications/notification.js';
import { actionsAfterFiring } from './alert-kinds.js';
import type { AlertAction, MeasuredMove, PriceAlert } from './types.js';

/** What the alert book publishes (see notifications/notification.ts). */
export interface AlertFiredEvent {
  alert: PriceAlert;
  /** The last price that fired it. */
  last: number;
  /** Decimals of the market's price tick, when known. */
  priceDecimals?: number;
  /** A move alert's measured move. */
  move?: MeasuredMove;
  /** What the notice offers (a channel renders them: Telegram as buttons). Absent on notices stored before they had any. */
  actions?: AlertAction[];
}

export type AlertNotification = NewNotification<'alert.fired', AlertFiredEvent>;

/**
 * Each firing is told once, whichever instance saw the price first: its key names the alert and,
 * for a repeating or snoozed alert's later firings, which firing it is.
 */
export function alertFiredNotification(alert: PriceAlert, last: number, priceDecimals?: number, move?: MeasuredMove): AlertNotification {
  const payload: AlertFiredEvent = { alert, last, ...(priceDecimals !== undefined ? { priceDecimals } : {}), ...(move ? { move } : {}), actions: actionsAfterFiring(alert) };
  const key = alert.fireCount > 1 ? `alert:${alert.id}:fired:${alert.fireCount}` : `alert:${alert.id}:fired`;
  return { key, userId: alert.userId, kind: 'alert.fired', subject: `alert:${alert.id}`, payload, urgent: true };
}
