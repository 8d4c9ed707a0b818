import { formatAmount, formatMoney, formatPct, formatPrice, formatSignedMoney } from '../../shared/number-format.js';
import type { Portfolio } from '../../trading/portfolio.js';
import { html } from './html.js';
import { modeLabel } from './order-lines.js';

export function portfolioMessage(p: Portfolio): string {
  const lines = [`💼 <b>Portfolio</b> · ${modeLabel(p.paper, p.exchange)}`, ''];
  lines.push(html`Value: ` + `<b>${html`${formatMoney(p.equityUsdt, 'USDT')}`}</b>`);
  const pct = p.totalPnlPct ? html` (${formatPct(p.totalPnlPct)})` : '';
  lines.push(html`P&amp;L: ${formatSignedMoney(p.totalPnlUsdt, 'USDT')}` + pct + html` · realized ${formatSignedMoney(p.realizedPnlUsdt, 'USDT')}`);
  // What open orders hold is still the user's, but not free to spend: said, not hidden in the total.
  const cashHeld = p.cash.locked.gt(0) ? html` (${formatMoney(p.cash.locked, p.cash.asset)} held by open orders)` : '';
  lines.push(html`Cash: ${formatMoney(p.cash.free.plus(p.cash.locked), p.cash.asset)}` + cashHeld);
  if (p.holdings.length === 0) {
    lines.push('', 'No coins yet. Try “buy $100 of eth”.');
    return lines.join('\n');
  }
  lines.push('');
  for (const h of p.holdings) {
    const value = h.valueUsdt ? html` ≈ ${formatMoney(h.valueUsdt, 'USDT')}` : ' (no USDT price)';
    const held = h.locked.gt(0) ? html` (${formatAmount(h.locked)} held by open orders)` : '';
    lines.push(`<b>${html`${h.asset}`}</b> ${html`${formatAmount(h.amount)}`}${value}${held}`);
    if (h.price && h.avgEntryUsdt && h.unrealizedPnlUsdt && h.unrealizedPnlPct) {
      lines.push(
        html`   avg ${formatPrice(h.avgEntryUsdt)} → ${formatPrice(h.price)} · ${formatSignedMoney(h.unrealizedPnlUsdt, 'USDT')} (${formatPct(h.unrealizedPnlPct)})`,
      );
    }
  }
  if (p.unpriced.length > 0) lines.push('', html`Not valued (no USDT market): ${p.unpriced.join(', ')}`);
  return lines.join('\n');
}
