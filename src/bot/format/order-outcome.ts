import { dec } from '../../shared/decimal.js';
import { formatAmount, formatMoney, formatPrice } from '../../shared/number-format.js';
import type { CancelConfirmation, Confirmation, OrderConfirmation, OrderSnapshot } from '../../trading/types.js';
import { html } from './html.js';
import { shownSum } from './money-sum.js';
import { modeLabel, orderLine } from './order-lines.js';
import { tradeTitle } from './order-preview.js';

/** A confirmation's final state, as its preview message is edited to show it. */

export function titleOf(confirmation: Confirmation): string {
  if (confirmation.kind === 'order') return tradeTitle(confirmation.plan);
  const n = confirmation.plan.orders.length;
  return html`Cancel ${n} order${n === 1 ? '' : 's'}` + ' · ' + modeLabel(confirmation.plan.paper, confirmation.plan.exchange);
}

export function executedOrderMessage(confirmation: OrderConfirmation, order: OrderSnapshot): string {
  const { plan } = confirmation;
  const mode = modeLabel(plan.paper, plan.exchange);
  const filled = dec(order.filled);
  const price = (p: string) => formatPrice(p, plan.priceDecimals);
  if ((order.type === 'stop_loss' || order.type === 'take_profit') && order.status === 'open') {
    const what = order.type === 'stop_loss' ? 'Stop-loss' : 'Take-profit';
    const how = order.triggerNative ? html`held by ${plan.exchange}` : 'Parley watches the price';
    return [
      html`✅ <b>${what} #${order.id} set</b>` + ' · ' + mode,
      html`Sells ${formatAmount(order.amount)} ${plan.base} at market when ${plan.symbol} ${order.type === 'stop_loss' ? 'falls to' : 'rises to'} ${price(order.triggerPrice ?? '0')} (${how}).`,
      'Cancel it any time: “cancel #' + order.id + '”.',
    ].join('\n');
  }
  if (filled.isZero() && (order.status === 'open' || order.status === 'partially_filled')) {
    return [
      html`✅ <b>Limit ${order.side} #${order.id} placed</b>` + ' · ' + mode,
      html`${formatAmount(order.amount)} ${plan.base} at ${price(order.price ?? '0')} ${plan.quote}: it waits until the price gets there. I’ll tell you when it fills.`,
    ].join('\n');
  }
  const buy = order.side === 'buy';
  const cost = dec(order.cost);
  const fee = dec(order.fee);
  const feeAsset = order.feeCurrency || plan.quote;
  const sum = shownSum(cost, buy ? '+' : '−', fee, plan.quote);
  const lines = [
    `✅ <b>${html`${buy ? 'Bought' : 'Sold'} ${formatAmount(filled)} ${plan.base}`}</b>` + html` at ${price(order.average ?? '0')} ${plan.quote} · ` + mode,
    feeAsset === plan.quote
      ? html`${buy ? 'Cost' : 'Proceeds'} ${sum.a} ${buy ? '+' : '−'} fee ${sum.b} = ${sum.result}`
      : html`${buy ? 'Cost' : 'Proceeds'} ${formatMoney(cost, plan.quote)} · fee ${formatAmount(fee)} ${feeAsset}`,
  ];
  const rest = dec(order.amount).minus(filled);
  if (order.status === 'partially_filled' || order.status === 'open') lines.push(html`The other ${formatAmount(rest)} ${plan.base} waits at ${price(order.price ?? '0')}.`);
  if ((order.status === 'expired' || order.status === 'cancelled') && rest.gt(0)) lines.push(html`The other ${formatAmount(rest)} ${plan.base} was not filled.`);
  lines.push(html`Order #${order.id} · ${order.status.replace('_', ' ')}`);
  return lines.join('\n');
}

export function cancelResultMessage(confirmation: CancelConfirmation, cancelled: OrderSnapshot[], failed: Array<{ id: number; message: string }>): string {
  const lines = [`🗑 <b>${html`Cancelled ${cancelled.length} of ${confirmation.plan.orders.length}`}</b> · ${modeLabel(confirmation.plan.paper, confirmation.plan.exchange)}`];
  lines.push(...cancelled.map((o) => orderLine(o)));
  lines.push(...failed.map((f) => html`✖ #${f.id}: ${f.message}`));
  return lines.join('\n');
}

export function failedMessage(confirmation: Confirmation, message: string): string {
  return [`❌ <b>Not executed</b> — ${titleOf(confirmation)}`, html`${message}`].join('\n');
}

export function cancelledMessage(confirmation: Confirmation): string {
  if (confirmation.kind === 'cancel') {
    const n = confirmation.plan.orders.length;
    return [`✖ <b>Kept</b> — ${titleOf(confirmation)}`, n === 1 ? 'Nothing was cancelled: the order stays open.' : 'Nothing was cancelled: the orders stay open.'].join('\n');
  }
  return [`✖ <b>Cancelled</b> — ${titleOf(confirmation)}`, 'Nothing was executed.'].join('\n');
}

export function expiredMessage(confirmation: Confirmation): string {
  return [`⌛ <b>Expired</b> — ${titleOf(confirmation)}`, 'Nothing was executed. Send it again for a fresh price.'].join('\n');
}

export function unresolvedMessage(confirmation: Confirmation): string {
  return [
    `⏳ <b>Checking with the exchange</b> — ${titleOf(confirmation)}`,
    'The exchange’s answer was lost on the way. I am looking the order up (it will not be sent twice) and will update this message.',
  ].join('\n');
}

/** The settled state of any confirmation, from what is stored with it. */
export function settledMessage(confirmation: Confirmation): string | null {
  const r = confirmation.result;
  if (confirmation.status === 'cancelled') return cancelledMessage(confirmation);
  if (confirmation.status === 'expired') return expiredMessage(confirmation);
  if (!r) return null;
  if (!r.ok) return failedMessage(confirmation, r.message);
  if (r.kind === 'order' && confirmation.kind === 'order') return executedOrderMessage(confirmation, r.order);
  if (r.kind === 'cancel' && confirmation.kind === 'cancel') return cancelResultMessage(confirmation, r.cancelled, r.failed);
  return null;
}
