import { InlineKeyboard } from 'grammy';
import { formatAmount, formatPrice } from '../../shared/number-format.js';
import type { BalanceDriftEvent, ForeignOrderEvent } from '../../trading/events.js';
import { html } from './html.js';

export const FOREIGN_PREFIX = 'fo:';
export const DRIFT_PREFIX = 'bd:';

/** An order on a live exchange that Parley did not place, with Adopt / Ignore. */
export function foreignOrderMessage(event: ForeignOrderEvent): { text: string; keyboard: InlineKeyboard } {
  const { account, order } = event;
  const what = html`${order.side === 'buy' ? 'Buy' : 'Sell'} ${formatAmount(order.amount)} ${order.symbol}` + (order.price ? html` at ${formatPrice(order.price)}` : '') + html` · ${order.type}`;
  const keyboard = new InlineKeyboard().text('Adopt', `${FOREIGN_PREFIX}a:${account.id}:${order.id}`).text('Ignore', `${FOREIGN_PREFIX}i:${account.id}:${order.id}`);
  return { text: `🔎 <b>${html`An order on ${account.exchange} that Parley did not place`}</b>\n${what} (id ${html`${order.id}`})\nAdopt it to track its fills in Parley, or ignore it.`, keyboard };
}

/** A balance that changed outside Parley, with Adopt / Ignore. */
export function balanceDriftMessage(event: BalanceDriftEvent): { text: string; keyboard: InlineKeyboard } {
  const { account, asset } = event;
  const keyboard = new InlineKeyboard().text(`Adopt ${formatAmount(event.onExchange)}`, `${DRIFT_PREFIX}a:${account.id}:${asset}`).text('Ignore', `${DRIFT_PREFIX}i:${account.id}:${asset}`);
  return {
    text: html`🔎 Your ${asset} on ${account.exchange} is ${formatAmount(event.onExchange)}, Parley’s books say ${formatAmount(event.inParley)} — a deposit, withdrawal or trade made elsewhere? Adopt to book the difference at today’s price.`,
    keyboard,
  };
}
