// Parley's orders, their events, positions, confirmations and the command history.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core';
import { money, createdAt } from './columns.js';
import { exchangeAccounts } from './exchange.js';
import { users } from './users.js';

/** Parley's own record of every order it sent, whatever the exchange. */
export const orders = pgTable(
  'orders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    accountId: integer('account_id').notNull().references(() => exchangeAccounts.id, { onDelete: 'cascade' }),
    /** The confirmation id: one confirmation can only ever become one order. */
    clientOrderId: text('client_order_id').notNull().unique(),
    exchangeOrderId: text('exchange_order_id'),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(), // buy | sell
    type: text('type').notNull(), // market | limit | stop_loss | take_profit
    /** pending → submitting → open → partially_filled → filled | cancelled | rejected | expired */
    status: text('status').notNull(),
    amount: money('amount').notNull(),
    price: money('price'),
    /** Stop-loss / take-profit trigger. */
    stopPrice: money('stop_price'),
    /** The exchange holds the trigger (else Parley watches the price and sends a market order). */
    triggerNative: boolean('trigger_native').notNull().default(false),
    /** Decimals of the market's price tick when the order was made: its prices are shown on that grid. */
    priceDecimals: integer('price_decimals'),
    filled: money('filled').notNull().default('0'),
    average: money('average'),
    cost: money('cost').notNull().default('0'),
    fee: money('fee').notNull().default('0'),
    feeCurrency: text('fee_currency'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('orders_user_status').on(t.userId, t.status),
    // The sync job's scan: orders that can still change.
    index('orders_active').on(t.accountId).where(sql`status in ('submitting', 'open', 'partially_filled')`),
  ],
);

/** Orders found on the exchange that Parley did not place: reported once, then adopted or ignored. */
export const foreignOrders = pgTable(
  'foreign_orders',
  {
    accountId: integer('account_id').notNull().references(() => exchangeAccounts.id, { onDelete: 'cascade' }),
    exchangeOrderId: text('exchange_order_id').notNull(),
    symbol: text('symbol').notNull(),
    /** reported | adopted | ignored */
    decision: text('decision').notNull().default('reported'),
    detail: jsonb('detail'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.exchangeOrderId] })],
);

export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: bigint('order_id', { mode: 'number' }).notNull().references(() => orders.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    detail: jsonb('detail'),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order').on(t.orderId)],
);

/** Holdings with their average cost in USDT, for P&L. */
export const positions = pgTable(
  'positions',
  {
    accountId: integer('account_id').notNull().references(() => exchangeAccounts.id, { onDelete: 'cascade' }),
    asset: text('asset').notNull(),
    amount: money('amount').notNull().default('0'),
    avgEntryUsdt: money('avg_entry_usdt').notNull().default('0'),
    realizedPnlUsdt: money('realized_pnl_usdt').notNull().default('0'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.asset] })],
);

/**
 * A preview waiting for the user's ✅. Its id is the only thing in callback_data; the
 * status moves pending → executing → executed | failed, or pending → cancelled | expired,
 * each move a conditional UPDATE so that only one press can ever win.
 */
export const confirmations = pgTable(
  'confirmations',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    accountId: integer('account_id').notNull().references(() => exchangeAccounts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    request: jsonb('request').notNull(),
    preview: jsonb('preview').notNull(),
    status: text('status').notNull().default('pending'),
    result: jsonb('result'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('confirmations_status_expires').on(t.status, t.expiresAt)],
);

export const commandHistory = pgTable(
  'command_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' }),
    text: text('text').notNull(),
    parser: text('parser'),
    intent: text('intent'),
    entities: jsonb('entities'),
    confidence: real('confidence'),
    outcome: text('outcome'),
    reply: text('reply'),
    createdAt: createdAt(),
  },
  (t) => [index('command_history_user_created').on(t.userId, t.createdAt), index('command_history_created').on(t.createdAt)],
);
