// Stored signal readings and advisor mode (watches, quiet hours, proposals).
import { bigserial, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './users.js';

/**
 * Technical readings per pair and timeframe, one per closed candle (the signals job writes them):
 * the score, its strength and confidence, the reasons in words, the indicator values it read, and
 * when the next candle's close replaces it.
 */
export const tradingSignals = pgTable(
  'trading_signals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    source: text('source').notNull(),
    signal: text('signal').notNull(), // buy | sell | hold
    strength: real('strength'),
    /** reasons (sentences), price */
    details: jsonb('details'),
    score: real('score'),
    confidence: real('confidence'),
    /** The indicator values read, by name (rsi_14, macd_hist_12_26_9, bb_pct_b_20_2, ema_gap_20_50_pct, volume_z_20). */
    indicators: jsonb('indicators'),
    /** Close time of the candle read; a reading is stored once per candle. */
    candleAt: timestamp('candle_at', { withTimezone: true, mode: 'date' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('trading_signals_symbol_tf').on(t.symbol, t.timeframe, t.createdAt), uniqueIndex('trading_signals_candle').on(t.symbol, t.timeframe, t.source, t.candleAt)],
);

/** Advisor mode: the pairs a person asked Parley to watch for strong signals. */
export const advisorWatches = pgTable(
  'advisor_watches',
  {
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull().default('1h'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.symbol] }), index('advisor_watches_symbol').on(t.symbol)],
);

/** Advisor mode's quiet hours (UTC hours, from inclusive to exclusive; null: none). */
export const advisorSettings = pgTable('advisor_settings', {
  userId: integer('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  quietFrom: integer('quiet_from'),
  quietTo: integer('quiet_to'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * A proposal card: a strong signal offered as a trade. Its opaque id is what the buttons carry;
 * status open → claimed (Confirm, once: it then opens the normal preview) | rejected | expired.
 */
export const signalProposals = pgTable(
  'signal_proposals',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    side: text('side').notNull(),
    /** The trade offered (a TradeRequest) and the signal and sizing behind it. */
    request: jsonb('request').notNull(),
    details: jsonb('details').notNull(),
    candleAt: timestamp('candle_at', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('signal_proposals_once').on(t.userId, t.symbol, t.candleAt), index('signal_proposals_user_created').on(t.userId, t.createdAt)],
);
