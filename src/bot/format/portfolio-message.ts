import { formatAmount, formatMoney, formatPct, formatPrice, formatSignedMoney } from '../../shared/number-format.js';
import type { Portfolio } from '../../trading/portfolio.js';
import { html } from './html.js';

export function portfolioMessage(p: Portfolio): string {
  const lines = [`💼 <b>Portfolio</b> · ${p.paper ? '📝 PAPER' : html`⚡ LIVE · ${p.exchange}`}`, ''];
  lines.push(html`Value: ` + `<b>${html`${formatMoney(p.equityUsdt, 'USDT')}`}</b>`);
  const pct = p.totalPnlPct ? html` (${formatPct(p.totalPnlPct)})` : '';
  lines.push(html`P&L: ${formatSignedMoney(p.totalPnlUsdt, 'USDT')}` + pct + html` · realized ${formatSignedMoney(p.realizedPnlUsdt, 'USDT')}`);
  lines.push(html`Cash: ${formatMoney(p.cash.free.plus(p.cash.locked), p.cash.asset)}`);
  if (p.holdings.length === 0) {
    lines.push('', 'No coins yet. Try “buy $100 of eth”.');
    return lines.join('\n');
  }
  lines.push('');
  for (const h of p.holdings) {
    const value = h.valueUsdt ? html` ≈ ${formatMoney(h.valueUsdt, 'USDT')}` : ' (no USDT price)';
    lines.push(`<b>${html`${h.asset}`}</b> ${html`${formatAmount(h.amount)}`}${value}`);
    if (h.price && h.avgEntryUsdt && h.unrealizedPnlUsdt && h.unrealizedPnlPct) {
      lines.push(
        html`   avg ${formatPrice(h.avgEntryUsdt)} → ${formatPrice(h.price)} · ${formatSignedMoney(h.unrealizedPnlUsdt, 'USDT')} (${formatPct(h.unrealizedPnlPct)})`,
      );
    }
  }
  if (p.unpriced.length > 0) lines.push('', html`Not valued (no USDT market): ${p.unpriced.join(', ')}`);
  return lines.join('\n');
}
