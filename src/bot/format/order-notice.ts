import { dec } from '../../shared/decimal.js';
import { formatAmount, formatPrice } from '../../shared/number-format.js';
import type { OrderChange } from '../../trading/sync-orders.js';
import { html } from './html.js';

/** What the owner of an order is told when it moves without them: a fill, a trigger, a cancel. */
export function orderNotice(change: OrderChange): string | null {
  const o = change.order;
  const [base, quote] = o.symbol.split('/') as [string, string];
  const name = o.type === 'stop_loss' ? 'Stop-loss' : o.type === 'take_profit' ? 'Take-profit' : html`${o.type === 'limit' ? 'Limit ' : ''}${o.side}`;
  const title = `<b>${html`${name.charAt(0).toUpperCase()}${name.slice(1)} #${o.id}`}</b>`;
  if (change.fill) {
    const price = change.fill.amount.gt(0) ? change.fill.cost.div(change.fill.amount) : dec(0);
    const fillText = html`${o.side === 'buy' ? 'bought' : 'sold'} ${formatAmount(change.fill.amount)} ${base} at ${formatPrice(price)} ${quote}`;
    // A stop that sold was triggered, whether Parley fired it or the exchange held it (native).
    const triggered = change.triggered === true || o.type === 'stop_loss' || o.type === 'take_profit';
    if (o.status === 'filled') return `${triggered ? '🛑' : '🔔'} ${title} ${html`${triggered ? 'triggered' : 'filled'}: ${fillText}.`}`;
    return `🔔 ${title} ${html`partly filled: ${fillText} (${formatAmount(o.filled)} of ${formatAmount(o.amount)} so far).`}`;
  }
  if (o.status === change.previousStatus) return null;
  switch (o.status) {
    case 'cancelled':
      return `✖ ${title} ${html`was cancelled${o.error ? `: ${o.error}` : ' on the exchange.'}`}`;
    case 'expired':
      return `⌛ ${title} expired on the exchange.`;
    case 'rejected':
      return `❌ ${title} ${html`was not executed: ${o.error ?? 'the exchange refused it.'}`}`;
    default:
      return null;
  }
}
