import { formatAmount, formatPrice as formatShownPrice } from '../../shared/number-format.js';
import type { OrderSnapshot } from '../../trading/types.js';
import { html } from './html.js';

export function modeLabel(paper: boolean, exchange: string): string {
  // A paper venue (routing, a default venue) is named: its fee and book are its own.
  if (paper) return exchange && exchange !== 'paper' ? html`📝 PAPER · ${exchange}` : '📝 PAPER';
  if (exchange.endsWith(' testnet')) return html`🧪 TESTNET · ${exchange.replace(/ testnet$/, '')}`;
  return html`⚡ LIVE · ${exchange}`;
}

const STATUS_LABEL: Record<string, string> = {
  pending: 'pending',
  submitting: 'being placed',
  open: 'open',
  partially_filled: 'partly filled',
  filled: 'filled',
  cancelled: 'cancelled',
  rejected: 'rejected',
  expired: 'expired',
};

/** "#12 · Buy 0.1 BTC at 55,000.00 · limit · partly filled 0.02" */
export function orderLine(o: OrderSnapshot): string {
  const base = o.symbol.split('/')[0]!;
  const formatPrice = (p: string) => formatShownPrice(p, o.priceDecimals ?? undefined);
  // Parley watches its own triggers; one the exchange holds is simply open there.
  const watched = (o.type === 'stop_loss' || o.type === 'take_profit') && o.status === 'open' && !o.triggerNative;
  const what =
    o.type === 'stop_loss'
      ? html`Stop-loss ${formatAmount(o.amount)} ${base} at ${formatPrice(o.triggerPrice ?? '0')}`
      : o.type === 'take_profit'
        ? html`Take-profit ${formatAmount(o.amount)} ${base} at ${formatPrice(o.triggerPrice ?? '0')}`
        : html`${o.side === 'buy' ? 'Buy' : 'Sell'} ${formatAmount(o.amount)} ${base}` + (o.price ? html` at ${formatPrice(o.price)}` : '') + html` · ${o.type}`;
  const status = watched ? 'watching' : (STATUS_LABEL[o.status] ?? o.status);
  const filled = o.status === 'partially_filled' ? html` ${formatAmount(o.filled)}` : '';
  return `<b>#${o.id}</b> · ${what} · ${status}${filled}`;
}
