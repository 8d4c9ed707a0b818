import type { MiddlewareFn } from 'grammy';
import type { Logger } from '../../shared/logger.js';
import type { ParleyContext } from '../context.js';
import type { UpdateDedupe } from '../ports.js';

export interface DedupeTiming {
  /** How often a redelivery asks again whether a busy update's claim has lapsed (default 1 s). */
  pollMs?: number;
}

/**
 * Telegram retries webhooks and two instances may both receive one: handle each update_id once.
 * A redelivery of an update another process is handling waits: if that process finishes, the
 * redelivery is dropped; if it died mid-update, its claim lapses and the redelivery handles the
 * update instead (up to twice the lease; a claim renewed past that is left to its owner).
 */
export function dedupeUpdates(dedupe: UpdateDedupe, logger: Logger, timing: DedupeTiming = {}): MiddlewareFn<ParleyContext> {
  const handlingHere = new Set<number>();
  const pollMs = timing.pollMs ?? 1_000;
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    let claim = await dedupe.claim(id);
    const giveUpAt = Date.now() + 2 * dedupe.leaseMs;
    while (claim === 'busy' && !handlingHere.has(id) && Date.now() < giveUpAt) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      claim = await dedupe.claim(id);
    }
    if (claim !== 'mine') {
      logger.info({ updateId: id, claim }, 'duplicate update ignored');
      return;
    }
    handlingHere.add(id);
    const renewal = setInterval(() => dedupe.renew(id).catch((error: unknown) => logger.warn({ err: error, updateId: id }, 'could not renew an update claim')), dedupe.leaseMs / 3);
    renewal.unref();
    try {
      await next();
    } finally {
      clearInterval(renewal);
      handlingHere.delete(id);
      // Not awaited: the answer is out; a lost mark only means a late redelivery could be handled again.
      dedupe.done(id).catch((error: unknown) => logger.warn({ err: error, updateId: id }, 'could not mark an update handled'));
    }
  };
}
