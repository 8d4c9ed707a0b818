import { dec } from '../../shared/decimal.js';
import { formatAmount, formatMoney, formatPct, formatPrice } from '../../shared/number-format.js';
import type { Confirmation, ExecutionResult, OrderPlan } from '../../trading/types.js';
import { html } from './html.js';

const modeLabel = (plan: OrderPlan) => (plan.paper ? '📝 PAPER' : `⚡ LIVE · ${plan.exchange}`);
const verb = (plan: OrderPlan) => (plan.side === 'buy' ? 'Buy' : 'Sell');

/** One line that names the trade: reused by every later state of the message. */
export function tradeTitle(plan: OrderPlan): string {
  return html`${verb(plan)} ${formatAmount(plan.amount)} ${plan.base}` + html` · ${plan.symbol} · market · ` + modeLabel(plan);
}

export function previewMessage(plan: OrderPlan, ttlSeconds: number): string {
  const buy = plan.side === 'buy';
  const avg = dec(plan.estAveragePrice);
  const mid = dec(plan.midPrice);
  const slippage = mid.gt(0) ? avg.div(mid).minus(1).mul(100) : dec(0);
  const after = plan.balancesAfter.map((b) => formatMoney(b.amount, b.asset)).join(' · ');
  const lines = [
    `${buy ? '🟢' : '🔴'} <b>${tradeTitle(plan)}</b>`,
    '',
    html`Est. price: ` + `<b>${formatPrice(avg)}</b>` + html` ${plan.quote} (${formatPct(slippage)} vs mid)`,
    html`${buy ? 'Cost' : 'Proceeds'}: ${formatMoney(plan.estCost, plan.quote)}`,
    html`Fee (${formatPct(dec(plan.feeRate).mul(100), 2).replace('+', '')}): ${formatMoney(plan.estFee, plan.quote)}`,
    `${buy ? 'Total' : 'You receive'}: <b>${html`${formatMoney(plan.estTotal, plan.quote)}`}</b>`,
    html`Balance after: ${after}`,
    checksLine(plan),
    ...plan.notes.map((n) => html`ℹ️ ${n}`),
    '',
    `<i>${html`Prices move: the fill may differ a little. Confirm within ${ttlSeconds} s.`}</i>`,
  ];
  return lines.join('\n');
}

/** A plan that failed a check: said plainly, with nothing to confirm. */
export function blockedPreviewMessage(plan: OrderPlan): string {
  const failed = plan.checks.filter((c) => !c.ok);
  return [`⚠️ <b>${tradeTitle(plan)}</b>`, '', ...failed.map((c) => html`✖ ${c.message}`), '', html`Nothing was placed.`].join('\n');
}

function checksLine(plan: OrderPlan): string {
  const names: Record<string, string> = { funds: 'funds', min_size: 'min size', liquidity: 'liquidity', market: 'market open' };
  return 'Checks: ' + plan.checks.map((c) => html`${c.ok ? '✓' : '✖'} ${names[c.name] ?? c.name}`).join(' · ');
}

export function executedMessage(confirmation: Confirmation, result: Extract<ExecutionResult, { ok: true }>): string {
  const { plan } = confirmation;
  const buy = plan.side === 'buy';
  const total = buy ? dec(result.cost).plus(result.fee) : dec(result.cost).minus(result.fee);
  return [
    `✅ <b>${html`${buy ? 'Bought' : 'Sold'} ${formatAmount(result.filled)} ${plan.base}`}</b>` + html` at ${formatPrice(result.average)} ${plan.quote} · ` + modeLabel(plan),
    html`${buy ? 'Cost' : 'Proceeds'} ${formatMoney(result.cost, plan.quote)} ${buy ? '+' : '−'} fee ${formatMoney(result.fee, result.feeCurrency || plan.quote)} = ${formatMoney(total, plan.quote)}`,
    html`Order ${result.orderId} · ${result.status}`,
  ].join('\n');
}

export function failedMessage(confirmation: Confirmation, message: string): string {
  return [`❌ <b>Not executed</b> — ${tradeTitle(confirmation.plan)}`, html`${message}`].join('\n');
}

export function cancelledMessage(confirmation: Confirmation): string {
  return [`✖ <b>Cancelled</b> — ${tradeTitle(confirmation.plan)}`, 'Nothing was executed.'].join('\n');
}

export function expiredMessage(confirmation: Confirmation): string {
  return [`⌛ <b>Expired</b> — ${tradeTitle(confirmation.plan)}`, 'Nothing was executed. Send the order again for a fresh price.'].join('\n');
}

export function unresolvedMessage(confirmation: Confirmation): string {
  return [
    `⏳ <b>Checking with the exchange</b> — ${tradeTitle(confirmation.plan)}`,
    'The exchange’s answer was lost on the way. I am looking the order up (it will not be sent twice) and will update this message.',
  ].join('\n');
}
