import { Menu, type MenuFlavor } from '@grammyjs/menu';
import { GrammyError, InlineKeyboard, type Bot, type Filter } from 'grammy';
import { LIMIT_STEPS, LIMIT_TEXT, RISK_TOLERANCES, type RiskTolerance } from '../../risk/limit-settings.js';
import type { RiskLimitName } from '../../risk/limits.js';
import type { RiskSettingsView } from '../../trading/risk-service.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import {
  changeNote, confirmedNote, limitButton, limitMessage, limitValue, loosenNowMessage, MAIN_LIMITS, MORE_LIMITS, moreLimitsMessage, panicQuestion, panicResult, riskMessage,
  TOLERANCE_LABEL,
} from '../format/risk-messages.js';
import { isGroup, replyInPrivate } from '../group-privacy.js';

/** For the command menu (setMyCommands). */
export const RISK_COMMANDS = [
  { command: 'risk', description: 'Your risk limits, and change them' },
  { command: 'panic', description: 'Kill switch: cancel open orders, pause new risk' },
  { command: 'resume', description: 'End a pause' },
  { command: 'performance', description: 'Returns, drawdown and an equity chart' },
];

type MenuContext = Filter<ParleyContext, 'callback_query:data'> & MenuFlavor;

const PANIC_PREFIX = 'rp:go:';
const PANIC_KEEP = 'rp:no';
/** A /panic question older than this is refused when pressed: a stale button must not pause anyone. */
const PANIC_TTL_MINUTES = 10;

/**
 * /risk as a menu (@grammyjs/menu): presets, each limit with − / + buttons within its bounds,
 * and "Loosen now" — the second, explicit confirmation a loosening otherwise waits an hour for.
 * Every button only calls a use case of the RiskService; the menu is for private chats only.
 * Installed before the conversations (like ✅ / ✖): a press stands alone and disturbs none.
 */
export function riskMenu(deps: BotDeps): Menu<ParleyContext> {
  const views = new WeakMap<object, Promise<RiskSettingsView>>();
  const settingsOf = (ctx: ParleyContext): Promise<RiskSettingsView> => {
    const cached = views.get(ctx);
    if (cached) return cached;
    const view = deps.risk.settings(ctx.parley!.user.id);
    views.set(ctx, view);
    return view;
  };
  const changed = (ctx: ParleyContext) => views.delete(ctx);
  const who = (ctx: ParleyContext) => ({ userId: ctx.parley!.user.id, account: ctx.parley!.account });
  const now = () => deps.clock.now();
  const outdated = 'Your limits changed meanwhile: here they are now.';

  const showMain = async (ctx: MenuContext, note?: string) => {
    ctx.menu.nav('rk');
    await edit(ctx, riskMessage(await deps.risk.view(who(ctx)), now(), note));
  };
  const showLimit = async (ctx: MenuContext, name: RiskLimitName, note?: string) => {
    ctx.menu.nav('rk-l');
    await edit(ctx, limitMessage(name, await settingsOf(ctx), now(), note));
  };

  const root = new Menu<ParleyContext>('rk', { onMenuOutdated: outdated });
  root.dynamic(async (ctx, range) => {
    if (!ctx.parley) return range;
    const view = await settingsOf(ctx);
    for (const tolerance of RISK_TOLERANCES) {
      range.text(`${view.tolerance === tolerance ? '• ' : ''}${TOLERANCE_LABEL[tolerance]}`, async (c) => {
        if (isGroup(c)) return;
        const outcome = await deps.risk.preset(c.parley!.user.id, tolerance as RiskTolerance);
        changed(c);
        await showMain(c, html2(`Preset ${TOLERANCE_LABEL[tolerance]}.`) + '\n' + changeNote(outcome, now()));
      });
    }
    range.row();
    MAIN_LIMITS.forEach((name, i) => {
      range.text({ text: limitButton(name, view), payload: name }, (c) => showLimit(c, name));
      if (i % 2 === 1) range.row();
    });
    range.text('More limits…', async (c) => {
      c.menu.nav('rk-more');
      await edit(c, moreLimitsMessage(await settingsOf(c), now()));
    });
    if (view.pending) {
      range.text('⏩ Loosen now', async (c) => {
        c.menu.nav('rk-sure');
        await edit(c, loosenNowMessage(await settingsOf(c), now()));
      });
    }
    return range.row().text('✖ Close', (c) => c.menu.close());
  });

  const more = new Menu<ParleyContext>('rk-more', { onMenuOutdated: outdated });
  more.dynamic(async (ctx, range) => {
    if (!ctx.parley) return range;
    const view = await settingsOf(ctx);
    MORE_LIMITS.forEach((name, i) => {
      range.text({ text: limitButton(name, view), payload: name }, (c) => showLimit(c, name));
      if (i % 2 === 1) range.row();
    });
    return range.row().text('⬅ Back', (c) => showMain(c));
  });

  // One limit: its name travels in the buttons' payload, so each press knows which limit it steps.
  const limit = new Menu<ParleyContext>('rk-l', { onMenuOutdated: outdated });
  limit.dynamic((ctx, range) => {
    const name = limitNameOf(ctx.match);
    if (!name) return range.text('⬅ Back', (c) => showMain(c));
    for (const steps of [-5, -1, 1, 5]) {
      range.text({ text: stepLabel(name, steps), payload: name }, async (c) => {
        if (isGroup(c)) return;
        const outcome = await deps.risk.step(c.parley!.user.id, name, steps);
        changed(c);
        await showLimit(c, name, changeNote(outcome, now()));
      });
    }
    return range.row().text({ text: '⬅ Back', payload: name }, (c) => showMain(c));
  });

  // "Loosen now": the second, explicit yes.
  const sure = new Menu<ParleyContext>('rk-sure', { onMenuOutdated: outdated });
  sure
    .text('✅ Yes, loosen my limits now', async (c) => {
      if (isGroup(c)) return;
      const moves = await deps.risk.confirmLoosening(c.parley!.user.id);
      changed(c);
      await showMain(c, confirmedNote(moves));
    })
    .row()
    .text('⬅ No, let them wait', (c) => showMain(c));

  root.register([more, limit, sure]);
  return root;
}

/** /risk, /panic, /resume: each calls one use case; about a person's money, so private chats only. */
export function registerRiskCommands(bot: Bot<ParleyContext>, deps: BotDeps, menu: Menu<ParleyContext>): void {
  const privately = bot.filter((ctx) => !isGroup(ctx));
  bot.filter(isGroup).command(['risk', 'panic', 'resume'], async (ctx) => void (await replyInPrivate(ctx)));
  const who = (ctx: ParleyContext) => ({ userId: ctx.parley!.user.id, account: ctx.parley!.account });

  privately.command('risk', async (ctx) => {
    await ctx.reply(riskMessage(await deps.risk.view(who(ctx)), deps.clock.now()), { parse_mode: 'HTML', reply_markup: menu });
  });

  privately.command('panic', async (ctx) => {
    const open = await deps.trading.orders(ctx.parley!.user.id, { activeOnly: true, limit: 500 });
    const minute = Math.floor(deps.clock.now() / 60_000);
    const keyboard = new InlineKeyboard().text('🛑 Yes: cancel them all and pause', `${PANIC_PREFIX}${minute}`).row().text('✖ No, keep everything', PANIC_KEEP);
    await ctx.reply(panicQuestion(open.length), { parse_mode: 'HTML', reply_markup: keyboard });
  });

  bot.callbackQuery(new RegExp(`^${PANIC_PREFIX}(\\d{1,12})$`), async (ctx) => {
    if (isGroup(ctx)) return void (await ctx.answerCallbackQuery({ text: 'Only in our private chat.' }));
    const asked = Number(ctx.match[1]);
    if (Math.floor(deps.clock.now() / 60_000) - asked > PANIC_TTL_MINUTES) {
      await ctx.answerCallbackQuery({ text: 'This question is too old: send /panic again.', show_alert: true });
      await ctx.editMessageReplyMarkup().catch(() => {});
      return;
    }
    await ctx.answerCallbackQuery({ text: 'Cancelling your open orders and pausing…' });
    const outcome = await deps.risk.panic(ctx.parley!.user.id);
    await edit(ctx, panicResult(outcome));
    // The cancels' outcomes are shown here: the outbox need not tell them again.
    for (const key of outcome.settledKeys) await deps.notifications.acknowledge(key).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not acknowledge a cancel'));
  });

  bot.callbackQuery(PANIC_KEEP, async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Nothing changed.' });
    await edit(ctx, 'Nothing changed: your orders stay open and new risk is allowed within your limits.');
  });

  privately.command('resume', async (ctx) => {
    const { resumed } = await deps.risk.resume(ctx.parley!.user.id);
    if (!resumed) return void (await ctx.reply('You are not paused: orders are accepted within your limits. /risk shows them.'));
    const view = await deps.risk.view(who(ctx));
    await ctx.reply(
      `▶️ <b>Resumed.</b> Orders that add risk are accepted again, within your limits.\nYour drawdown is now measured from your equity of this moment. /risk shows where you stand.${view.status.newRiskBlocked ? '\n⛔ Note: another limit still blocks new risk right now — /risk says which.' : ''}`,
      { parse_mode: 'HTML' },
    );
  });
}

function limitNameOf(match: unknown): RiskLimitName | null {
  return typeof match === 'string' && match in LIMIT_TEXT ? (match as RiskLimitName) : null;
}

/** "−5%", "+1", "+0.1×" */
function stepLabel(name: RiskLimitName, steps: number): string {
  const size = Number((Math.abs(steps) * LIMIT_STEPS[name]).toFixed(4));
  return `${steps < 0 ? '−' : '+'}${limitValue(name, size).replace(/ (candles|orders|stop-losses)$/, '')}`;
}

const html2 = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function edit(ctx: ParleyContext, text: string): Promise<void> {
  try {
    await ctx.editMessageText(text, { parse_mode: 'HTML' });
  } catch (error) {
    if (error instanceof GrammyError && error.description.includes('message is not modified')) return;
    throw error;
  }
}
