import { Bot, InlineKeyboard, type ApiClientOptions } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';

/**
 * The smallest bot that uses what Parley's chat relies on: HTML replies to the user's
 * message, an inline button, a callback answered at once, an edit in place, and a
 * toast for a user who presses someone else's button. Tests drive it through the
 * emulator to prove grammY works against it.
 */
export function createEchoBot(options: { token: string; botInfo: UserFromGetMe; client: ApiClientOptions }): Bot {
  const bot = new Bot(options.token, { botInfo: options.botInfo, client: options.client });

  bot.on('message:text', async (ctx) => {
    await ctx.replyWithChatAction('typing');
    await ctx.reply(`You said: <b>${escapeHtml(ctx.message.text)}</b>`, {
      parse_mode: 'HTML',
      reply_parameters: { message_id: ctx.message.message_id },
      reply_markup: new InlineKeyboard().text('📣 Shout it', `shout:${ctx.from.id}`),
    });
  });

  bot.callbackQuery(/^shout:(\d+)$/, async (ctx) => {
    const authorId = Number(ctx.match[1]);
    if (ctx.from.id !== authorId) {
      await ctx.answerCallbackQuery({ text: 'Only the author can shout this.' });
      return;
    }
    await ctx.answerCallbackQuery({ text: 'Shouted!' });
    const said = ctx.callbackQuery.message?.text?.replace(/^You said: /, '') ?? '';
    await ctx.editMessageText(`YOU SAID: <b>${escapeHtml(said.toUpperCase())}</b>`, { parse_mode: 'HTML' });
  });

  return bot;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
