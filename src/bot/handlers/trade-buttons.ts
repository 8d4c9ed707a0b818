import { GrammyError } from 'grammy';
import type { Bot } from 'grammy';
import type { ConfirmOutcome } from '../../trading/execute-order.js';
import type { Confirmation } from '../../trading/types.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { cancelledMessage, expiredMessage, failedMessage, settledMessage, unresolvedMessage } from '../format/order-outcome.js';
import { CANCEL_PREFIX, CONFIRM_PREFIX } from '../answers/preview-replies.js';

const ID = '([0-9A-Za-z]{16})';

/** ✅ and ✖ on a preview. The press is answered at once, while the order goes to the exchange. */
export function registerTradeButtons(bot: Bot<ParleyContext>, deps: BotDeps): void {
  bot.callbackQuery(new RegExp(`^${CONFIRM_PREFIX}${ID}$`), async (ctx) => {
    const id = ctx.match![1]!;
    const userId = ctx.parley!.user.id;
    const claim = await deps.trading.claim(userId, id);
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
      await deps.notifications.acknowledge(`confirmation:${id}:settled`).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not acknowledge a settled preview'));
    }
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

function refusal(claim: Exclude<ConfirmOutcome, { outcome: 'executed' | 'failed' | 'unresolved' }>): { text: string; show_alert?: boolean } {
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

async function editTo(ctx: ParleyContext, text: string): Promise<void> {
  try {
    await ctx.editMessageText(text, { parse_mode: 'HTML' });
  } catch (error) {
    // Pressing twice re-renders the same text: Telegram refuses, and that is fine.
    if (error instanceof GrammyError && error.description.includes('message is not modified')) return;
    throw error;
  }
}
