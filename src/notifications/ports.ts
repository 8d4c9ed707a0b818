import type { DigestPeriod, DigestPreference, NewNotification, Notification } from './notification.js';

/** The durable outbox (the db's NotificationRepo): written with the changes, read by the sender. */
export interface Outbox {
  /** Stores the notifications whose keys are new (a user's non-urgent ones are held for their digest); resolves with how many were new. */
  publish(notifications: readonly NewNotification[]): Promise<number>;
  /** Rows to send now, oldest first: pending and due, or 'sending' whose sender's claim lapsed (it died mid-send); one user's only when given. */
  due(now: Date, limit: number, userId?: number): Promise<Notification[]>;
  /** → 'sending' with a claim until `until`, one attempt more; false when another sender moved it first. */
  claim(ids: readonly number[], now: Date, until: Date): Promise<number[]>;
  markSent(ids: readonly number[], at: Date): Promise<void>;
  /** Back to pending, to be tried at `at` (a 429's retry_after, a backoff after a failure). */
  reschedule(ids: readonly number[], at: Date, error: string | null): Promise<void>;
  /** Given up on: 'failed' (refused for good, too many attempts) or 'skipped' (no one to tell: blocked, no chat). */
  close(ids: readonly number[], status: 'failed' | 'skipped', error: string): Promise<void>;
  /** A notification an interface already showed in place (the preview's own edit): pending → sent. */
  ack(key: string, at: Date): Promise<boolean>;
  /** Held rows of users whose oldest held row is older than their period asks. */
  digestsDue(now: Date, limit: number): Promise<Array<{ userId: number; period: DigestPeriod }>>;
  /** In one transaction: the user's held rows → 'digested', and the digest built from them stored (if any). */
  gatherDigest(userId: number, build: (held: Notification[]) => NewNotification | null): Promise<number>;
  /** How many are waiting (pending and due) and held: the metrics and the health page. */
  depth(now: Date): Promise<{ due: number; held: number }>;
  prune(before: Date): Promise<number>;
}

/** A named lease across processes (the db's LeaseRepo): one sender at a time keeps Telegram's limits. */
export interface Leases {
  /** Takes or renews `name` for `holder` until now + ttl; false when another holder has it. */
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

export interface DigestSettings {
  get(userId: number): Promise<DigestPreference>;
  set(userId: number, preference: DigestPreference): Promise<void>;
}

/** Where a channel shows a notification: a chat, and a message to edit when there is one. */
export interface DeliveryTarget {
  chatId: number;
  /** Groups have a stricter limit (20 a minute). */
  group: boolean;
  /** The message this notification edits (a preview), when it has one. */
  messageId: number | null;
}

export type Resolved = { target: DeliveryTarget } | { skip: string };

export type SendOutcome =
  | { outcome: 'sent' }
  /** The channel's rate limit (a 429): try again after `ms`; `chat` when only that chat is limited. */
  | { outcome: 'rate_limited'; ms: number; chat: boolean }
  /** The person blocked the bot (403): nothing more is sent to them until they write again. */
  | { outcome: 'blocked' }
  /** Refused for good (a 400): retrying would not help. */
  | { outcome: 'refused'; error: string }
  /** Worth another attempt (a 5xx, a timeout, a dropped connection). */
  | { outcome: 'temporary'; error: string };

/** A delivery channel (Telegram): resolves targets, renders and sends. */
export interface Channel {
  readonly name: string;
  /** Where each notification would go, or why it goes nowhere (the user has no chat with the bot, blocked it). */
  resolve(batch: readonly Notification[]): Promise<Map<number, Resolved>>;
  /** Whether several notifications to one chat can share one message (plain text, no buttons, no edit). */
  canCombine(notification: Notification): boolean;
  /** Sends one notification, or several combined (all to `target`). */
  send(notifications: readonly Notification[], target: DeliveryTarget): Promise<SendOutcome>;
  /** A user blocked the bot: remember it so nothing more is tried until they write again. */
  markBlocked(userId: number): Promise<void>;
}
