import { InlineKeyboard } from 'grammy';
import { JOBS } from '../../jobs/job-names.js';
import type { CancelPlan, Confirmation, OrderPlan } from '../../trading/types.js';
import type { BaseContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { formatAmount, formatMoney, formatPrice } from '../../shared/number-format.js';
import type { RiskSizingNote } from '../../assistant/answer.js';
import { html } from '../format/html.js';
import { blockedCancelMessage, blockedPreviewMessage, cancelPreviewMessage, previewMessage } from '../format/order-preview.js';

export const CONFIRM_PREFIX = 't:ok:';
export const CANCEL_PREFIX = 't:no:';
/** The second, explicit confirmation the risk rules asked for. */
export const CONFIRM_TWICE_PREFIX = 't:ok2:';
/** The way out of a risk block: the preview of the largest order that passes. */
export const ALTERNATIVE_PREFIX = 't:alt:';
const UNSURE_LINE = '⚠️ <b>I’m not fully sure I understood you.</b> Check every detail below before confirming.';

/** A trade that passed every check, with ✅ / ✖. Returns what was said. */
export async function sendPreview(ctx: BaseContext, deps: BotDeps, answer: { plan: OrderPlan; confirmation: Confirmation; unsure: boolean; sizing?: RiskSizingNote }): Promise<string> {
  const text = (answer.unsure ? `${UNSURE_LINE}\n\n` : '') + (answer.sizing ? sizingLine(answer.sizing, answer.plan.base) : '') + previewMessage(answer.plan, deps.previewTtlSeconds);
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
export async function sendSellAll(ctx: BaseContext, deps: BotDeps, previews: Array<{ kind: 'preview'; plan: OrderPlan; confirmation: Confirmation; unsure: boolean } | { kind: 'preview_blocked'; plan: OrderPlan; alternative?: { plan: OrderPlan; confirmation: Confirmation } }>): Promise<string> {
  if (previews.length === 0) {
    const text = 'You hold no coins to sell.';
    await ctx.reply(text);
    return text;
  }
  const lines = previews.map((p) => html`• ${formatAmount(p.plan.amount)} ${p.plan.base} ≈ ${formatMoney(p.plan.estTotal, p.plan.quote)}`);
  const text = [`<b>${html`Sell everything: ${previews.length} coin${previews.length === 1 ? '' : 's'}`}</b>`, ...lines, '', 'A preview for each follows: confirm the ones you want. Nothing sells until you do.'].join('\n');
  await ctx.reply(text, { parse_mode: 'HTML' });
  for (const p of previews) await (p.kind === 'preview' ? sendPreview(ctx, deps, p) : sendBlocked(ctx, p.plan, p.alternative));
  return text;
}

/** A plan that failed a check; when the risk limits blocked it and a smaller order passes, a button for that one. */
export async function sendBlocked(ctx: BaseContext, plan: OrderPlan, alternative?: { plan: OrderPlan; confirmation: Confirmation }, sizing?: RiskSizingNote): Promise<string> {
  const text = (sizing ? sizingLine(sizing, plan.base) : '') + blockedPreviewMessage(plan);
  const keyboard = alternative ? new InlineKeyboard().text(insteadLabel(alternative.plan), ALTERNATIVE_PREFIX + alternative.confirmation.id) : undefined;
  await ctx.reply(text, { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) });
  return text;
}

/** "Risking 1% with a stop at 58,000: …" above a preview sized from a risk. */
function sizingLine(sizing: RiskSizingNote, base: string): string {
  return `📐 <b>${html`Risking ${sizing.riskPct}% with a stop at ${formatPrice(sizing.stop)}`}</b>\n${html`${sizing.message}`}\n${html`Set the stop once it fills: “stop loss on ${base.toLowerCase()} at ${sizing.stop}”.`}\n\n`;
}

/** "Buy 0.0199 BTC instead" (a plain-text label). */
export function insteadLabel(plan: OrderPlan): string {
  return `${plan.side === 'buy' ? 'Buy' : 'Sell'} ${formatAmount(plan.amount)} ${plan.base} instead`;
}

export function confirmKeyboard(id: string, labels = { confirm: '✅ Confirm', keep: '✖ Cancel' }): InlineKeyboard {
  // callback_data carries only the opaque id (≤ 64 bytes); everything else is in the database.
  return new InlineKeyboard().text(labels.confirm, CONFIRM_PREFIX + id).text(labels.keep, CANCEL_PREFIX + id);
}

/**
 * The message showing a preview is where later news about it goes (expired, settled after a
 * crash); its buttons go when time is up. The expiry job is only a nicety: the sweep every 30 s
 * catches what a lost job (Redis away, a restart) would miss, so its failure fails nothing.
 */
export async function remember(ctx: BaseContext, deps: BotDeps, confirmationId: string, messageId?: number): Promise<void> {
  const chatId = ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id;
  const id = messageId ?? ctx.callbackQuery?.message?.message_id;
  if (chatId === undefined || id === undefined) return;
  await deps.targets.set({ subject: `confirmation:${confirmationId}`, channel: 'telegram', chatId, messageId: id });
  await deps.jobs
    .add(JOBS.expirePreviews, {}, { delayMs: deps.previewTtlSeconds * 1000 + 250, jobId: confirmationId })
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not schedule a preview’s expiry; the sweep will catch it'));
}

export async function sendCancelBlocked(ctx: BaseContext, plan: CancelPlan): Promise<string> {
  const text = blockedCancelMessage(plan);
  await ctx.reply(text, { parse_mode: 'HTML' });
  return text;
}

async function sendForConfirmation(ctx: BaseContext, deps: BotDeps, confirmation: Confirmation, text: string, labels = { confirm: '✅ Confirm', keep: '✖ Cancel' }): Promise<string> {
  const sent = await ctx.reply(text, { parse_mode: 'HTML', reply_markup: confirmKeyboard(confirmation.id, labels) });
  await remember(ctx, deps, confirmation.id, sent.message_id);
  return text;
}
