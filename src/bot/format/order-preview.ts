import { dec } from '../../shared/decimal.js';
import { formatAmount, formatMoney, formatPct, formatPrice } from '../../shared/number-format.js';
import type { CancelPlan, OrderPlan, RiskCheck } from '../../trading/types.js';
import { html } from './html.js';
import { modeLabel, orderLine } from './order-lines.js';

const TYPE_LABEL = { market: 'market', limit: 'limit', stop_loss: 'stop-loss', take_profit: 'take-profit' } as const;

/** One line that names the trade: reused by every later state of the message. */
export function tradeTitle(plan: OrderPlan): string {
  const verb = plan.type === 'stop_loss' ? 'Stop-loss' : plan.type === 'take_profit' ? 'Take-profit' : plan.side === 'buy' ? 'Buy' : 'Sell';
  const at = plan.limitPrice ? html` at ${formatPrice(plan.limitPrice)}` : plan.triggerPrice ? html` at ${formatPrice(plan.triggerPrice)}` : '';
  return html`${verb} ${formatAmount(plan.amount)} ${plan.base}` + at + html` · ${plan.symbol} · ${TYPE_LABEL[plan.type]} · ` + modeLabel(plan.paper, plan.exchange);
}

export function previewMessage(plan: OrderPlan, ttlSeconds: number): string {
  const buy = plan.side === 'buy';
  const icon = plan.type === 'stop_loss' ? '🛑' : plan.type === 'take_profit' ? '🎯' : buy ? '🟢' : '🔴';
  const fee = html`Fee (${formatPct(dec(plan.feeRate).mul(100), 2).replace('+', '')}): ${formatMoney(plan.estFee, plan.quote)}`;
  const after = html`Balance after${plan.type === 'market' ? '' : ' (once filled)'}: ${plan.balancesAfter.map((b) => formatMoney(b.amount, b.asset)).join(' · ')}`;
  const lines = [`${icon} <b>${tradeTitle(plan)}</b>`, ''];
  if (plan.type === 'market') {
    const avg = dec(plan.estAveragePrice);
    const mid = dec(plan.midPrice);
    const slippage = mid.gt(0) ? avg.div(mid).minus(1).mul(100) : dec(0);
    lines.push(
      html`Est. price: ` + `<b>${formatPrice(avg)}</b>` + html` ${plan.quote} (${formatPct(slippage)} vs mid)`,
      html`${buy ? 'Cost' : 'Proceeds'}: ${formatMoney(plan.estCost, plan.quote)}`,
      fee,
      `${buy ? 'Total' : 'You receive'}: <b>${html`${formatMoney(plan.estTotal, plan.quote)}`}</b>`,
    );
  } else if (plan.type === 'limit') {
    lines.push(
      html`Limit: ` + `<b>${formatPrice(plan.limitPrice!)}</b>` + html` ${plan.quote} (now ${formatPrice(plan.midPrice)})`,
      html`${buy ? 'Cost' : 'Proceeds'} at the limit: ${formatMoney(plan.estCost, plan.quote)}`,
      fee,
      `${buy ? 'At most' : 'You receive'}: <b>${html`${formatMoney(plan.estTotal, plan.quote)}`}</b>`,
      ...(plan.locked ? [html`Held while it waits: ${formatMoney(plan.locked.amount, plan.locked.asset)}`] : []),
    );
  } else {
    lines.push(
      html`Sells when the price ${plan.type === 'stop_loss' ? 'falls to' : 'rises to'} ` + `<b>${formatPrice(plan.triggerPrice!)}</b>` + html` ${plan.quote} (now ${formatPrice(plan.midPrice)})`,
      html`Est. proceeds: ${formatMoney(plan.estCost, plan.quote)} − ${formatMoney(plan.estFee, plan.quote)} fee`,
    );
  }
  lines.push(after, checksLine(plan.checks), ...plan.notes.map((n) => html`ℹ️ ${n}`), '');
  lines.push(`<i>${html`${plan.type === 'market' ? 'Prices move: the fill may differ a little. ' : ''}Confirm within ${ttlSeconds} s.`}</i>`);
  return lines.join('\n');
}

/** A plan that failed a check: said plainly, with nothing to confirm. */
export function blockedPreviewMessage(plan: OrderPlan): string {
  return [`⚠️ <b>${tradeTitle(plan)}</b>`, '', ...plan.checks.filter((c) => !c.ok).map((c) => html`✖ ${c.message}`), '', 'Nothing was placed.'].join('\n');
}

export function cancelPreviewMessage(plan: CancelPlan, ttlSeconds: number): string {
  const n = plan.orders.length;
  return [
    `🗑 <b>Cancel ${n} order${n === 1 ? '' : 's'}</b> · ${modeLabel(plan.paper, plan.exchange)}`,
    '',
    ...plan.orders.map((o) => orderLine(o)),
    '',
    `<i>${html`Confirm within ${ttlSeconds} s.`}</i>`,
  ].join('\n');
}

export function blockedCancelMessage(plan: CancelPlan): string {
  return plan.checks
    .filter((c) => !c.ok)
    .map((c) => html`${c.message}`)
    .join('\n');
}

function checksLine(checks: RiskCheck[]): string {
  const names: Record<string, string> = { funds: 'funds', min_size: 'min size', liquidity: 'liquidity', market: 'market open', price: 'price', orders: 'orders' };
  return 'Checks: ' + checks.map((c) => html`${c.ok ? '✓' : '✖'} ${names[c.name] ?? c.name}`).join(' · ');
}
