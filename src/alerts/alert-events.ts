import type { NewNotification } from '../notifications/notification.js';
import type { PriceAlert } from './types.js';

/** What the alert book publishes (see notifications/notification.ts). */
export interface AlertFiredEvent {
  alert: PriceAlert;
  /** The last price that fired it. */
  last: number;
  /** Decimals of the market's price tick, when known. */
  priceDecimals?: number;
}

export type AlertNotification = NewNotification<'alert.fired', AlertFiredEvent>;

/** An alert fires once: its key says so, whichever instance saw the price first. */
export function alertFiredNotification(alert: PriceAlert, last: number, priceDecimals?: number): AlertNotification {
  const payload: AlertFiredEvent = { alert, last, ...(priceDecimals !== undefined ? { priceDecimals } : {}) };
  return { key: `alert:${alert.id}:fired`, userId: alert.userId, kind: 'alert.fired', subject: `alert:${alert.id}`, payload, urgent: true };
}
