import type { Bot } from 'grammy';
import { HISTORY_PREFIX, tradeHistoryView } from '../answers/list-replies.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';

/** "Older ›" under the trade history: the next page, in place. Each person pages through their own. */
export function registerHistoryButtons(bot: Bot<ParleyContext>, deps: BotDeps): void {
  bot.callbackQuery(new RegExp(`^${HISTORY_PREFIX}(\\d{1,4})$`), async (ctx) => {
    await ctx.answerCallbackQuery();
    const page = Number(ctx.match[1]);
    const history = await deps.trading.tradeHistory({ userId: ctx.parley!.user.id, account: ctx.parley!.account }, page);
    const { text, keyboard } = tradeHistoryView(history);
    await ctx.editMessageText(text, { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) }).catch(() => ctx.reply(text, { parse_mode: 'HTML' }));
  });
}
