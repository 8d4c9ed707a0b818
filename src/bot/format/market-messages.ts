import type { MarketSource, Ticker } from '../../market/types.js';
import { formatAmount, formatPct, formatPrice } from '../../shared/number-format.js';
import type { TrackedOrder } from '../../trading/types.js';
import { html } from './html.js';
import { shownSum } from './money-sum.js';
import { replayNotice } from './price-message.js';

/** "what's the market doing": the biggest moves over 24 hours, up and down. */
export function marketSummaryMessage(movers: readonly Ticker[], source: MarketSource): string {
  if (movers.length === 0) return 'I can’t read the market right now. Try “price of btc” in a moment.';
  const line = (t: Ticker) => {
    const change = t.change24hPct;
    const icon = change === undefined ? '▫️' : change >= 0 ? '🟢' : '🔴';
    return `${icon} <b>${html`${t.symbol.replace(/\/USDT$/, '')}`}</b> ${html`${formatPrice(t.last, t.priceDecimals)}${change === undefined ? '' : ` · ${formatPct(change)}`}`}`;
  };
  const lines = ['📈 <b>The market, last 24 hours</b>', ...movers.map(line)];
  const notice = replayNotice(source);
  if (notice) lines.push('', notice);
  return lines.join('\n');
}

/** One past trade: what filled, at what average, what it cost or brought in. */
export function tradeLine(o: TrackedOrder): string {
  const [base, quote] = o.symbol.split('/') as [string, string];
  const buy = o.side === 'buy';
  const sum = shownSum(o.cost, buy ? '+' : '−', o.fee, quote);
  const when = o.updatedAt.toISOString().slice(0, 16).replace('T', ' ');
  return (
    `<b>#${o.id}</b> ` +
    html`${buy ? 'Bought' : 'Sold'} ${formatAmount(o.filled)} ${base} at ${formatPrice(o.average ?? '0')} · ${buy ? 'cost' : 'proceeds'} ${sum.a} ${buy ? '+' : '−'} fee ${sum.b} · ${when} UTC`
  );
}

export function tradeHistoryMessage(trades: readonly TrackedOrder[], page: number): string {
  if (trades.length === 0) return page === 0 ? 'No trades yet. Your fills will be listed here.' : 'No older trades.';
  return [`<b>Trade history</b>${page > 0 ? html` · page ${page + 1}` : ''}`, ...trades.map(tradeLine)].join('\n');
}
