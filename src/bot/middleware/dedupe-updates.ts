import type { MiddlewareFn } from 'grammy';
import type { Logger } from '../../shared/logger.js';
import type { ParleyContext } from '../context.js';
import type { UpdateDedupe } from '../ports.js';

/**
 * Not now: send this update again later. Either another process is handling it — and may have
 * died with it: Telegram keeps the update and redelivers it, and once the dead process's lease
 * has lapsed a redelivery takes it over (answering 200 and waiting here instead would lose it
 * if this process died too) — or the claim could not be made at all (the database is away).
 */
export class RetryUpdateLater extends Error {
  constructor(
    readonly updateId: number,
    readonly retryAfterSeconds: number,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`update ${updateId}: ${reason}`, options);
    this.name = 'RetryUpdateLater';
  }
}

/** An error from the middleware stack (grammY wraps them in BotError) that means "not now". */
export function retryLaterOf(error: unknown): RetryUpdateLater | undefined {
  const inner = (error as { error?: unknown } | null)?.error ?? error;
  return inner instanceof RetryUpdateLater ? inner : undefined;
}

/**
 * Telegram retries webhooks and two instances may both receive one: handle each update_id once.
 * The claim is a lease renewed while the update is handled and closed when it is done.
 */
export function dedupeUpdates(dedupe: UpdateDedupe, logger: Logger): MiddlewareFn<ParleyContext> {
  const handlingHere = new Set<number>();
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    const claim = await dedupe.claim(id).catch((error: unknown) => {
      logger.error({ err: error, updateId: id }, 'could not claim an update; Telegram will send it again');
      throw new RetryUpdateLater(id, 5, 'could not claim it', { cause: error });
    });
    if (claim === 'busy' && !handlingHere.has(id)) throw new RetryUpdateLater(id, Math.ceil(dedupe.leaseMs / 1000), 'another process is handling it');
    if (claim !== 'mine') {
      logger.info({ updateId: id, claim }, 'duplicate update ignored');
      return;
    }
    handlingHere.add(id);
    const renewal = setInterval(() => dedupe.renew(id).catch((error: unknown) => logger.warn({ err: error, updateId: id }, 'could not renew an update claim')), dedupe.leaseMs / 3);
    renewal.unref();
    let sendAgain = false;
    try {
      await next();
    } catch (error) {
      // "Not now" from inside (the Bot API took no calls): the update goes back to Telegram, so
      // its redelivery must find it unclaimed, not handled.
      sendAgain = retryLaterOf(error) !== undefined;
      throw error;
    } finally {
      clearInterval(renewal);
      handlingHere.delete(id);
      // Awaited: the redelivery must find the claim gone. (If it cannot be dropped, it lapses.)
      if (sendAgain) await dedupe.release(id).catch((error: unknown) => logger.warn({ err: error, updateId: id }, 'could not release an update claim'));
      // Not awaited: the answer is out; a lost mark only means a late redelivery could be handled again.
      else dedupe.done(id).catch((error: unknown) => logger.warn({ err: error, updateId: id }, 'could not mark an update handled'));
    }
  };
}
