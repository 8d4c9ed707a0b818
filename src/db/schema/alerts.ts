// Price alerts.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { money, createdAt } from './columns.js';
import { users } from './users.js';

/**
 * A price alert: notify its owner when `symbol` is at or beyond `price` in `direction` (kind
 * 'level'), or moves `move_pct` % within `window_ms` (kind 'move'). A one-shot alert moves
 * active → triggered | cancelled | expired; a repeating one (`cooldown_ms` set) stays active and is
 * disarmed when it fires, re-armed once the cooldown has passed and the price is back. Each move is
 * a conditional UPDATE, so two checking passes (or instances) fire each crossing exactly once. Not
 * tied to an exchange account: the level is watched on the app's market data.
 */
export const priceAlerts = pgTable(
  'price_alerts',
  {
    /** Opaque, so it can sit in callback_data; the owner is checked on every use. */
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    kind: text('kind').notNull().default('level'), // level | move
    direction: text('direction').notNull(), // level: above | below; move: up | down | either
    /** The level (kind 'level'). */
    price: money('price'),
    /** The move in percent and its window (kind 'move'). */
    movePct: money('move_pct'),
    windowMs: integer('window_ms'),
    /** Repeating: the least time between two firings; null fires once. */
    cooldownMs: integer('cooldown_ms'),
    /** False between a repeating alert's firing and its re-arming (the price back, the cooldown over). */
    armed: boolean('armed').notNull().default(true),
    /** Quiet until then (a snooze from the notification). */
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true, mode: 'date' }),
    /** Gone quietly at this time; null never expires. */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    /** Times it fired: the key of each firing's notice, so each crossing is told once. */
    fireCount: integer('fire_count').notNull().default(0),
    status: text('status').notNull().default('active'), // active | triggered | cancelled | expired
    createdAt: createdAt(),
    triggeredAt: timestamp('triggered_at', { withTimezone: true, mode: 'date' }),
    /** The last price that fired it. */
    triggeredPrice: money('triggered_price'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    // /alerts and the per-user cap.
    index('price_alerts_user_status').on(t.userId, t.status),
    // The checking pass pages through the active ones.
    index('price_alerts_active').on(t.id).where(sql`status = 'active'`),
  ],
);
