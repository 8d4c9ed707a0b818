import type { Clock } from '../shared/clock.js';

export interface RateLimitSettings {
  /** Messages per second to all chats together (Telegram: about 30). */
  perSecond: number;
  /** One message per this many milliseconds to one private chat (Telegram: about 1 a second). */
  chatIntervalMs: number;
  /** Messages per minute to one group (Telegram: 20). */
  groupPerMinute: number;
}

/**
 * Kept a little under Telegram's published limits (30/s overall, 1/s per chat, 20/min per group):
 * Telegram counts when a request arrives, this sender when it leaves, and a few milliseconds of
 * jitter must not turn into a 429.
 */
export const TELEGRAM_LIMITS: RateLimitSettings = { perSecond: 28, chatIntervalMs: 1_050, groupPerMinute: 18 };

/**
 * Sliding windows of what was sent: to everyone (the last second), per private chat (the last
 * send) and per group (the last minute). A 429's retry_after holds a chat, or everyone, until it
 * has passed. One sender uses it (the delivery lease), so in-memory state is the whole truth.
 */
export class SendRateLimiter {
  private readonly recent: number[] = [];
  private readonly chatLast = new Map<number, number>();
  private readonly groupRecent = new Map<number, number[]>();
  private readonly heldUntil = new Map<number, number>();
  private everyoneHeldUntil = 0;

  constructor(
    private readonly clock: Clock,
    private readonly limits: RateLimitSettings = TELEGRAM_LIMITS,
  ) {}

  /** Milliseconds until a message to this chat may go (0: now). */
  waitFor(chatId: number, group: boolean): number {
    const now = this.clock.now();
    this.trim(now);
    let wait = Math.max(0, this.everyoneHeldUntil - now, (this.heldUntil.get(chatId) ?? 0) - now);
    if (this.recent.length >= this.limits.perSecond) wait = Math.max(wait, this.recent[0]! + 1000 - now);
    if (group) {
      const sent = this.groupRecent.get(chatId) ?? [];
      if (sent.length >= this.limits.groupPerMinute) wait = Math.max(wait, sent[0]! + 60_000 - now);
    } else {
      const last = this.chatLast.get(chatId);
      if (last !== undefined) wait = Math.max(wait, last + this.limits.chatIntervalMs - now);
    }
    return wait;
  }

  /** Milliseconds until anything at all may go. */
  waitForAny(): number {
    const now = this.clock.now();
    this.trim(now);
    const full = this.recent.length >= this.limits.perSecond ? this.recent[0]! + 1000 - now : 0;
    return Math.max(0, this.everyoneHeldUntil - now, full);
  }

  sent(chatId: number, group: boolean): void {
    const now = this.clock.now();
    this.recent.push(now);
    if (group) {
      const sent = this.groupRecent.get(chatId) ?? [];
      sent.push(now);
      this.groupRecent.set(chatId, sent);
    } else {
      this.chatLast.set(chatId, now);
    }
  }

  /** A 429: this chat (or everyone) waits `ms`. */
  hold(ms: number, chatId: number | null): void {
    const until = this.clock.now() + ms;
    if (chatId === null) this.everyoneHeldUntil = Math.max(this.everyoneHeldUntil, until);
    else this.heldUntil.set(chatId, Math.max(this.heldUntil.get(chatId) ?? 0, until));
  }

  private trim(now: number): void {
    while (this.recent.length > 0 && this.recent[0]! <= now - 1000) this.recent.shift();
    // Bounded memory: forget chats whose last send no longer limits anything.
    if (this.chatLast.size > 50_000) for (const [chat, at] of this.chatLast) if (at <= now - this.limits.chatIntervalMs) this.chatLast.delete(chat);
    for (const [chat, sent] of this.groupRecent) {
      while (sent.length > 0 && sent[0]! <= now - 60_000) sent.shift();
      if (sent.length === 0) this.groupRecent.delete(chat);
    }
    for (const [chat, until] of this.heldUntil) if (until <= now) this.heldUntil.delete(chat);
  }
}
