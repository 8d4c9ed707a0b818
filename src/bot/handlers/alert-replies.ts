import { GrammyError, InlineKeyboard, type Bot } from 'grammy';
import type { ParseResult } from '../../nlu/contract.js';
import { ALERT_PRICE, type AlertPriceArgs } from '../conversations/ask-alert-price.js';
import type { BaseContext, ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { alertButtonLabel, alertDoneMessage, alertListMessage, alertRemovedMessage, sortForList } from '../format/alert-messages.js';
import { unknownText } from '../texts.js';
import { REMOVE_PREFIX, say, setAlertAndReply, type Reply } from './set-alert-reply.js';

/** ✖ in the /alerts list: the list is redrawn (✖ under a new alert is REMOVE_PREFIX). */
const LIST_REMOVE_PREFIX = 'al:rl:';

/**
 * "alert me when btc drops below 60k": alerts move no money, so there is no preview to confirm —
 * the alert is set at once and can be removed with one press. Without a price, a question asks
 * for it; without anything ("my alerts", "alert me"), the list of alerts is the answer.
 */
export async function answerSetAlert(ctx: ParleyContext, deps: BotDeps, parsed: ParseResult): Promise<Reply> {
  const { symbol, price, direction } = parsed.command;
  if (!symbol) {
    if (parsed.unresolvedCoin) return say(ctx, unknownText(parsed.unresolvedCoin), 'not_understood');
    if (price) return say(ctx, 'An alert on which coin? For example “alert me when btc drops below 60k”.', 'needs_input');
    return replyAlertList(ctx, deps);
  }
  if (!price) {
    // Refuses an unlisted coin here, before a question about its price.
    await deps.alerts.price(symbol);
    const args: AlertPriceArgs = { symbol, direction: direction ?? null };
    await ctx.conversation.enter(ALERT_PRICE, args);
    return { outcome: 'asked_price', reply: '' };
  }
  return setAlertAndReply(ctx, deps, { symbol, price, direction: direction ?? null });
}

/** /alerts: the active ones with a ✖ each, and the last few that fired. */
export async function replyAlertList(ctx: BaseContext, deps: BotDeps): Promise<Reply> {
  const { text, keyboard } = await alertList(deps, ctx.parley!.user.id);
  await ctx.reply(text, { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) });
  return { outcome: 'answered', reply: text };
}

export function registerAlertButtons(bot: Bot<ParleyContext>, deps: BotDeps): void {
  bot.callbackQuery(new RegExp(`^(${REMOVE_PREFIX}|${LIST_REMOVE_PREFIX})([0-9A-Za-z]{16})$`), async (ctx) => {
    const fromList = ctx.match![1] === LIST_REMOVE_PREFIX;
    const outcome = await deps.alerts.remove(ctx.parley!.user.id, ctx.match![2]!);
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
      const { text, keyboard } = await alertList(deps, ctx.parley!.user.id);
      await edit(ctx, text, keyboard);
    } else {
      await edit(ctx, outcome.outcome === 'removed' ? alertRemovedMessage(outcome.alert) : alertDoneMessage(outcome.alert));
    }
  });
}

async function alertList(deps: BotDeps, userId: number): Promise<{ text: string; keyboard?: InlineKeyboard }> {
  const [active, fired] = await Promise.all([deps.alerts.active(userId), deps.alerts.recentlyFired(userId)]);
  const prices = new Map<string, number>();
  await Promise.all(
    [...new Set(active.map((a) => a.symbol))].map(async (symbol) => {
      // A price that cannot be read now only leaves its "now" out of the list.
      const ticker = await deps.alerts.price(symbol).catch(() => null);
      if (ticker) prices.set(symbol, ticker.last);
    }),
  );
  const text = alertListMessage(active, fired, prices);
  if (active.length === 0) return { text };
  const keyboard = new InlineKeyboard();
  for (const a of sortForList(active)) keyboard.text(alertButtonLabel(a), `${LIST_REMOVE_PREFIX}${a.id}`).row();
  return { text, keyboard };
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
