import type { MiddlewareFn } from 'grammy';
import type { Logger } from '../../shared/logger.js';
import type { ParleyContext } from '../context.js';
import type { UpdateDedupe } from '../ports.js';

/**
 * This update is being handled by another process — which may have died with it. The webhook
 * answers "try again later" (503) rather than 200: Telegram keeps the update and redelivers it,
 * and once the dead process's lease has lapsed a redelivery takes it over. Answering 200 and
 * waiting here instead would lose it if this process died too.
 */
export class UpdateHeldElsewhere extends Error {
  constructor(
    readonly updateId: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`update ${updateId} is being handled by another process`);
    this.name = 'UpdateHeldElsewhere';
  }
}

/** An error from the middleware stack (grammY wraps them in BotError) that means "not now". */
export function heldElsewhere(error: unknown): UpdateHeldElsewhere | undefined {
  const inner = (error as { error?: unknown } | null)?.error ?? error;
  return inner instanceof UpdateHeldElsewhere ? inner : undefined;
}

/**
 * Telegram retries webhooks and two instances may both receive one: handle each update_id once.
 * The claim is a lease renewed while the update is handled and closed when it is done.
 */
export function dedupeUpdates(dedupe: UpdateDedupe, logger: Logger): MiddlewareFn<ParleyContext> {
  const handlingHere = new Set<number>();
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    const claim = await dedupe.claim(id);
    if (claim === 'busy' && !handlingHere.has(id)) throw new UpdateHeldElsewhere(id, Math.ceil(dedupe.leaseMs / 1000));
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
