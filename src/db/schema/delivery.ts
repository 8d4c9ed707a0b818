// Delivery and coordination: processed updates, the notification outbox, preview targets, leases, key-value state.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './users.js';

/**
 * Telegram may deliver an update twice: the first insert wins and handles it. The claim is a
 * lease: a process that dies while handling leaves `handled_at` empty and stops renewing
 * `claimed_at`, so Telegram's redelivery can take the update over instead of being dropped.
 */
export const processedUpdates = pgTable(
  'processed_updates',
  {
    updateId: bigint('update_id', { mode: 'number' }).primaryKey(),
    receivedAt: createdAt(),
    /** The process handling it (random per process start). */
    claimedBy: text('claimed_by'),
    /** Renewed while a long update is being handled. */
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    handledAt: timestamp('handled_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('processed_updates_received').on(t.receivedAt)],
);

/**
 * The notification outbox. A row is written in the same transaction as the state change it
 * tells about (a fill, a fired alert, a report), so nothing is told that did not happen and
 * nothing that happened goes untold. `key` is the event's idempotency key: the same event is
 * never stored twice. A delivery worker holding the `notifications.delivery` lease sends due
 * rows within Telegram's limits; status moves pending → sending → sent | failed | skipped, or
 * pending → held → digested for a user who reads non-urgent news in a digest.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull().unique(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** What it is about ('order:12', 'alert:abc', 'confirmation:xyz'): where a channel looks up a message to edit or a chat to use. */
    subject: text('subject'),
    payload: jsonb('payload').notNull(),
    urgent: boolean('urgent').notNull().default(true),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    deliverAfter: timestamp('deliver_after', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** While 'sending': the sender's lease on this row. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_due').on(t.deliverAfter, t.id).where(sql`status in ('pending', 'sending')`),
    index('notifications_held').on(t.userId).where(sql`status = 'held'`),
    index('notifications_created').on(t.createdAt),
  ],
);

/**
 * Where a channel shows something: the Telegram chat an alert was set in, the message holding a
 * preview (edited when it expires or settles). Channel data, kept out of the domain's rows.
 */
export const deliveryTargets = pgTable(
  'delivery_targets',
  {
    subject: text('subject').notNull(),
    channel: text('channel').notNull(),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    messageId: bigint('message_id', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.channel] }), index('delivery_targets_created').on(t.createdAt)],
);

/** Named leases: one holder at a time across processes (the notification sender, the market stream). */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Conversation and session state, so a conversation survives restarts and spans instances. */
export const kvState = pgTable('kv_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
});
