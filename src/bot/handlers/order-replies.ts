import { InlineKeyboard, type Bot } from 'grammy';
import type { BaseContext, ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { html } from '../format/html.js';
import { orderLine } from '../format/order-lines.js';
import { replyWithCancelPreview } from './trade-preview.js';

/** Buttons of the "which order?" picker carry the order's own id; ownership is checked again on use. */
export const PICK_CANCEL_PREFIX = 'oc:';

/** "my orders": the open ones, newest first, and a few recent settled ones for context. */
export async function replyOrders(ctx: BaseContext, deps: BotDeps, symbol?: string): Promise<{ outcome: string; reply: string }> {
  const userId = ctx.parley!.user.id;
  // The account trading now: its orders are the ones "cancel …" acts on.
  const accountId = ctx.parley!.account.id;
  const open = await deps.trading.orders(userId, { accountId, activeOnly: true, ...(symbol ? { symbol } : {}), limit: 30 });
  const lines = open.length > 0 ? [`<b>${html`Open orders${symbol ? ` on ${symbol}` : ''}`}</b>`, ...open.map(orderLine)] : [html`You have no open orders${symbol ? ` on ${symbol}` : ''}.`];
  const recent = (await deps.trading.orders(userId, { accountId, ...(symbol ? { symbol } : {}), limit: 5 })).filter((o) => !open.some((x) => x.id === o.id));
  if (recent.length > 0) lines.push('', '<b>Recent</b>', ...recent.map(orderLine));
  if (open.length > 0) lines.push('', 'Cancel with “cancel #id”, “cancel my last order” or “cancel all”.');
  const text = lines.join('\n');
  await ctx.reply(text, { parse_mode: 'HTML' });
  return { outcome: 'answered', reply: text };
}

/** "cancel my order" without saying which: show the open ones to pick from. */
export async function replyOrderPicker(ctx: BaseContext, deps: BotDeps, symbol?: string): Promise<{ outcome: string; reply: string }> {
  // Only the account trading now: a cancel acts there (orders on the user's other accounts are refused).
  const open = await deps.trading.orders(ctx.parley!.user.id, { accountId: ctx.parley!.account.id, activeOnly: true, ...(symbol ? { symbol } : {}), limit: 8 });
  if (open.length === 0) {
    const text = html`You have no open orders${symbol ? ` on ${symbol}` : ''} to cancel.`;
    await ctx.reply(text);
    return { outcome: 'answered', reply: text };
  }
  const keyboard = new InlineKeyboard();
  for (const o of open) keyboard.text(`Cancel #${o.id}`, `${PICK_CANCEL_PREFIX}${o.id}`).row();
  if (open.length > 1) keyboard.text('Cancel all of them', `${PICK_CANCEL_PREFIX}all${symbol ? `:${symbol}` : ''}`);
  const text = ['Which order should I cancel?', ...open.map(orderLine)].join('\n');
  await ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
  return { outcome: 'asked_order', reply: text };
}

export function registerOrderPicker(bot: Bot<ParleyContext>, deps: BotDeps): void {
  bot.callbackQuery(/^oc:(\d{1,15}|all(?::[A-Z0-9]+\/[A-Z0-9]+)?)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const pick = ctx.match![1]!;
    const request = pick.startsWith('all') ? { target: 'all' as const, ...(pick.includes(':') ? { symbol: pick.split(':')[1]! } : {}) } : { target: 'one' as const, orderRef: pick };
    await ctx.editMessageReplyMarkup().catch(() => {});
    // The picker only names orders; the cancel itself is previewed and confirmed like any trade.
    await replyWithCancelPreview(ctx, deps, request);
  });
}
