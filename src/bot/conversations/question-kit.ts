import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { Message } from 'grammy/types';
import type { BaseContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import type { ConversationStore } from '../ports.js';

/** Pieces every question in a conversation uses. */

export type Convo = Conversation<BaseContext, Context>;
/** Buttons of a question carry this prefix; outside a conversation they are stale. */
export const ASK_PREFIX = 'ask:';
export const CANCEL = `${ASK_PREFIX}x`;
/** How long a question waits for its answer. */
export const QUESTION_TTL_MS = 10 * 60_000;

/** Where the open question of a person in a chat is noted, so /cancel can take its buttons away. */
export const openQuestionKey = (chatId: number, userId: number) => `asked:${chatId}:${userId}`;

/** Asks with buttons, and notes the question's message so /cancel can close it. */
export async function ask(conversation: Convo, ctx: Context, store: ConversationStore, text: string, options: Parameters<Context['reply']>[1]): Promise<Message.TextMessage> {
  const asked = await ctx.reply(text, options);
  if (ctx.chatId !== undefined && ctx.from) {
    const key = openQuestionKey(ctx.chatId, ctx.from.id);
    await conversation.external(() => store.write(key, { messageId: asked.message_id }));
  }
  return asked;
}

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
