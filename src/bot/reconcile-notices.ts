import { InlineKeyboard, type Api } from 'grammy';
import type { Logger } from '../shared/logger.js';
import { formatAmount, formatPrice } from '../shared/number-format.js';
import type { Account } from '../trading/types.js';
import type { TradingService } from '../trading/trading-service.js';
import { html } from './format/html.js';

export const FOREIGN_PREFIX = 'fo:';
export const DRIFT_PREFIX = 'bd:';

/**
 * Live accounts against their exchanges (a job): an order Parley did not place, or a balance
 * that changed outside Parley, is reported to the owner once, with Adopt / Ignore.
 */
export async function reconcileAndNotify(
  deps: { trading: TradingService; connected: () => Promise<Array<{ account: Account; telegramId: number }>>; seen: { writeIfChanged(key: string, value: string): Promise<boolean> } },
  api: Api,
  logger: Logger,
): Promise<number> {
  let reported = 0;
  for (const { account, telegramId } of await deps.connected()) {
    try {
      const { foreign, drift } = await deps.trading.reconcile(account);
      for (const { order } of foreign) {
        const what = html`${order.side === 'buy' ? 'Buy' : 'Sell'} ${formatAmount(order.amount)} ${order.symbol}` + (order.price ? html` at ${formatPrice(order.price)}` : '') + html` · ${order.type}`;
        const keyboard = new InlineKeyboard().text('Adopt', `${FOREIGN_PREFIX}a:${account.id}:${order.id}`).text('Ignore', `${FOREIGN_PREFIX}i:${account.id}:${order.id}`);
        await api.sendMessage(telegramId, `🔎 <b>${html`An order on ${account.exchange} that Parley did not place`}</b>\n${what} (id ${html`${order.id}`})\nAdopt it to track its fills in Parley, or ignore it.`, { parse_mode: 'HTML', reply_markup: keyboard });
        reported++;
      }
      for (const d of drift) {
        // Said once per value, even when two passes overlap: a balance that stays different is
        // not repeated every minute.
        if (!(await deps.seen.writeIfChanged(`${account.id}:${d.asset}`, d.onExchange))) continue;
        const keyboard = new InlineKeyboard().text(`Adopt ${formatAmount(d.onExchange)}`, `${DRIFT_PREFIX}a:${account.id}:${d.asset}`).text('Ignore', `${DRIFT_PREFIX}i:${account.id}:${d.asset}`);
        await api.sendMessage(
          telegramId,
          html`🔎 Your ${d.asset} on ${account.exchange} is ${formatAmount(d.onExchange)}, Parley’s books say ${formatAmount(d.inParley)} — a deposit, withdrawal or trade made elsewhere? Adopt to book the difference at today’s price.`,
          { parse_mode: 'HTML', reply_markup: keyboard },
        );
        reported++;
      }
    } catch (error) {
      logger.warn({ accountId: account.id, err: error }, 'reconciliation failed; next pass retries');
    }
  }
  return reported;
}
