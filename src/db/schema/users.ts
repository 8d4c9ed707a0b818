// People, how they sign in (Telegram, email), their settings and web-view links.
import { index, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

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
