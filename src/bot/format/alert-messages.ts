import type { FiredAlert, PriceAlert, SetAlert } from '../../alerts/types.js';
import { formatPrice } from '../../shared/number-format.js';
import { html } from './html.js';

type Level = Pick<PriceAlert, 'symbol' | 'direction' | 'price'>;

/** "BTC/USDT below 60,000.00" */
export function alertWhat(a: Level, priceDecimals?: number): string {
  return html`${a.symbol} ${a.direction} ${formatPrice(a.price, priceDecimals)}`;
}

export function alertSetMessage(set: SetAlert): string {
  const lead = set.existing ? 'You already have this alert' : 'Alert set';
  return `🔔 ${lead}: ${alertWhat(set.alert, set.priceDecimals)} ${html`(now ${formatPrice(set.last, set.priceDecimals)})`}. I’ll tell you once.`;
}

/** The job's notification: "🔔 BTC/USDT is below 60,000.00 — 59,987.10 now." */
export function alertFiredMessage(fired: FiredAlert): string {
  const { alert } = fired;
  return html`🔔 ${alert.symbol} is ${alert.direction} ${formatPrice(alert.price, fired.priceDecimals)} — ${formatPrice(fired.last, fired.priceDecimals)} now.`;
}

export function alertRemovedMessage(a: Level): string {
  return `✖ Alert removed: ${alertWhat(a)}.`;
}

/** What a settled alert's message becomes when its ✖ is pressed late. */
export function alertDoneMessage(a: PriceAlert): string {
  if (a.status === 'triggered') return `🔔 Alert fired: ${alertWhat(a)}${a.triggeredPrice ? html` — at ${formatPrice(a.triggeredPrice)}` : ''}.`;
  return alertRemovedMessage(a);
}

/** A remove button's label, short enough for a phone: "✖ BTC below 60,000.00". */
export function alertButtonLabel(a: Level): string {
  return `✖ ${a.symbol.replace(/\/USDT$/, '')} ${a.direction} ${formatPrice(a.price)}`;
}

export const HOW_TO_SET = 'Set one by saying “alert me when btc drops below 60k” or “tell me when eth hits 4k”.';

/** /alerts: the active ones grouped by coin (highest level first), with the price now, and the last few that fired. */
export function alertListMessage(active: readonly PriceAlert[], fired: readonly PriceAlert[], prices: ReadonlyMap<string, number>): string {
  const lines: string[] = [];
  if (active.length === 0) lines.push('You have no active price alerts.', HOW_TO_SET);
  else {
    lines.push('<b>🔔 Your price alerts</b>');
    for (const a of sortForList(active)) {
      const now = prices.get(a.symbol);
      lines.push(`• ${alertWhat(a)}${now === undefined ? '' : html` · now ${formatPrice(now)}`}`);
    }
    lines.push('', 'Each tells you once. ✖ removes one.');
  }
  if (fired.length > 0) {
    lines.push('', '<b>Fired lately</b>');
    for (const a of fired) lines.push(`• ${alertWhat(a)}${a.triggeredPrice ? html` — at ${formatPrice(a.triggeredPrice)}` : ''}`);
  }
  return lines.join('\n');
}

export function sortForList(alerts: readonly PriceAlert[]): PriceAlert[] {
  return [...alerts].sort((a, b) => a.symbol.localeCompare(b.symbol) || Number(b.price) - Number(a.price));
}
