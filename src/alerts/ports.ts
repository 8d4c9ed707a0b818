import type { NewNotification } from '../notifications/notification.js';
import type { PriceAlert } from './types.js';

/** The storage the alert book needs. Implemented in src/db for PGlite and PostgreSQL alike. */

/** An alert as it is first stored: active, not yet triggered or cancelled. */
export type NewAlert = Pick<PriceAlert, 'id' | 'userId' | 'symbol' | 'direction' | 'price' | 'createdAt'>;

export type CreateOutcome =
  | { outcome: 'created'; alert: PriceAlert }
  /** The same symbol, direction and level is already active for this user: that one is returned. */
  | { outcome: 'duplicate'; alert: PriceAlert }
  /** The user already has `maxActive` active alerts. */
  | { outcome: 'limit'; active: number };

export type RemoveOutcome =
  | { outcome: 'removed'; alert: PriceAlert }
  | { outcome: 'not_found' }
  | { outcome: 'not_owner' }
  /** Already triggered or cancelled: nothing changed. */
  | { outcome: 'already'; alert: PriceAlert };

export interface AlertStore {
  /** Stores an active alert unless it is a duplicate or over the cap; the cap holds under concurrent calls. */
  create(alert: NewAlert, options: { maxActive: number }): Promise<CreateOutcome>;
  /** Active alerts of every user, by id, a page at a time. */
  active(page: { afterId?: string | undefined; limit: number }): Promise<PriceAlert[]>;
  /**
   * active → triggered for those of `ids` still active, in one conditional update, and — in the
   * same transaction — the notification of each one moved. Resolves with the ones this call moved,
   * so of two racing callers each alert goes to exactly one (and is told once).
   */
  trigger(ids: readonly string[], at: Date, price: string, notify: (fired: PriceAlert) => NewNotification): Promise<PriceAlert[]>;
  /** active → cancelled, only by its owner. */
  cancel(id: string, userId: number, at: Date): Promise<RemoveOutcome>;
  /** Newest first. */
  forUser(userId: number, filter?: { activeOnly?: boolean; limit?: number }): Promise<PriceAlert[]>;
}
