import type { Bot } from 'grammy';
import { PICK_CANCEL_PREFIX } from '../answers/list-replies.js';
import { renderPlainAnswer } from '../answers/render-answer.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';

/** A pick in the "which order?" list: the cancel itself is previewed and confirmed like any trade. */
export function registerOrderPicker(bot: Bot<ParleyContext>, deps: BotDeps): void {
  bot.callbackQuery(new RegExp(`^${PICK_CANCEL_PREFIX}(\\d{1,15}|all(?::[A-Z0-9]+\\/[A-Z0-9]+)?)$`), async (ctx) => {
    await ctx.answerCallbackQuery();
    const pick = ctx.match![1]!;
    const request = pick.startsWith('all') ? { target: 'all' as const, ...(pick.includes(':') ? { symbol: pick.split(':')[1]! } : {}) } : { target: 'one' as const, orderRef: pick };
    await ctx.editMessageReplyMarkup().catch(() => {});
    const { plan, confirmation } = await deps.trading.previewCancel({ userId: ctx.parley!.user.id, account: ctx.parley!.account }, request);
    await renderPlainAnswer(ctx, deps, confirmation ? { kind: 'cancel_preview', plan, confirmation } : { kind: 'cancel_blocked', plan });
  });
}
