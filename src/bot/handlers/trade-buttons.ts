import { GrammyError, InlineKeyboard } from 'grammy';
import { routeFillMessage } from '../format/route-fill.js';
import type { Bot } from 'grammy';
import { formatAmount, formatPrice } from '../../shared/number-format.js';
import type { ConfirmOutcome } from '../../trading/execute-order.js';
import type { Confirmation, OrderPlan } from '../../trading/types.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { cancelledMessage, expiredMessage, failedMessage, settledMessage, unresolvedMessage } from '../format/order-outcome.js';
import { ALTERNATIVE_PREFIX, CANCEL_PREFIX, CONFIRM_PREFIX, CONFIRM_TWICE_PREFIX, confirmKeyboard, remember } from '../answers/preview-replies.js';
import { blockedPreviewMessage, confirmTwiceMessage, previewMessage } from '../format/order-preview.js';

const ID = '([0-9A-Za-z]{16})';

/** ✅ and ✖ on a preview. The press is answered at once, while the order goes to the exchange. */
export function registerTradeButtons(bot: Bot<ParleyContext>, deps: BotDeps): void {
  const confirm = (confirmedTwice: boolean) => async (ctx: ParleyContext & { match: RegExpMatchArray | string | undefined }) => {
    const id = (ctx.match as RegExpMatchArray)[1]!;
    const userId = ctx.parley!.user.id;
    const claim = await deps.trading.claim(userId, id, { confirmedTwice });
    if (claim.outcome === 'confirm_twice') {
      // Nothing was claimed: the reasons, and a second button that says exactly what it does.
      await ctx.answerCallbackQuery({ text: 'Check this once more: the reasons are in the message.' });
      const { plan } = claim.confirmation;
      const keyboard = new InlineKeyboard().text(anywayLabel(plan), CONFIRM_TWICE_PREFIX + id).row().text('✖ Cancel', CANCEL_PREFIX + id);
      await editTo(ctx, confirmTwiceMessage(plan, claim.reasons, deps.previewTtlSeconds), keyboard);
      return;
    }
    if (claim.outcome !== 'claimed') {
      await ctx.answerCallbackQuery(refusal(claim));
      if (claim.outcome === 'expired') await editTo(ctx, expiredMessage(claim.confirmation));
      if (claim.outcome === 'already') await showSettled(ctx, claim.confirmation);
      return;
    }
    // The answer goes out beside the order, not before it: a round trip to Telegram (tens of
    // milliseconds, more on a bad day) must not stand between the press and the exchange.
    const answered = ctx.answerCallbackQuery({ text: claim.confirmation.kind === 'cancel' ? 'Cancelling…' : 'Placing your order…' }).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not answer the ✅ press'));
    const outcome = await deps.trading.execute(claim.confirmation);
    await answered;
    await editTo(ctx, outcomeMessage(outcome));
    // Shown here, in place: the outbox need not edit the preview again (it does if this process died first).
    if (outcome.outcome === 'executed' || outcome.outcome === 'failed') {
      // A routed order's legs settle one by one: this message shows them all, so none is told again.
      const settled = outcome.route ? outcome.route.legs.filter((l) => l.outcome === 'executed' || l.outcome === 'failed').map((l) => l.confirmationId) : [id];
      for (const leg of settled) {
        await deps.notifications.acknowledge(`confirmation:${leg}:settled`).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not acknowledge a settled preview'));
      }
    }
  };
  bot.callbackQuery(new RegExp(`^${CONFIRM_PREFIX}${ID}$`), confirm(false));
  // The second, explicit confirmation the risk rules asked for (only this one executes such a preview).
  bot.callbackQuery(new RegExp(`^${CONFIRM_TWICE_PREFIX}${ID}$`), confirm(true));

  // "Buy 0.0199 BTC instead" under a preview the risk limits blocked: that order's own preview, in place.
  bot.callbackQuery(new RegExp(`^${ALTERNATIVE_PREFIX}${ID}$`), async (ctx) => {
    const found = await deps.trading.alternative(ctx.parley!.user.id, ctx.match[1]!);
    if (found.outcome !== 'preview') {
      await ctx.answerCallbackQuery({ text: found.outcome === 'not_owner' ? 'This isn’t your trade.' : 'This suggestion is no longer available.', show_alert: found.outcome === 'not_owner' });
      return;
    }
    await ctx.answerCallbackQuery();
    const { plan, confirmation } = found.preview;
    if (!confirmation) {
      await editTo(ctx, blockedPreviewMessage(plan));
      return;
    }
    await editTo(ctx, previewMessage(plan, deps.previewTtlSeconds), confirmKeyboard(confirmation.id));
    await remember(ctx, deps, confirmation.id);
  });

  bot.callbackQuery(new RegExp(`^${CANCEL_PREFIX}${ID}$`), async (ctx) => {
    const id = ctx.match![1]!;
    const outcome = await deps.trading.cancel(ctx.parley!.user.id, id);
    if (outcome.outcome === 'claimed') {
      await ctx.answerCallbackQuery({ text: outcome.confirmation.kind === 'cancel' ? 'Kept. Nothing was cancelled.' : 'Cancelled. Nothing was executed.' });
      await editTo(ctx, cancelledMessage(outcome.confirmation));
      return;
    }
    await ctx.answerCallbackQuery(refusal(outcome));
    if (outcome.outcome === 'expired') await editTo(ctx, expiredMessage(outcome.confirmation));
    if (outcome.outcome === 'already') await showSettled(ctx, outcome.confirmation);
  });
}

function refusal(claim: Exclude<ConfirmOutcome, { outcome: 'executed' | 'failed' | 'unresolved' | 'confirm_twice' }>): { text: string; show_alert?: boolean } {
  switch (claim.outcome) {
    case 'not_found':
      return { text: 'This preview is no longer available. Nothing was executed.' };
    case 'not_owner':
      return { text: 'This isn’t your trade: only the person who asked for it can confirm or cancel it.', show_alert: true };
    case 'expired':
      return { text: 'This preview expired. Nothing was executed — send the order again for a fresh price.' };
    case 'already':
      return { text: alreadyText(claim.confirmation) };
  }
}

function alreadyText(c: Confirmation): string {
  switch (c.status) {
    case 'executed':
      return 'Already done ✅ — it was executed once.';
    case 'executing':
      return 'Already in progress — it will be executed once.';
    case 'cancelled':
      return 'Already cancelled. Nothing was executed.';
    case 'failed':
      return 'This one was not executed (see the message).';
    default:
      return 'This preview is no longer available.';
  }
}

/** A late press on a settled preview re-shows its final state (a lost edit heals itself). */
async function showSettled(ctx: ParleyContext, c: Confirmation): Promise<void> {
  const text = settledMessage(c);
  if (text) await editTo(ctx, text);
}

export function outcomeMessage(outcome: ConfirmOutcome): string {
  // A routed order: the fill of all of its legs together.
  if ('route' in outcome && outcome.route && outcome.confirmation.kind === 'order') return routeFillMessage(outcome.confirmation.plan, outcome.route);
  switch (outcome.outcome) {
    case 'executed':
      return settledMessage(outcome.confirmation) ?? 'Done.';
    case 'failed':
      return failedMessage(outcome.confirmation, outcome.result.message);
    case 'unresolved':
      return unresolvedMessage(outcome.confirmation);
    case 'expired':
      return expiredMessage(outcome.confirmation);
    default:
      return 'This preview is no longer available.';
  }
}

/** "Yes, buy 5 BTC anyway": plain text (a button label), naming what the press does. */
export function anywayLabel(plan: OrderPlan): string {
  const verb = plan.type === 'stop_loss' || plan.type === 'take_profit' ? 'set it' : `${plan.side} ${formatAmount(plan.amount)} ${plan.base}`;
  const at = plan.type === 'limit' && plan.limitPrice ? ` at ${formatPrice(plan.limitPrice, plan.priceDecimals)}` : '';
  return `Yes, ${verb}${at} anyway`;
}

async function editTo(ctx: ParleyContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageText(text, { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) });
  } catch (error) {
    // Pressing twice re-renders the same text: Telegram refuses, and that is fine.
    if (error instanceof GrammyError && error.description.includes('message is not modified')) return;
    throw error;
  }
}
