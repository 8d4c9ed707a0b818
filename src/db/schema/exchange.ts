// Exchange accounts, and the paper exchange's own balances and orders.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { money, createdAt } from './columns.js';
import { users } from './users.js';

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
