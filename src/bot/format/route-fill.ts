import { dec } from '../../shared/decimal.js';
import { formatAmount, formatMoney, formatPrice } from '../../shared/number-format.js';
import type { RouteFill } from '../../trading/route-types.js';
import type { OrderPlan } from '../../trading/types.js';
import { html } from './html.js';

/** A routed order once its legs ran: the combined fill first, then each leg (a failed one with its reason). */
export function routeFillMessage(plan: OrderPlan, fill: RouteFill): string {
  const buy = plan.side === 'buy';
  const filled = dec(fill.filled);
  const head = filled.isZero()
    ? html`❌ <b>Nothing was ${buy ? 'bought' : 'sold'}</b>`
    : `${fill.complete ? '✅' : '⚠️'} <b>${html`${buy ? 'Bought' : 'Sold'} ${formatAmount(filled)} of ${formatAmount(fill.amount)} ${plan.base}`}</b>` +
      html` at ${formatPrice(fill.average ?? '0', plan.priceDecimals)} ${plan.quote} on average`;
  const total = buy ? dec(fill.cost).plus(fill.fee) : dec(fill.cost).minus(fill.fee);
  const lines = [head, ...(filled.isZero() ? [] : [html`${buy ? 'Cost' : 'Proceeds'} ${formatMoney(fill.cost, plan.quote)} ${buy ? '+' : '−'} fees ${formatMoney(fill.fee, plan.quote)} = ${formatMoney(total, plan.quote)}`])];
  for (const leg of fill.legs) {
    if (leg.order && leg.outcome === 'executed') {
      lines.push(html`• ${leg.venue}: ${formatAmount(leg.order.filled)} ${plan.base} at ${formatPrice(leg.order.average ?? '0', plan.priceDecimals)} · order #${leg.order.id}`);
    } else {
      lines.push(html`• ${leg.venue}: not filled — ${leg.message ?? leg.outcome}`);
    }
  }
  if (fill.legs.some((l) => l.outcome === 'failed')) lines.push(html`A leg that failed is not sent again: ask again for the rest if you still want it.`);
  return lines.join('\n');
}
