import type { MiddlewareFn } from 'grammy';
import type { Logger } from '../../shared/logger.js';
import type { ParleyContext } from '../context.js';
import type { UpdateDedupe } from '../ports.js';

/** Telegram retries webhooks and two instances may both receive one: handle each update_id once. */
export function dedupeUpdates(dedupe: UpdateDedupe, logger: Logger): MiddlewareFn<ParleyContext> {
  return async (ctx, next) => {
    if (!(await dedupe.firstSeen(ctx.update.update_id))) {
      logger.info({ updateId: ctx.update.update_id }, 'duplicate update ignored');
      return;
    }
    await next();
  };
}
