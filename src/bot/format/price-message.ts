import { formatPct, formatPrice } from '../../shared/number-format.js';
import type { Ticker } from '../../market/types.js';
import { html } from './html.js';

export function priceMessage(t: Ticker, source: 'replay' | 'live'): string {
  const [base, quote] = t.symbol.split('/') as [string, string];
  const change = t.change24hPct === undefined ? '' : html` (${formatPct(t.change24hPct)} 24h)`;
  const lines = [`<b>${html`${base}`}</b> ${html`${formatPrice(t.last)} ${quote}`}${change}`, html`bid ${formatPrice(t.bid)} · ask ${formatPrice(t.ask)}`];
  if (t.high24h !== undefined && t.low24h !== undefined) lines.push(html`24h range ${formatPrice(t.low24h)} – ${formatPrice(t.high24h)}`);
  if (source === 'replay') lines.push('<i>Replayed market data (real 2021 Binance candles), not live prices.</i>');
  return lines.join('\n');
}
