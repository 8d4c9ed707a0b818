import type { MiddlewareFn } from 'grammy';
import type { ParleyContext } from '../context.js';

/**
 * Updates of one user in one chat are handled one after another. A conversation reads its
 * state, waits, and writes it back: two updates of the same chat handled at once (Telegram
 * may deliver them in parallel over a webhook) would each miss the other's answer.
 * Different chats still run concurrently.
 */
export function sequentializePerChat(): MiddlewareFn<ParleyContext> {
  const tails = new Map<string, Promise<void>>();
  return async (ctx, next) => {
    const key = ctx.chatId !== undefined ? `${ctx.chatId}:${ctx.from?.id ?? ''}` : undefined;
    if (key === undefined) return next();
    const previous = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    tails.set(key, tail);
    await previous;
    try {
      await next();
    } finally {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
