import { GrammyError, InlineKeyboard, type Bot } from 'grammy';
import { actionsAfterFiring } from '../../alerts/alert-kinds.js';
import { coinName } from '../../alerts/alert-rules.js';
import { isGroup } from '../group-privacy.js';
import type { PriceAlert } from '../../alerts/types.js';
import { alertList, LIST_REMOVE_PREFIX } from '../answers/list-replies.js';
import type { ParleyContext } from '../context.js';
import { COMPLETE_TRADE, type CompleteTradeArgs } from '../conversations/conversation-names.js';
import type { BotDeps } from '../deps.js';
import {
  ALERT_BUY_PREFIX,
  ALERT_SELL_PREFIX,
  alertActionsKeyboard,
  alertDoneMessage,
  alertRemovedMessage,
  alertSnoozedMessage,
  NOTICE_REMOVE_PREFIX,
  REMOVE_PREFIX,
  SNOOZE_BACK_PREFIX,
  SNOOZE_HOUR_PREFIX,
  SNOOZE_PREFIX,
  SNOOZE_TOMORROW_PREFIX,
  snoozeKeyboard,
} from '../format/alert-messages.js';
import { html } from '../format/html.js';
import { registerAlertMenu } from './alert-menu.js';

const ID = '([0-9A-Za-z]{16})';
const NOT_YOURS = 'This isn’t your alert: only the person who set it can use its buttons.';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const either = (...prefixes: string[]) => new RegExp(`^(${prefixes.map(escape).join('|')})${ID}$`);

/** Why a settled alert's button does nothing: said plainly. */
function goneText(alert: PriceAlert): string {
  return alert.status === 'expired' ? 'This alert expired.' : 'This alert was removed.';
}

/**
 * ✖ under a new alert, in the /alerts list or on a fired alert's notice; and the notice's Buy,
 * Sell and Snooze. Every button carries only the alert's id: only its owner can use it.
 */
export function registerAlertButtons(bot: Bot<ParleyContext>, deps: BotDeps): void {
  registerAlertMenu(bot, deps);
  bot.callbackQuery(either(REMOVE_PREFIX, LIST_REMOVE_PREFIX, NOTICE_REMOVE_PREFIX), async (ctx) => {
    const fromList = ctx.match![1] === LIST_REMOVE_PREFIX;
    const fromNotice = ctx.match![1] === NOTICE_REMOVE_PREFIX;
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
        await ctx.answerCallbackQuery({ text: outcome.alert.status === 'triggered' ? 'This alert already fired.' : outcome.alert.status === 'expired' ? 'This alert expired.' : 'Already removed.' });
        break;
    }
    if (fromList) {
      const { text, keyboard } = alertList(await deps.alerts.listView(userId));
      await edit(ctx, text, keyboard);
    } else if (fromNotice) {
      // A fired alert's notice: what it said stays, with how it ended (a removed alert's buttons would only say so).
      const line = outcome.outcome === 'removed' ? '✖ Alert removed: it won’t tell you again.' : alertDoneMessage(outcome.alert);
      await edit(ctx, `${noticeText(ctx)}\n${line}`);
    } else {
      await edit(ctx, outcome.outcome === 'removed' ? alertRemovedMessage(outcome.alert) : alertDoneMessage(outcome.alert));
    }
  });

  // Buy / Sell: the usual order conversation with the coin filled in — it asks the amount, then the normal preview and ✅.
  bot.callbackQuery(either(ALERT_BUY_PREFIX, ALERT_SELL_PREFIX), async (ctx) => {
    const side = ctx.match![1] === ALERT_BUY_PREFIX ? 'buy' : 'sell';
    const found = await deps.alerts.owned(ctx.parley!.user.id, ctx.match![2]!);
    if (found.outcome === 'not_owner') return void (await ctx.answerCallbackQuery({ text: NOT_YOURS, show_alert: true }));
    if (found.outcome === 'not_found') return void (await ctx.answerCallbackQuery({ text: 'This alert no longer exists.' }));
    if (found.alert.status === 'cancelled' || found.alert.status === 'expired') return void (await ctx.answerCallbackQuery({ text: goneText(found.alert) }));
    if (isGroup(ctx)) {
      // Money stays private: the same button is offered in the person's private chat, where it opens the order.
      const keyboard = new InlineKeyboard().text(`${side === 'buy' ? '🟢 Buy' : '🔴 Sell'} ${coinName(found.alert.symbol)}`, `${ctx.match![1]}${found.alert.id}`);
      const sent = await ctx.api
        .sendMessage(ctx.from.id, html`🔒 Your ${side} from the alert in ${groupTitle(ctx)} — here, where only you read along.`, { parse_mode: 'HTML', reply_markup: keyboard })
        .then(() => true)
        .catch(() => false);
      await ctx.answerCallbackQuery({ text: sent ? 'Orders stay private: I sent you the button in our private chat.' : 'Orders stay private: open a private chat with me, then press again.', show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    const args: CompleteTradeArgs = { request: { side, type: 'market', symbol: found.alert.symbol }, unresolvedCoin: null };
    await ctx.conversation.enter(COMPLETE_TRADE, args);
  });

  // Snooze: for how long (the keyboard swaps in place), or back to the notice's buttons.
  bot.callbackQuery(either(SNOOZE_PREFIX, SNOOZE_BACK_PREFIX), async (ctx) => {
    const found = await deps.alerts.owned(ctx.parley!.user.id, ctx.match![2]!);
    if (found.outcome === 'not_owner') return void (await ctx.answerCallbackQuery({ text: NOT_YOURS, show_alert: true }));
    if (found.outcome === 'not_found') return void (await ctx.answerCallbackQuery({ text: 'This alert no longer exists.' }));
    if (found.alert.status === 'cancelled' || found.alert.status === 'expired') {
      await ctx.answerCallbackQuery({ text: goneText(found.alert) });
      return void (await ctx.editMessageReplyMarkup().catch(() => {}));
    }
    await ctx.answerCallbackQuery(ctx.match![1] === SNOOZE_PREFIX ? { text: 'Snooze for how long?' } : undefined);
    const keyboard = ctx.match![1] === SNOOZE_PREFIX ? snoozeKeyboard(found.alert.id) : alertActionsKeyboard(found.alert, actionsAfterFiring(found.alert));
    await ctx.editMessageReplyMarkup(keyboard ? { reply_markup: keyboard } : {}).catch(ignoreNotModified);
  });

  bot.callbackQuery(either(SNOOZE_HOUR_PREFIX, SNOOZE_TOMORROW_PREFIX), async (ctx) => {
    const outcome = await deps.alerts.snooze(ctx.parley!.user.id, ctx.match![2]!, ctx.match![1] === SNOOZE_HOUR_PREFIX ? 'hour' : 'tomorrow');
    if (outcome.outcome === 'not_owner') return void (await ctx.answerCallbackQuery({ text: NOT_YOURS, show_alert: true }));
    if (outcome.outcome === 'not_found') return void (await ctx.answerCallbackQuery({ text: 'This alert no longer exists.' }));
    if (outcome.outcome === 'already') {
      await ctx.answerCallbackQuery({ text: goneText(outcome.alert) });
      return void (await ctx.editMessageReplyMarkup().catch(() => {}));
    }
    // A snoozed alert that fired is active again, so it counts against the cap like a new one.
    if (outcome.outcome === 'limit') return void (await ctx.answerCallbackQuery({ text: `You have ${outcome.active} active alerts, the most I keep. Remove one in /alerts first, then snooze this one.`, show_alert: true }));
    await ctx.answerCallbackQuery({ text: 'Snoozed.' });
    // Still a notice to act on: Buy and Sell stay, and ✖ (the alert is active again).
    await edit(ctx, `${noticeText(ctx)}\n${alertSnoozedMessage(outcome.alert)}`, alertActionsKeyboard(outcome.alert, ['buy', 'sell', 'remove']));
  });
}

const groupTitle = (ctx: ParleyContext): string => (ctx.chat && 'title' in ctx.chat && ctx.chat.title ? ctx.chat.title : 'the group');

/** The notice's own first line, as sent (escaped again: it is re-sent as HTML). */
function noticeText(ctx: ParleyContext): string {
  const text = ctx.callbackQuery?.message && 'text' in ctx.callbackQuery.message ? (ctx.callbackQuery.message.text ?? '') : '';
  return html`${text.split('\n')[0] ?? ''}`;
}

function ignoreNotModified(error: unknown): void {
  if (error instanceof GrammyError && error.description.includes('message is not modified')) return;
  throw error;
}

async function edit(ctx: ParleyContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageText(text, { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) });
  } catch (error) {
    // A second press re-renders the same text: Telegram refuses, and that is fine.
    ignoreNotModified(error);
  }
}
