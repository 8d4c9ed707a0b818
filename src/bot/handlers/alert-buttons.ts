import { GrammyError, type Bot, type InlineKeyboard } from 'grammy';
import { REMOVE_PREFIX } from '../answers/alert-replies.js';
import { alertList, LIST_REMOVE_PREFIX } from '../answers/list-replies.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { alertDoneMessage, alertRemovedMessage } from '../format/alert-messages.js';

/** ✖ under a new alert, or in the /alerts list: only the alert's owner can remove it. */
export function registerAlertButtons(bot: Bot<ParleyContext>, deps: BotDeps): void {
  bot.callbackQuery(new RegExp(`^(${REMOVE_PREFIX}|${LIST_REMOVE_PREFIX})([0-9A-Za-z]{16})$`), async (ctx) => {
    const fromList = ctx.match![1] === LIST_REMOVE_PREFIX;
    const userId = ctx.parley!.user.id;
    const outcome = await deps.alerts.remove(userId, ctx.match![2]!);
    switch (outcome.outcome) {
      case 'not_owner':
        await ctx.answerCallbackQuery({ text: 'This isn’t your alert: only the person who set it can remove it.', show_alert: true });
        return;
      case 'not_found':
        await ctx.answerCallbackQuery({ text: 'This alert no longer exists.' });
        return;
      case 'removed':
        await ctx.answerCallbackQuery({ text: 'Alert removed.' });
        break;
      case 'already':
        await ctx.answerCallbackQuery({ text: outcome.alert.status === 'triggered' ? 'This alert already fired.' : 'Already removed.' });
        break;
    }
    if (fromList) {
      const { text, keyboard } = alertList(await deps.alerts.listView(userId));
      await edit(ctx, text, keyboard);
    } else {
      await edit(ctx, outcome.outcome === 'removed' ? alertRemovedMessage(outcome.alert) : alertDoneMessage(outcome.alert));
    }
  });
}

async function edit(ctx: ParleyContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageText(text, { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) });
  } catch (error) {
    // A second press re-renders the same text: Telegram refuses, and that is fine.
    if (error instanceof GrammyError && error.description.includes('message is not modified')) return;
    throw error;
  }
}
