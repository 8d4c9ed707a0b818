/**
 * The outbox's vocabulary. Each domain module defines the events it publishes (trading: orders,
 * previews, reconciliation; alerts: fired alerts) and writes them to the outbox in the same
 * transaction as the change they report; this module stores and delivers them without knowing
 * what they say. Channels (the Telegram notifier, websockets) render them. Payloads are JSON:
 * decimal strings and ISO dates, stored as they are.
 */
export interface NewNotification<K extends string = string, P = unknown> {
  /** Idempotency key: the same event is stored (and so told) once, whoever reports it. */
  key: string;
  userId: number;
  kind: K;
  /** What it is about ('order:12', 'alert:ab…', 'confirmation:xy…'): a channel finds a message or a chat by it. */
  subject: string | null;
  payload: P;
  /** Fills and alerts are urgent; a user who chose a digest gets the rest gathered into one message. */
  urgent: boolean;
  /** Not before this (epoch ms): a preview's own answer gets a moment to arrive first. */
  deliverAfter?: number;
}

export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'held' | 'digested';

export interface Notification<K extends string = string, P = unknown> extends NewNotification<K, P> {
  id: number;
  status: NotificationStatus;
  attempts: number;
  createdAt: Date;
}

/** Non-urgent news held for a user who reads it as a digest, gathered into one message. */
export interface DigestPayload {
  period: DigestPeriod;
  items: Array<{ kind: string; subject: string | null; payload: unknown; createdAt: string }>;
}

export type DigestPeriod = 'hourly' | 'daily';
/** How a user wants non-urgent news: as it happens, or gathered. */
export type DigestPreference = 'off' | DigestPeriod;
