import { dec } from '../../shared/decimal.js';
import { formatAmount, formatMoney, formatPct, formatPrice } from '../../shared/number-format.js';
import type { CancelPlan, OrderPlan, RiskCheck } from '../../trading/types.js';
import { html } from './html.js';
import { shownSum } from './money-sum.js';
import { modeLabel, orderLine } from './order-lines.js';

const TYPE_LABEL = { market: 'market', limit: 'limit', stop_loss: 'stop-loss', take_profit: 'take-profit' } as const;

/** One line that names the trade: reused by every later state of the message. Never "Buy 0 BTC". */
export function tradeTitle(plan: OrderPlan): string {
  const verb = plan.type === 'stop_loss' ? 'Stop-loss' : plan.type === 'take_profit' ? 'Take-profit' : plan.side === 'buy' ? 'Buy' : 'Sell';
  const price = (p: string) => formatPrice(p, plan.priceDecimals);
  const at = plan.limitPrice ? html` at ${price(plan.limitPrice)}` : plan.triggerPrice ? html` at ${price(plan.triggerPrice)}` : '';
  const amount = dec(plan.amount).gt(0) ? formatAmount(plan.amount) : plan.asked ? formatAmount(plan.asked) : '';
  return html`${verb} ${amount ? `${amount} ` : ''}${plan.base}` + at + html` · ${plan.symbol} · ${TYPE_LABEL[plan.type]} · ` + modeLabel(plan.paper, plan.exchange);
}

export function previewMessage(plan: OrderPlan, ttlSeconds: number): string {
  const buy = plan.side === 'buy';
  const price = (p: string) => formatPrice(p, plan.priceDecimals);
  const icon = plan.type === 'stop_loss' ? '🛑' : plan.type === 'take_profit' ? '🎯' : buy ? '🟢' : '🔴';
  const feeRate = formatPct(dec(plan.feeRate).mul(100), 2).replace('+', '');
  const after = html`Balance after${plan.type === 'market' ? '' : ' (once filled)'}: ${plan.balancesAfter.map((b) => formatMoney(b.amount, b.asset)).join(' · ')}`;
  const lines = [`${icon} <b>${tradeTitle(plan)}</b>`, ''];
  if (plan.type === 'market') {
    const avg = dec(plan.estAveragePrice);
    const mid = dec(plan.midPrice);
    const slippage = mid.gt(0) ? avg.div(mid).minus(1).mul(100) : dec(0);
    const sum = shownSum(plan.estCost, buy ? '+' : '−', plan.estFee, plan.quote);
    lines.push(
      html`Est. price: ` + `<b>${price(plan.estAveragePrice)}</b>` + html` ${plan.quote} (${formatPct(slippage)} vs mid)`,
      html`${buy ? 'Cost' : 'Proceeds'}: ${sum.a}`,
      html`Fee (${feeRate}): ${sum.b}`,
      `${buy ? 'Total' : 'You receive'}: <b>${html`${sum.result}`}</b>`,
    );
  } else if (plan.type === 'limit') {
    // At the limit: what the order pays (or gets) at worst; a fill from the book at once can only be better.
    const atLimit = dec(plan.amount).mul(plan.limitPrice!);
    const sum = shownSum(atLimit, buy ? '+' : '−', atLimit.mul(plan.feeRate), plan.quote);
    lines.push(
      html`Limit: ` + `<b>${price(plan.limitPrice!)}</b>` + html` ${plan.quote} (now ${price(plan.midPrice)})`,
      html`${buy ? 'Cost' : 'Proceeds'} at the limit: ${sum.a}`,
      html`Fee (${feeRate}): ${sum.b}`,
      `${buy ? 'At most' : 'You receive at least'}: <b>${html`${sum.result}`}</b>`,
      ...(plan.locked ? [html`Held while it waits: ${formatMoney(plan.locked.amount, plan.locked.asset)}`] : []),
    );
  } else {
    const sum = shownSum(plan.estCost, '−', plan.estFee, plan.quote);
    lines.push(
      html`Sells when the price ${plan.type === 'stop_loss' ? 'falls to' : 'rises to'} ` + `<b>${price(plan.triggerPrice!)}</b>` + html` ${plan.quote} (now ${price(plan.midPrice)})`,
      html`Est. proceeds: ${sum.a} − fee ${sum.b} = ${sum.result}`,
    );
  }
  lines.push(after, ...(plan.atRisk ? [atRiskLine(plan)] : []), checksLine(plan.checks), ...plan.notes.map((n) => html`ℹ️ ${n}`));
  if (plan.confirmTwice?.length) lines.push(...plan.confirmTwice.map((r) => html`⚠️ ${r.message}`), '<b>This one needs a second confirmation.</b>');
  lines.push('');
  lines.push(`<i>${html`${plan.type === 'market' ? 'Prices move: the fill may differ a little. ' : ''}Confirm within ${ttlSeconds} s.`}</i>`);
  return lines.join('\n');
}

/** What an order with a stop loses if the stop fills: the money first, then its share of the portfolio. */
export function atRiskLine(plan: OrderPlan): string {
  const risk = plan.atRisk!;
  const share = risk.pctOfEquity === null ? '' : ` (${formatPct(risk.pctOfEquity, 2).replace('+', '')} of your portfolio)`;
  const what = plan.type === 'stop_loss' ? 'If the stop fills, this loses about' : html`With a stop at ${formatPrice(risk.stop, plan.priceDecimals)} this risks`;
  return `🎯 ${what} <b>${html`${formatMoney(risk.value, 'USDT')}`}</b>${html`${share}, fees included.`}`;
}

/** The first ✅ on a preview the risk rules want confirmed twice: the preview again, the reasons in bold, and what the second button does. */
export function confirmTwiceMessage(plan: OrderPlan, reasons: ReadonlyArray<{ message: string }>, ttlSeconds: number): string {
  const body = previewMessage({ ...plan, confirmTwice: [] }, ttlSeconds).split('\n');
  // The preview without its closing "Confirm within …" line, then the reasons, then what to press.
  const footer = body.pop();
  return [...body, '<b>⚠️ Check this once more:</b>', ...reasons.map((r) => html`• ${r.message}`), '', 'Nothing is placed unless you press the button that names the order.', footer].join('\n');
}

/** A plan that failed a check: the reason that matters (the first that failed), said once, nothing to confirm. */
export function blockedPreviewMessage(plan: OrderPlan): string {
  const reason = plan.checks.find((c) => !c.ok);
  return [`⚠️ <b>${tradeTitle(plan)}</b>`, '', html`✖ ${reason?.message ?? 'This order cannot be placed.'}`, '', 'Nothing was placed.'].join('\n');
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
  const names: Record<string, string> = { funds: 'funds', min_size: 'min size', liquidity: 'liquidity', market: 'market open', price: 'price', orders: 'orders', risk: 'risk limits' };
  return 'Checks: ' + checks.map((c) => html`${c.ok ? '✓' : '✖'} ${names[c.name] ?? c.name}`).join(' · ');
}
