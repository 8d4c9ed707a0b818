import type { Bot } from 'grammy';
import { outcomeOf } from '../../assistant/answer.js';
import type { ParseResult } from '../../nlu/contract.js';
import { botApiUnavailable } from '../bot-api-retry.js';
import { errorText } from '../format/error-text.js';
import { renderAnswer } from '../answers/render-answer.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { allowedInGroup, isGroup, replyInPrivate } from '../group-privacy.js';

const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200D|\uFE0F|\s)+$/u;

/** Free text: parse, act (one use case for every interface), render. Every message gets an answer and a history line. */
export function registerTextMessages(bot: Bot<ParleyContext>, deps: BotDeps): void {
  bot.on('message:text', async (ctx) => {
    const text = ctx.message.text;
    if (text.startsWith('/')) {
      await ctx.reply('I don’t know that command. Try /help.');
      return;
    }
    const parsed = await deps.parser.parse(text);
    // Only emoji ("🚀🚀🚀"): a mood, not a request — answered in kind, with what can be done.
    if (parsed.command.intent === 'unknown' && !parsed.topic && EMOJI_ONLY.test(text.trim())) {
      const reply = `${text.trim().slice(0, 16)} Noted! When you want to act on it, tell me — “price of btc”, “buy $100 of eth”.`;
      await ctx.reply(reply);
      ctx.historyNote = { parser: parsed.parser, intent: 'unknown', entities: {}, confidence: parsed.confidence, outcome: 'emoji', reply };
      return;
    }
    const { outcome, reply } =
      isGroup(ctx) && !allowedInGroup(parsed, text) ? { outcome: 'private_only', reply: await replyInPrivate(ctx) } : await answerParsed(ctx, deps, parsed, text);
    ctx.historyNote = { parser: parsed.parser, intent: parsed.command.intent, entities: entitiesOf(parsed), confidence: parsed.confidence, outcome, reply };
  });

  bot.on('message', (ctx) => ctx.reply('I read text messages only. Try “price of btc” or /help.'));
}

/** Acts on a parsed message and answers in the chat; an error is answered in words, never silence. */
export async function answerParsed(ctx: ParleyContext, deps: BotDeps, parsed: ParseResult, text?: string): Promise<{ outcome: string; reply: string }> {
  try {
    const chat = ctx.chat === undefined ? undefined : String(ctx.chat.id);
    const answer = await deps.assistant.act({ userId: ctx.parley!.user.id, account: ctx.parley!.account }, parsed, text, chat);
    return { outcome: outcomeOf(answer), reply: await renderAnswer(ctx, deps, answer) };
  } catch (error) {
    // The answer could not be sent (the Bot API is away): an error message would not get through either.
    if (botApiUnavailable(error)) throw error;
    deps.logger.warn({ err: error, intent: parsed.command.intent }, 'could not answer a message');
    const reply = errorText(error);
    await ctx.reply(reply);
    return { outcome: 'error', reply };
  }
}

function entitiesOf(parsed: ParseResult): Record<string, unknown> {
  const { intent: _intent, ...entities } = parsed.command;
  return entities;
}
