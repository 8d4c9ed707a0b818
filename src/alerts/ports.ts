import type { NewNotification } from '../notifications/notification.js';
import type { LevelAlert, MoveAlert, PriceAlert } from './types.js';

/** The storage the alert book needs. Implemented in src/db for PGlite and PostgreSQL alike. */

/** How often and how long an alert tells, as first stored (absent: once, never expires). */
interface NewSchedule {
  cooldownMs?: number | null;
  expiresAt?: Date | null;
  /** False: a move already under way when it was set is not told; the next one is (default true). */
  armed?: boolean;
}

/** An alert as it is first stored: active, not yet triggered or cancelled. */
export type NewAlert = NewSchedule &
  Pick<PriceAlert, 'id' | 'userId' | 'symbol' | 'createdAt'> &
  ((Pick<LevelAlert, 'direction' | 'price'> & { kind?: 'level' }) | Pick<MoveAlert, 'kind' | 'direction' | 'pct' | 'windowMs'>);

export type CreateOutcome =
  | { outcome: 'created'; alert: PriceAlert }
  /** The same alert (symbol, kind, direction, level or move and window) is already active for this user: that one is returned. */
  | { outcome: 'duplicate'; alert: PriceAlert }
  /** The user already has `maxActive` active alerts. */
  | { outcome: 'limit'; active: number };

export type RemoveOutcome =
  | { outcome: 'removed'; alert: PriceAlert }
  | { outcome: 'not_found' }
  | { outcome: 'not_owner' }
  /** Already triggered, cancelled or expired: nothing changed. */
  | { outcome: 'already'; alert: PriceAlert };

export type SnoozeOutcome =
  | { outcome: 'snoozed'; alert: PriceAlert }
  | { outcome: 'not_found' }
  | { outcome: 'not_owner' }
  /** Snoozing an alert that fired makes it active again: refused at the cap, like a new one. */
  | { outcome: 'limit'; active: number }
  /** Cancelled or expired: nothing changed. */
  | { outcome: 'already'; alert: PriceAlert };

export type RelevelOutcome =
  | { outcome: 'changed'; alert: PriceAlert }
  | { outcome: 'not_found' }
  | { outcome: 'not_owner' }
  /** Not active, or not a level alert: nothing changed. */
  | { outcome: 'already'; alert: PriceAlert };

export interface AlertStore {
  /** Stores an active alert unless it is a duplicate or over the cap; the cap holds under concurrent calls. */
  create(alert: NewAlert, options: { maxActive: number }): Promise<CreateOutcome>;
  /** Active alerts of every user, by id, a page at a time. */
  active(page: { afterId?: string | undefined; limit: number }): Promise<PriceAlert[]>;
  /**
   * Fires those of `ids` still active, armed and not snoozed (nor expired) at `at`, in one
   * conditional update — a one-shot alert → triggered, a repeating one stays active, disarmed —
   * and, in the same transaction, writes the notification of each one fired. Resolves with the
   * ones this call fired, so of two racing callers each firing goes to exactly one (and is told once).
   */
  trigger(ids: readonly string[], at: Date, price: string, notify: (fired: PriceAlert) => NewNotification): Promise<PriceAlert[]>;
  /** Re-arms those of `ids` still active, disarmed, repeating and past their cooldown at `at`; resolves with their ids. */
  rearm(ids: readonly string[], at: Date): Promise<string[]>;
  /** active → expired for those of `ids` whose time is up at `at`; resolves with their ids. */
  expire(ids: readonly string[], at: Date): Promise<string[]>;
  /** active → cancelled, only by its owner. */
  cancel(id: string, userId: number, at: Date): Promise<RemoveOutcome>;
  /** Quiet until `until`, then armed again (a fired one-shot alert is active again): only by its owner. */
  snooze(id: string, userId: number, until: Date, options: { maxActive: number }): Promise<SnoozeOutcome>;
  /** A level alert's new level, only by its owner and while it is active. */
  relevel(id: string, userId: number, price: string): Promise<RelevelOutcome>;
  /** One alert by id, whoever owns it. */
  get(id: string): Promise<PriceAlert | undefined>;
  /** Newest first. */
  forUser(userId: number, filter?: { activeOnly?: boolean; limit?: number }): Promise<PriceAlert[]>;
}
