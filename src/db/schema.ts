import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Money columns: wide enough for 1e20 and 18 decimals (ETH's wei), returned as strings. */
const money = (name: string) => numeric(name, { precision: 38, scale: 18 });
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** A person. How they sign in (Telegram now, an email login later) is an identity, not a column here. */
export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username'),
  firstName: text('first_name'),
  languageCode: text('language_code'),
  createdAt: createdAt(),
});

/**
 * The ways a user is known: ('telegram', their Telegram user id), later ('email', an address).
 * One identity belongs to one user; a user may have several.
 */
export const identities = pgTable(
  'identities',
  {
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** Telegram: the user blocked the bot (a send answered 403). Cleared when they write again. */
    blockedAt: timestamp('blocked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] }), index('identities_user').on(t.userId)],
);

/** Per-user preferences: how non-urgent notifications arrive. */
export const userSettings = pgTable('user_settings', {
  userId: integer('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  /** off | hourly | daily */
  digest: text('digest').notNull().default('off'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const exchangeAccounts = pgTable(
  'exchange_accounts',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    exchange: text('exchange').notNull(), // 'paper' | 'binance' | 'kraken' | 'coinbase' | 'kucoin'
    mode: text('mode').notNull(), // 'paper' | 'live' | 'testnet'
    label: text('label').notNull().default('main'),
    /** secret-box ciphertexts (AES-256-GCM, bound to this row), never the keys themselves; null: not connected. */
    apiKeyEnc: text('api_key_enc'),
    apiSecretEnc: text('api_secret_enc'),
    /** The API passphrase, for exchanges whose keys have one (KuCoin); null for the others. */
    apiPassphraseEnc: text('api_passphrase_enc'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('exchange_accounts_user_exchange_mode_label').on(t.userId, t.exchange, t.mode, t.label),
    // Exactly one account a user trades with: the database refuses a second default, whatever races.
    uniqueIndex('exchange_accounts_one_default').on(t.userId).where(sql`is_default`),
  ],
);

/** The paper exchange's own books: what a real exchange would hold for the account. */
export const paperBalances = pgTable(
  'paper_balances',
  {
    accountId: integer('account_id').notNull().references(() => exchangeAccounts.id, { onDelete: 'cascade' }),
    asset: text('asset').notNull(),
    free: money('free').notNull().default('0'),
    locked: money('locked').notNull().default('0'),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.asset] })],
);

export const paperOrders = pgTable(
  'paper_orders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id').notNull().references(() => exchangeAccounts.id, { onDelete: 'cascade' }),
    clientOrderId: text('client_order_id').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(),
    type: text('type').notNull(),
    status: text('status').notNull(),
    amount: money('amount').notNull(),
    price: money('price'),
    filled: money('filled').notNull().default('0'),
    cost: money('cost').notNull().default('0'),
    fee: money('fee').notNull().default('0'),
    feeCurrency: text('fee_currency'),
    /** What a resting order still holds: quote for a buy (its price and fee), base for a sell. */
    locked: money('locked').notNull().default('0'),
    createdAt: createdAt(),
    /** Also the matcher's mark: market volume before it was already offered to this order. */
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // The exchange-side guarantee that one client order id is one order.
    uniqueIndex('paper_orders_account_client_order_id').on(t.accountId, t.clientOrderId),
    // The matcher scans every account's resting orders on each pass.
    index('paper_orders_open').on(t.id).where(sql`status = 'open'`),
  ],
);

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

/** Email logins (REST API): the address is also an ('email', address) identity of the same user. */
export const loginCredentials = pgTable('login_credentials', {
  email: text('email').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** argon2id, PHC string (salt and parameters inside). */
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
});

/**
 * Refresh tokens, one row per token issued (its jti). Using one marks it used and issues the next
 * in the same family; using a used one again (a stolen copy) revokes the whole family.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: text('id').primaryKey(),
    family: text('family').notNull(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('refresh_tokens_family').on(t.family), index('refresh_tokens_user').on(t.userId)],
);

/** One-time codes from /link in the chat: an email login registered with one joins that Telegram user. Only a hash is kept. */
export const linkCodes = pgTable('link_codes', {
  codeHash: text('code_hash').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});

/** Conversation and session state, so a conversation survives restarts and spans instances. */
export const kvState = pgTable('kv_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
});

/**
 * One-time links to the read-only web view (`/web`). Only hashes are kept: the link's code, and
 * once it is opened, the session token it gave the browser. A link opens once; the session ends
 * at `session_expires_at`.
 */
export const webLinks = pgTable(
  'web_links',
  {
    codeHash: text('code_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }),
    sessionHash: text('session_hash').unique(),
    sessionExpiresAt: timestamp('session_expires_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('web_links_expires').on(t.expiresAt)],
);

export const schema = {
  users,
  webLinks,
  identities,
  userSettings,
  notifications,
  deliveryTargets,
  leases,
  exchangeAccounts,
  paperBalances,
  paperOrders,
  orders,
  orderEvents,
  foreignOrders,
  positions,
  tradingSignals,
  commandHistory,
  performanceMetrics,
  riskSettings,
  equityPeaks,
  confirmations,
  priceAlerts,
  processedUpdates,
  kvState,
  loginCredentials,
  refreshTokens,
  linkCodes,
};
export type Schema = typeof schema;
