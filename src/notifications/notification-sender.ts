import { randomBytes } from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Metrics } from '../shared/metrics.js';
import type { Notification } from './notification.js';
import type { Channel, DeliveryTarget, Leases, Outbox } from './ports.js';
import { SendRateLimiter, TELEGRAM_LIMITS, type RateLimitSettings } from './rate-limits.js';

export const SENDER_LEASE = 'notifications.sender';

export interface SenderOptions {
  outbox: Outbox;
  leases: Leases;
  channel: Channel;
  clock: Clock;
  logger: Logger;
  limits?: RateLimitSettings;
  /** This process in the lease (default: random per start). */
  holder?: string;
  /** How long the lease holds unrenewed: a dead sender's successor waits this long at most (default 10 s). */
  leaseMs?: number;
  /** Idle wait between looks at the outbox (default 250 ms); `nudge()` cuts it short. */
  pollMs?: number;
  /** How long a row stays claimed by a send in progress before another sender may try it (default 20 s: longer than a Bot API call may take). */
  claimMs?: number;
  /** Attempts before a temporary failure becomes final (default 8). */
  maxAttempts?: number;
  /** At most this many notifications in one combined message (default 10). */
  combineMax?: number;
  /** Told how long each sent notification took from being written (retries and rate limits included). */
  metrics?: Pick<Metrics, 'notificationDelivered'>;
}

export interface PassResult {
  sent: number;
  /** Milliseconds until something could go (rate limits, retries), or the idle poll. */
  waitMs: number;
}

const BATCH = 200;

/**
 * The outbox's sender. One process at a time holds the sender lease, so Telegram's limits are
 * kept in one place: 30 messages a second overall, one a second per chat, 20 a minute per group
 * (a little under each: see TELEGRAM_LIMITS). Rows go out oldest first; several plain notices
 * due for one chat at once share one message. A 429 holds that chat (or everyone) for its
 * retry_after and the rows wait; a temporary failure is retried with backoff; a person who
 * blocked the bot is skipped until they write again.
 *
 * Delivery is at least once, and exactly once but for one case: a sender that dies after
 * Telegram took a message but before the row was marked sent leaves the row 'sending'; when its
 * claim lapses the next sender sends it again (it cannot know the message arrived — the Bot API
 * has no idempotency key). Sends are one at a time, so that window holds one message at most,
 * and each row is marked the moment Telegram answers.
 */
export class NotificationSender {
  private readonly limiter: SendRateLimiter;
  private readonly holder: string;
  private running = false;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private renewal: NodeJS.Timeout | undefined;
  private leader = false;

  constructor(private readonly options: SenderOptions) {
    this.limiter = new SendRateLimiter(options.clock, options.limits ?? TELEGRAM_LIMITS);
    this.holder = options.holder ?? `sender-${randomBytes(6).toString('hex')}`;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  /** Sends until stopped. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = false;
    const leaseMs = this.options.leaseMs ?? 10_000;
    this.renewal = setInterval(() => void this.renew(), Math.max(100, leaseMs / 4));
    this.renewal.unref();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.renewal) clearInterval(this.renewal);
    this.wake?.();
    await this.loop;
    this.running = false;
    if (this.leader) await this.options.leases.release(SENDER_LEASE, this.holder).catch(() => {});
    this.leader = false;
  }

  /** Something was just published in this process: look now rather than at the next poll. */
  nudge(): void {
    this.wake?.();
  }

  /** One look at the outbox: sends what may go now. */
  async pass(): Promise<PassResult> {
    const { outbox, channel, clock, logger } = this.options;
    const pollMs = this.options.pollMs ?? 250;
    if (!this.leader && !(await this.renew())) return { sent: 0, waitMs: Math.max(pollMs, (this.options.leaseMs ?? 10_000) / 4) };
    const rows = await outbox.due(new Date(clock.now()), BATCH);
    if (rows.length === 0) return { sent: 0, waitMs: pollMs };
    const resolved = await channel.resolve(rows);

    const chats = new Map<number, Array<{ row: Notification; target: DeliveryTarget }>>();
    const skips = new Map<string, number[]>();
    for (const row of rows) {
      const where = resolved.get(row.id) ?? { skip: 'no target' };
      if ('skip' in where) skips.set(where.skip, [...(skips.get(where.skip) ?? []), row.id]);
      else chats.set(where.target.chatId, [...(chats.get(where.target.chatId) ?? []), { row, target: where.target }]);
    }
    for (const [reason, ids] of skips) await outbox.close(ids, 'skipped', reason);

    let sent = 0;
    let waitMs = pollMs;
    for (const [chatId, queue] of chats) {
      if (this.stopped || !this.leader) break;
      const everyone = this.limiter.waitForAny();
      if (everyone > 0) {
        waitMs = Math.min(waitMs, everyone);
        break;
      }
      const { target } = queue[0]!;
      const wait = this.limiter.waitFor(chatId, target.group);
      if (wait > 0) {
        waitMs = Math.min(waitMs, wait);
        continue;
      }
      const batch = await this.pick(queue);
      const now = clock.now();
      const ids = await outbox.claim(
        batch.map((b) => b.row.id),
        new Date(now),
        new Date(now + (this.options.claimMs ?? 20_000)),
      );
      if (ids.length !== batch.length) {
        // Another sender moved some of them (a lease taken over mid-pass): leave this chat to it.
        if (ids.length > 0) await outbox.reschedule(ids, new Date(now), null);
        continue;
      }
      this.limiter.sent(chatId, target.group);
      sent += await this.deliver(batch.map((b) => b.row), target);
      if (queue.length > batch.length) waitMs = Math.min(waitMs, this.limiter.waitFor(chatId, target.group));
    }
    if (rows.length === BATCH && sent > 0) waitMs = 0;
    logger.debug({ due: rows.length, sent, waitMs }, 'notification pass');
    return { sent, waitMs };
  }

  /**
   * The first row, and the plain notices after it for the same chat when they can share its message.
   * A burst for many chats spreads one chat's rows thinly over the batch, so that person's other due
   * rows are looked up too: ten fills at once arrive as one message, not ten a second apart.
   */
  private async pick(queue: Array<{ row: Notification; target: DeliveryTarget }>): Promise<Array<{ row: Notification; target: DeliveryTarget }>> {
    const { channel, outbox, clock } = this.options;
    const max = this.options.combineMax ?? 10;
    const first = queue[0]!;
    const fits = (n: Notification, target: DeliveryTarget) => channel.canCombine(n) && target.messageId === null && target.chatId === first.target.chatId;
    if (!fits(first.row, first.target)) return [first];
    const batch = [first];
    for (const next of queue.slice(1)) {
      if (batch.length >= max || !fits(next.row, next.target)) break;
      batch.push(next);
    }
    if (batch.length < max) {
      const more = (await outbox.due(new Date(clock.now()), max * 2, first.row.userId)).filter((n) => !batch.some((b) => b.row.id === n.id));
      const where = more.length > 0 ? await channel.resolve(more) : new Map();
      for (const n of more) {
        const resolved = where.get(n.id);
        if (!resolved || 'skip' in resolved || resolved.target.chatId !== first.target.chatId) continue;
        // Order within a chat is kept: the first row that cannot share the message ends the batch.
        if (batch.length >= max || !fits(n, resolved.target)) break;
        batch.push({ row: n, target: resolved.target });
      }
    }
    return batch;
  }

  private async deliver(rows: Notification[], target: DeliveryTarget): Promise<number> {
    const { outbox, channel, clock, logger } = this.options;
    const ids = rows.map((r) => r.id);
    let outcome;
    try {
      outcome = await channel.send(rows, target);
    } catch (error) {
      logger.error({ err: error, notifications: ids }, 'a notification could not be rendered or sent');
      outcome = { outcome: 'temporary' as const, error: error instanceof Error ? error.message : String(error) };
    }
    const now = clock.now();
    switch (outcome.outcome) {
      case 'sent':
        await outbox.markSent(ids, new Date(now));
        for (const row of rows) this.options.metrics?.notificationDelivered((now - row.createdAt.getTime()) / 1000, row.urgent);
        return rows.length;
      case 'rate_limited':
        // That chat waits its retry_after; everyone pauses a moment too, in case the limit hit was the overall one.
        this.limiter.hold(outcome.ms, outcome.chat ? target.chatId : null);
        this.limiter.hold(Math.min(outcome.ms, 1000), null);
        await outbox.reschedule(ids, new Date(now + outcome.ms), 'rate limited');
        logger.warn({ chat: outcome.chat, retryAfterMs: outcome.ms }, 'Telegram asked to slow down; the notifications wait');
        return 0;
      case 'blocked':
        await channel.markBlocked(rows[0]!.userId);
        await outbox.close(ids, 'skipped', 'blocked the bot');
        return 0;
      case 'refused':
        await outbox.close(ids, 'failed', outcome.error);
        logger.warn({ notifications: ids, error: outcome.error }, 'a notification was refused for good');
        return 0;
      case 'temporary': {
        const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
        if (attempts >= (this.options.maxAttempts ?? 8)) {
          await outbox.close(ids, 'failed', outcome.error);
          logger.error({ notifications: ids, attempts, error: outcome.error }, 'a notification failed too often; given up');
        } else {
          await outbox.reschedule(ids, new Date(now + Math.min(60_000, 1000 * 2 ** (attempts - 1))), outcome.error);
        }
        return 0;
      }
    }
  }

  private async renew(): Promise<boolean> {
    try {
      const was = this.leader;
      this.leader = await this.options.leases.acquire(SENDER_LEASE, this.holder, this.options.leaseMs ?? 10_000);
      if (this.leader && !was) this.options.logger.info({ holder: this.holder }, 'this process sends the notifications now');
    } catch (error) {
      this.leader = false;
      this.options.logger.warn({ err: error }, 'could not renew the notification sender lease');
    }
    return this.leader;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let waitMs: number;
      try {
        ({ waitMs } = await this.pass());
      } catch (error) {
        this.options.logger.error({ err: error }, 'notification pass failed; trying again shortly');
        waitMs = 1000;
      }
      if (this.stopped) break;
      if (waitMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs);
          timer.unref();
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }
}
