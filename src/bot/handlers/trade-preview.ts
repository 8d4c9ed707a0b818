import { InlineKeyboard } from 'grammy';
import type { CancelRequest, Confirmation, TradeRequest } from '../../trading/types.js';
import type { BaseContext } from '../context.js';
import { EXPIRE_PREVIEWS_JOB, type BotDeps } from '../deps.js';
import { blockedCancelMessage, blockedPreviewMessage, cancelPreviewMessage, previewMessage } from '../format/order-preview.js';

export const CONFIRM_PREFIX = 't:ok:';
const UNSURE_LINE = '⚠️ <b>I’m not fully sure I understood you.</b> Check every detail below before confirming.';
export const CANCEL_PREFIX = 't:no:';

/** Shows what a trade would do, with ✅/✖ when it may be confirmed. Returns what was said. */
export async function replyWithPreview(
  ctx: BaseContext,
  deps: BotDeps,
  request: TradeRequest,
  options: { unsure?: boolean } = {},
): Promise<{ outcome: string; reply: string }> {
  const session = ctx.parley!;
  const { plan, confirmation } = await deps.trading.preview({ userId: session.user.id, account: session.account, chatId: ctx.chat?.id ?? null }, request);
  if (!confirmation) {
    const text = blockedPreviewMessage(plan);
    await ctx.reply(text, { parse_mode: 'HTML' });
    return { outcome: 'preview_blocked', reply: text };
  }
  const text = (options.unsure ? `${UNSURE_LINE}\n\n` : '') + previewMessage(plan, deps.previewTtlSeconds);
  return sendForConfirmation(ctx, deps, confirmation, text);
}

/** "cancel #12", "cancel all": the orders it would cancel, confirmed like a trade. */
export async function replyWithCancelPreview(ctx: BaseContext, deps: BotDeps, request: CancelRequest): Promise<{ outcome: string; reply: string }> {
  const session = ctx.parley!;
  const { plan, confirmation } = await deps.trading.previewCancel({ userId: session.user.id, account: session.account, chatId: ctx.chat?.id ?? null }, request);
  if (!confirmation) {
    const text = blockedCancelMessage(plan);
    await ctx.reply(text, { parse_mode: 'HTML' });
    return { outcome: 'preview_blocked', reply: text };
  }
  return sendForConfirmation(ctx, deps, confirmation, cancelPreviewMessage(plan, deps.previewTtlSeconds));
}

async function sendForConfirmation(ctx: BaseContext, deps: BotDeps, confirmation: Confirmation, text: string): Promise<{ outcome: string; reply: string }> {
  // callback_data carries only the opaque id (≤ 64 bytes); everything else is in the database.
  const keyboard = new InlineKeyboard().text('✅ Confirm', CONFIRM_PREFIX + confirmation.id).text('✖ Cancel', CANCEL_PREFIX + confirmation.id);
  const sent = await ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
  await deps.trading.attachPreviewMessage(confirmation.id, sent.message_id);
  // Take the buttons away when time is up (a sweep catches any job lost with a restart).
  await deps.jobs.add(EXPIRE_PREVIEWS_JOB, {}, { delayMs: deps.previewTtlSeconds * 1000 + 250, jobId: confirmation.id });
  return { outcome: 'previewed', reply: text };
}
