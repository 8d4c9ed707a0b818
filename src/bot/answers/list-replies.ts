import { InlineKeyboard } from 'grammy';
import type { AlertListView } from '../../alerts/alert-service.js';
import type { OrderListView } from '../../trading/trading-service.js';
import type { TrackedOrder } from '../../trading/types.js';
import type { BaseContext } from '../context.js';
import { alertButtonLabel, alertListMessage, sortForList } from '../format/alert-messages.js';
import { html } from '../format/html.js';
import { tradeHistoryMessage } from '../format/market-messages.js';
import { orderLine } from '../format/order-lines.js';

/** Buttons of the "which order?" picker carry the order's own id; ownership is checked again on use. */
export const PICK_CANCEL_PREFIX = 'oc:';
/** ✖ on an alert's card in the /alerts menu: the list is redrawn (✖ under a new alert is REMOVE_PREFIX). */
export const LIST_REMOVE_PREFIX = 'al:rl:';
/** An alert in the /alerts list: opens its card (see handlers/alert-menu.ts). */
export const MENU_OPEN_PREFIX = 'al:m:';

/** "More" under a page of trade history. */
export const HISTORY_PREFIX = 'th:';

export function tradeHistoryView(history: { trades: TrackedOrder[]; page: number; more: boolean }): { text: string; keyboard?: InlineKeyboard } {
  const text = tradeHistoryMessage(history.trades, history.page);
  return history.more ? { text, keyboard: new InlineKeyboard().text('Older ›', `${HISTORY_PREFIX}${history.page + 1}`) } : { text };
}

export async function sendTradeHistory(ctx: BaseContext, history: { trades: TrackedOrder[]; page: number; more: boolean }): Promise<string> {
  const { text, keyboard } = tradeHistoryView(history);
  await ctx.reply(text, { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) });
  return text;
}

/** "my orders": the open ones, newest first, and a few recent settled ones for context. */
export async function sendOrders(ctx: BaseContext, view: OrderListView, symbol: string | null): Promise<string> {
  const on = symbol ? ` on ${symbol}` : '';
  const lines = view.open.length > 0 ? [`<b>${html`Open orders${on}`}</b>`, ...view.open.map(orderLine)] : [html`You have no open orders${on}.`];
  if (view.recent.length > 0) lines.push('', '<b>Recent</b>', ...view.recent.map(orderLine));
  if (view.open.length > 0) lines.push('', 'Cancel with “cancel #id”, “cancel my last order” or “cancel all”.');
  const text = lines.join('\n');
  await ctx.reply(text, { parse_mode: 'HTML' });
  return text;
}

/** "cancel my order" without saying which: the open ones to pick from. */
export async function sendOrderPicker(ctx: BaseContext, open: TrackedOrder[], symbol: string | null): Promise<string> {
  if (open.length === 0) {
    const text = html`You have no open orders${symbol ? ` on ${symbol}` : ''} to cancel.`;
    await ctx.reply(text);
    return text;
  }
  const keyboard = new InlineKeyboard();
  for (const o of open) keyboard.text(`Cancel #${o.id}`, `${PICK_CANCEL_PREFIX}${o.id}`).row();
  if (open.length > 1) keyboard.text('Cancel all of them', `${PICK_CANCEL_PREFIX}all${symbol ? `:${symbol}` : ''}`);
  const text = ['Which order should I cancel?', ...open.map(orderLine)].join('\n');
  await ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
  return text;
}

/** /alerts: the active ones, each a button to its card, and the last few that fired. */
export function alertList(view: AlertListView): { text: string; keyboard?: InlineKeyboard } {
  const text = alertListMessage(view.active, view.fired, new Map(Object.entries(view.prices)), view.now);
  if (view.active.length === 0) return { text };
  const keyboard = new InlineKeyboard();
  for (const a of sortForList(view.active)) keyboard.text(alertButtonLabel(a), `${MENU_OPEN_PREFIX}${a.id}`).row();
  return { text, keyboard };
}

export async function sendAlertList(ctx: BaseContext, view: AlertListView): Promise<string> {
  const { text, keyboard } = alertList(view);
  await ctx.reply(text, { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) });
  return text;
}
