import type { Bot } from 'grammy';
import { AppError } from '../../shared/errors.js';
import { formatAmount } from '../../shared/number-format.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { html } from '../format/html.js';
import { orderLine } from '../format/order-lines.js';
import { DRIFT_PREFIX, FOREIGN_PREFIX } from '../format/reconcile-messages.js';

/** Adopt / Ignore on a reconciliation report: the use case checks the account is the presser's. */
export function registerReconcileButtons(bot: Bot<ParleyContext>, deps: BotDeps): void {
  const refuseIfNotYours = async (ctx: ParleyContext, error: unknown): Promise<void> => {
    if (error instanceof AppError && error.code === 'account.not_found') return void (await ctx.answerCallbackQuery({ text: 'This is not your account.', show_alert: true }));
    throw error;
  };

  bot.callbackQuery(new RegExp(`^${FOREIGN_PREFIX}([ai]):(\\d{1,10}):([\\w.-]{1,40})$`), async (ctx) => {
    const [, choice, accountId, exchangeOrderId] = ctx.match!;
    let result;
    try {
      result = await deps.trading.decideForeignOrder(ctx.parley!.user.id, Number(accountId), exchangeOrderId!, choice === 'a' ? 'adopted' : 'ignored');
    } catch (error) {
      return refuseIfNotYours(ctx, error);
    }
    await ctx.answerCallbackQuery();
    const text =
      result === 'already'
        ? 'Already decided.'
        : result === 'ignored'
          ? html`Ignored: Parley will leave order ${exchangeOrderId!} alone.`
          : `Adopted — Parley tracks it now:\n${orderLine(result)}`;
    await ctx.editMessageText(text, { parse_mode: 'HTML' }).catch(() => {});
  });

  bot.callbackQuery(new RegExp(`^${DRIFT_PREFIX}([ai]):(\\d{1,10}):([A-Z0-9]{1,20})$`), async (ctx) => {
    const [, choice, accountId, asset] = ctx.match!;
    const userId = ctx.parley!.user.id;
    if (choice === 'i') {
      if (!(await deps.accounts.owned(userId, Number(accountId)))) return void (await ctx.answerCallbackQuery({ text: 'This is not your account.', show_alert: true }));
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(html`Ignored: Parley’s ${asset!} books stay as they are.`).catch(() => {});
      return;
    }
    let adopted;
    try {
      adopted = await deps.trading.adoptBalance(userId, Number(accountId), asset!);
    } catch (error) {
      return refuseIfNotYours(ctx, error);
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(html`Adopted: Parley now tracks ${formatAmount(adopted.total)} ${asset!} on ${adopted.account.exchange}.`).catch(() => {});
  });
}
