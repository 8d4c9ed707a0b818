import type { Bot } from 'grammy';
import { formatAmount } from '../../shared/number-format.js';
import type { Account } from '../../trading/types.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { html } from '../format/html.js';
import { orderLine } from '../format/order-lines.js';
import { DRIFT_PREFIX, FOREIGN_PREFIX } from '../reconcile-notices.js';

/** Adopt / Ignore on a reconciliation report: only the account's owner may answer. */
export function registerReconcileButtons(bot: Bot<ParleyContext>, deps: BotDeps): void {
  const ownAccount = async (ctx: ParleyContext, accountId: number): Promise<Account | null> => {
    const summary = await deps.liveAccounts.book.get(ctx.parley!.user.id, accountId);
    return summary ? { id: summary.id, userId: ctx.parley!.user.id, exchange: summary.exchange, mode: summary.mode } : null;
  };

  bot.callbackQuery(new RegExp(`^${FOREIGN_PREFIX}([ai]):(\\d{1,10}):([\\w.-]{1,40})$`), async (ctx) => {
    const [, choice, accountId, exchangeOrderId] = ctx.match!;
    const account = await ownAccount(ctx, Number(accountId));
    if (!account) return void (await ctx.answerCallbackQuery({ text: 'This is not your account.', show_alert: true }));
    await ctx.answerCallbackQuery();
    const result = await deps.trading.decideForeignOrder(account, exchangeOrderId!, choice === 'a' ? 'adopted' : 'ignored', ctx.chat?.id ?? null);
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
    const account = await ownAccount(ctx, Number(accountId));
    if (!account) return void (await ctx.answerCallbackQuery({ text: 'This is not your account.', show_alert: true }));
    await ctx.answerCallbackQuery();
    if (choice === 'i') {
      await ctx.editMessageText(html`Ignored: Parley’s ${asset!} books stay as they are.`).catch(() => {});
      return;
    }
    const total = await deps.trading.adoptBalance(account, asset!);
    await ctx.editMessageText(html`Adopted: Parley now tracks ${formatAmount(total)} ${asset!} on ${account.exchange}.`).catch(() => {});
  });
}
