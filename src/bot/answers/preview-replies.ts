import { InlineKeyboard } from 'grammy';
import { JOBS } from '../../jobs/job-names.js';
import type { CancelPlan, Confirmation, OrderPlan } from '../../trading/types.js';
import type { BaseContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { formatAmount, formatMoney } from '../../shared/number-format.js';
import { html } from '../format/html.js';
import { blockedCancelMessage, blockedPreviewMessage, cancelPreviewMessage, previewMessage } from '../format/order-preview.js';

export const CONFIRM_PREFIX = 't:ok:';
export const CANCEL_PREFIX = 't:no:';
const UNSURE_LINE = '⚠️ <b>I’m not fully sure I understood you.</b> Check every detail below before confirming.';

/** A trade that passed every check, with ✅ / ✖. Returns what was said. */
export async function sendPreview(ctx: BaseContext, deps: BotDeps, answer: { plan: OrderPlan; confirmation: Confirmation; unsure: boolean }): Promise<string> {
  const text = (answer.unsure ? `${UNSURE_LINE}\n\n` : '') + previewMessage(answer.plan, deps.previewTtlSeconds);
  return sendForConfirmation(ctx, deps, answer.confirmation, text);
}

export async function sendCancelPreview(ctx: BaseContext, deps: BotDeps, answer: { plan: CancelPlan; confirmation: Confirmation }): Promise<string> {
  // "✖ Cancel" under a cancellation would cancel the cancelling: these buttons say what they do.
  const one = answer.plan.orders.length === 1;
  return sendForConfirmation(ctx, deps, answer.confirmation, cancelPreviewMessage(answer.plan, deps.previewTtlSeconds), {
    confirm: one ? '✅ Cancel it' : `✅ Cancel all ${answer.plan.orders.length}`,
    keep: one ? '✖ Keep it' : '✖ Keep them',
  });
}

/** "sell everything": one line per coin, then each coin's own preview (each confirmed on its own). */
export async function sendSellAll(ctx: BaseContext, deps: BotDeps, previews: Array<{ kind: 'preview'; plan: OrderPlan; confirmation: Confirmation; unsure: boolean } | { kind: 'preview_blocked'; plan: OrderPlan }>): Promise<string> {
  if (previews.length === 0) {
    const text = 'You hold no coins to sell.';
    await ctx.reply(text);
    return text;
  }
  const lines = previews.map((p) => html`• ${formatAmount(p.plan.amount)} ${p.plan.base} ≈ ${formatMoney(p.plan.estTotal, p.plan.quote)}`);
  const text = [`<b>${html`Sell everything: ${previews.length} coin${previews.length === 1 ? '' : 's'}`}</b>`, ...lines, '', 'A preview for each follows: confirm the ones you want. Nothing sells until you do.'].join('\n');
  await ctx.reply(text, { parse_mode: 'HTML' });
  for (const p of previews) await (p.kind === 'preview' ? sendPreview(ctx, deps, p) : sendBlocked(ctx, p.plan));
  return text;
}

export async function sendBlocked(ctx: BaseContext, plan: OrderPlan): Promise<string> {
  const text = blockedPreviewMessage(plan);
  await ctx.reply(text, { parse_mode: 'HTML' });
  return text;
}

export async function sendCancelBlocked(ctx: BaseContext, plan: CancelPlan): Promise<string> {
  const text = blockedCancelMessage(plan);
  await ctx.reply(text, { parse_mode: 'HTML' });
  return text;
}

async function sendForConfirmation(ctx: BaseContext, deps: BotDeps, confirmation: Confirmation, text: string, labels = { confirm: '✅ Confirm', keep: '✖ Cancel' }): Promise<string> {
  // callback_data carries only the opaque id (≤ 64 bytes); everything else is in the database.
  const keyboard = new InlineKeyboard().text(labels.confirm, CONFIRM_PREFIX + confirmation.id).text(labels.keep, CANCEL_PREFIX + confirmation.id);
  const sent = await ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
  // The message is where later news about this preview goes (expired, settled after a crash).
  await deps.targets.set({ subject: `confirmation:${confirmation.id}`, channel: 'telegram', chatId: sent.chat.id, messageId: sent.message_id });
  // Take the buttons away when time is up. Only a nicety: the sweep every 30 s catches what a lost
  // job (Redis away, a restart) would miss, so a failure here must not fail the preview.
  await deps.jobs
    .add(JOBS.expirePreviews, {}, { delayMs: deps.previewTtlSeconds * 1000 + 250, jobId: confirmation.id })
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not schedule a preview’s expiry; the sweep will catch it'));
  return text;
}
