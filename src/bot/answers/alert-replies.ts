import { InlineKeyboard } from 'grammy';
import type { SetAlert } from '../../alerts/types.js';
import type { AppError } from '../../shared/errors.js';
import type { BaseContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { alertSetMessage, REMOVE_PREFIX } from '../format/alert-messages.js';
import { html } from '../format/html.js';

export { REMOVE_PREFIX } from '../format/alert-messages.js';

/** "🔔 Alert set …" with a ✖ Remove button. An alert set in a group is told in that group. */
export async function sendAlertSet(ctx: BaseContext, deps: BotDeps, set: SetAlert): Promise<string> {
  if (ctx.chat && ctx.chat.type !== 'private' && !set.existing) {
    await deps.targets.set({ subject: `alert:${set.alert.id}`, channel: 'telegram', chatId: ctx.chat.id, messageId: null });
  }
  const text = alertSetMessage(set);
  await ctx.reply(text, { parse_mode: 'HTML', reply_markup: new InlineKeyboard().text('✖ Remove', `${REMOVE_PREFIX}${set.alert.id}`) });
  return text;
}

export async function sendAlertRefused(ctx: BaseContext, error: AppError): Promise<string> {
  const text = html`${error.userMessage}` + (error.code === 'alert.limit' ? '\nSee them with /alerts.' : '');
  await ctx.reply(text, { parse_mode: 'HTML' });
  return text;
}
