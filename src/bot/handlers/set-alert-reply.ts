import { InlineKeyboard } from 'grammy';
import { AlertRefused } from '../../alerts/alert-rules.js';
import type { AlertDirection } from '../../alerts/types.js';
import type { BaseContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { alertSetMessage } from '../format/alert-messages.js';
import { html } from '../format/html.js';

export type Reply = { outcome: string; reply: string };

/** ✖ under a new alert: the message becomes "removed" (see alert-replies.ts). */
export const REMOVE_PREFIX = 'al:rm:';

/** Sets the alert and says so with a ✖ Remove button, or says plainly why it was not set. */
export async function setAlertAndReply(ctx: BaseContext, deps: BotDeps, request: { symbol: string; price: string | number; direction: AlertDirection | null }): Promise<Reply> {
  try {
    const set = await deps.alerts.set({ userId: ctx.parley!.user.id, chatId: ctx.chatId!, ...request });
    const text = alertSetMessage(set);
    await ctx.reply(text, { parse_mode: 'HTML', reply_markup: new InlineKeyboard().text('✖ Remove', `${REMOVE_PREFIX}${set.alert.id}`) });
    return { outcome: set.existing ? 'alert_exists' : 'alert_set', reply: text };
  } catch (error) {
    if (!(error instanceof AlertRefused)) throw error;
    const text = html`${error.userMessage}` + (error.code === 'alert.limit' ? '\nSee them with /alerts.' : '');
    return say(ctx, text, 'refused');
  }
}

export async function say(ctx: BaseContext, text: string, outcome: string): Promise<Reply> {
  await ctx.reply(text, { parse_mode: 'HTML' });
  return { outcome, reply: text };
}

