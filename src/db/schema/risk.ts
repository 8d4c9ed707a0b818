// Risk limits, equity peaks and performance snapshots.
import { bigserial, date, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { money, createdAt } from './columns.js';
import { exchangeAccounts } from './exchange.js';
import { users } from './users.js';

/**
 * One row per account per UTC day: `equity_usdt` is the day's opening equity (the first mark of
 * the day, the risk job's or a preview's), then every later mark moves the day's low, high and
 * last. The daily-loss rule reads the opening and the low; /performance the curve of openings.
 */
export const performanceMetrics = pgTable(
  'performance_metrics',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id').notNull().references(() => exchangeAccounts.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    equityUsdt: money('equity_usdt').notNull(),
    /** last − opening equity (deposits and withdrawals included). */
    pnlUsdt: money('pnl_usdt').notNull(),
    trades: integer('trades').notNull().default(0),
    lowEquityUsdt: money('low_equity_usdt'),
    highEquityUsdt: money('high_equity_usdt'),
    lastEquityUsdt: money('last_equity_usdt'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('performance_metrics_account_day').on(t.accountId, t.day)],
);

/**
 * A user's risk limits and kill switch. `limits` holds only what the user changed (the rest are the
 * defaults of src/risk/limits.ts), in force now; a loosening waits in `pending_limits` until
 * `pending_at` (or a second confirmation). `paused_at` set: the account takes no new risk
 * (the user's /panic, or the drawdown rule) until the user resumes.
 */
export const riskSettings = pgTable('risk_settings', {
  userId: integer('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  limits: jsonb('limits').notNull().default({}),
  /** conservative | medium | aggressive: the preset the limits came from (null: the user's own). */
  riskTolerance: text('risk_tolerance'),
  pendingLimits: jsonb('pending_limits'),
  pendingTolerance: text('pending_tolerance'),
  /** When the pending loosening takes effect. */
  pendingAt: timestamp('pending_at', { withTimezone: true, mode: 'date' }),
  pausedAt: timestamp('paused_at', { withTimezone: true, mode: 'date' }),
  /** panic | drawdown */
  pauseReason: text('pause_reason'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** The highest equity each account has reached since tracking began or since its owner last resumed (the drawdown rule's peak). */
export const equityPeaks = pgTable('equity_peaks', {
  accountId: integer('account_id').primaryKey().references(() => exchangeAccounts.id, { onDelete: 'cascade' }),
  peakEquity: money('peak_equity').notNull(),
  peakAt: timestamp('peak_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** The last resume that set the peak to the equity of that moment. */
  resetAt: timestamp('reset_at', { withTimezone: true, mode: 'date' }),
});
