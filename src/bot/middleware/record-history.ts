import type { MiddlewareFn } from 'grammy';
import type { Logger } from '../../shared/logger.js';
import type { ParleyContext } from '../context.js';
import type { CommandLog } from '../ports.js';

/**
 * Records every text message with what came of it, in one place: handlers leave a note on
 * the context; replies consumed inside a conversation or by a command get a plain line.
 * Recording happens after the answer, and a failure to record never hides the answer.
 */
export function recordHistory(history: CommandLog, logger: Logger): MiddlewareFn<ParleyContext> {
  return async (ctx, next) => {
    let failed = false;
    try {
      await next();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      const text = ctx.message?.text;
      if (text !== undefined) {
        const note = ctx.historyNote;
        const command = text.startsWith('/');
        await history
          .record({
            userId: ctx.parley?.user.id ?? null,
            chatId: ctx.chat?.id ?? null,
            text,
            parser: note?.parser ?? null,
            intent: note?.intent ?? (command ? 'command' : null),
            entities: note?.entities ?? null,
            confidence: note?.confidence ?? null,
            outcome: failed ? 'error' : (note?.outcome ?? (command ? 'command' : 'conversation_reply')),
            reply: note?.reply ?? null,
          })
          .catch((error: unknown) => logger.error({ err: error }, 'could not record command history'));
      }
    }
  };
}
