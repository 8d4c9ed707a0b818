import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { BaseContext } from '../context.js';
import type { BotDeps } from '../deps.js';

/** Pieces every question in a conversation uses. */

export type Convo = Conversation<BaseContext, Context>;
/** Buttons of a question carry this prefix; outside a conversation they are stale. */
export const ASK_PREFIX = 'ask:';
export const CANCEL = `${ASK_PREFIX}x`;
/** How long a question waits for its answer. */
export const QUESTION_TTL_MS = 10 * 60_000;

export async function cancelled(ctx: Context, questionId: number): Promise<null> {
  await ctx.answerCallbackQuery({ text: 'Cancelled. Nothing was executed.' });
  await closeQuestion(ctx, questionId, '✖ Cancelled. Nothing was executed.');
  return null;
}

/** Edits the question so its buttons go away once it is answered. */
export async function closeQuestion(ctx: Context, messageId: number, text: string): Promise<void> {
  if (ctx.chatId === undefined) return;
  await ctx.api.editMessageText(ctx.chatId, messageId, text, { parse_mode: 'HTML' }).catch(() => {});
}

/** A sentence that is a request of its own ends the question and is handled normally. */
export async function leaveIfNewRequest(conversation: Convo, ctx: Context, deps: BotDeps, text: string, questionId: number, question: string): Promise<void> {
  if (text.trim().split(/\s+/).length > 1 && deps.offlineParse(text).command.intent !== 'unknown') {
    await closeQuestion(ctx, questionId, question);
    await conversation.halt({ next: true });
  }
}
