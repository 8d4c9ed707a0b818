import { GrammyError, InlineKeyboard, type Bot } from 'grammy';
import { AlertRefused } from '../../alerts/alert-rules.js';
import type { PriceAlert } from '../../alerts/types.js';
import { formatPrice } from '../../shared/number-format.js';
import { alertList, LIST_REMOVE_PREFIX, MENU_OPEN_PREFIX } from '../answers/list-replies.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { alertWhat, howOften, whenUtc } from '../format/alert-messages.js';
import { html } from '../format/html.js';

/** /alerts as a menu: each alert opens its own card (move the level, snooze, remove), and back to the list. */
export const MENU_LIST = 'al:ml';
const NUDGE_PREFIX = 'al:e:';
const MENU_SNOOZE_PREFIX = 'al:ms:';
const NUDGES = [-5, -1, 1, 5] as const;
const ID = '([0-9A-Za-z]{16})';

/** One alert's card: what it watches, the price now, how often it tells, and its buttons. */
export function alertCard(alert: PriceAlert, last: number | null, now: number): { text: string; keyboard: InlineKeyboard } {
  const lines = [`🔔 <b>${alertWhat(alert)}</b>`, `${last === null ? '' : html`Now ${formatPrice(last)} · `}${howOften(alert)}`];
  if (alert.snoozedUntil && alert.snoozedUntil.getTime() > now) lines.push(`😴 Snoozed until ${whenUtc(alert.snoozedUntil)}.`);
  const keyboard = new InlineKeyboard();
  if (alert.kind === 'level') {
    for (const pct of NUDGES) keyboard.text(`${pct > 0 ? '+' : '−'}${Math.abs(pct)}%`, `${NUDGE_PREFIX}${alert.id}:${pct}`);
    keyboard.row();
  }
  keyboard.text('😴 1 hour', `${MENU_SNOOZE_PREFIX}h:${alert.id}`).text('😴 Until tomorrow', `${MENU_SNOOZE_PREFIX}t:${alert.id}`).row();
  keyboard.text('✖ Remove', `${LIST_REMOVE_PREFIX}${alert.id}`).text('‹ All alerts', MENU_LIST);
  return { text: lines.join('\n'), keyboard };
}

export function registerAlertMenu(bot: Bot<ParleyContext>, deps: BotDeps): void {
  const showCard = async (ctx: ParleyContext, alert: PriceAlert): Promise<void> => {
    const last = await deps.alerts
      .price(alert.symbol)
      .then((t) => t.last)
      .catch(() => null);
    const { text, keyboard } = alertCard(alert, last, deps.clock.now());
    await edit(ctx, text, keyboard);
  };
  const showList = async (ctx: ParleyContext): Promise<void> => {
    const { text, keyboard } = alertList(await deps.alerts.listView(ctx.parley!.user.id));
    await edit(ctx, text, keyboard);
  };
  /** The alert, if it is the presser's and still active; else a plain answer and the list again. */
  const activeAlert = async (ctx: ParleyContext, id: string): Promise<PriceAlert | null> => {
    const found = await deps.alerts.owned(ctx.parley!.user.id, id);
    if (found.outcome === 'not_owner') {
      await ctx.answerCallbackQuery({ text: 'This isn’t your alert: only the person who set it can change it.', show_alert: true });
      return null;
    }
    if (found.outcome === 'not_found' || found.alert.status !== 'active') {
      await ctx.answerCallbackQuery({ text: found.outcome === 'found' && found.alert.status === 'triggered' ? 'This alert already fired.' : 'This alert is no longer active.' });
      await showList(ctx);
      return null;
    }
    return found.alert;
  };

  bot.callbackQuery(MENU_LIST, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showList(ctx);
  });

  bot.callbackQuery(new RegExp(`^${MENU_OPEN_PREFIX}${ID}$`), async (ctx) => {
    const alert = await activeAlert(ctx, ctx.match![1]!);
    if (!alert) return;
    await ctx.answerCallbackQuery();
    await showCard(ctx, alert);
  });

  bot.callbackQuery(new RegExp(`^${NUDGE_PREFIX}${ID}:(-?\\d{1,2})$`), async (ctx) => {
    const pct = Number(ctx.match![2]);
    if (!(NUDGES as readonly number[]).includes(pct)) return void (await ctx.answerCallbackQuery());
    const alert = await activeAlert(ctx, ctx.match![1]!);
    if (!alert) return;
    let outcome;
    try {
      outcome = await deps.alerts.nudgeLevel(ctx.parley!.user.id, alert.id, pct);
    } catch (error) {
      if (error instanceof AlertRefused) return void (await ctx.answerCallbackQuery({ text: error.userMessage, show_alert: true }));
      throw error;
    }
    if (outcome.outcome !== 'changed') return void (await ctx.answerCallbackQuery({ text: 'This alert is no longer active.' }));
    await ctx.answerCallbackQuery({ text: `Level moved ${pct > 0 ? 'up' : 'down'} ${Math.abs(pct)}%.` });
    await showCard(ctx, outcome.alert);
  });

  bot.callbackQuery(new RegExp(`^${MENU_SNOOZE_PREFIX}([ht]):${ID}$`), async (ctx) => {
    const outcome = await deps.alerts.snooze(ctx.parley!.user.id, ctx.match![2]!, ctx.match![1] === 'h' ? 'hour' : 'tomorrow');
    if (outcome.outcome === 'not_owner') return void (await ctx.answerCallbackQuery({ text: 'This isn’t your alert: only the person who set it can change it.', show_alert: true }));
    if (outcome.outcome === 'limit') return void (await ctx.answerCallbackQuery({ text: `You have ${outcome.active} active alerts, the most I keep.`, show_alert: true }));
    if (outcome.outcome !== 'snoozed') {
      await ctx.answerCallbackQuery({ text: 'This alert is no longer active.' });
      return showList(ctx);
    }
    await ctx.answerCallbackQuery({ text: 'Snoozed.' });
    await showCard(ctx, outcome.alert);
  });
}

async function edit(ctx: ParleyContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageText(text, { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) });
  } catch (error) {
    if (error instanceof GrammyError && error.description.includes('message is not modified')) return;
    throw error;
  }
}
