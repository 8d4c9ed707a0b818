import { formatPct, formatPrice } from '../../shared/number-format.js';
import type { Ticker } from '../../market/types.js';
import { html } from './html.js';

export function priceMessage(t: Ticker, source: 'replay' | 'live'): string {
  const [base, quote] = t.symbol.split('/') as [string, string];
  const change = t.change24hPct === undefined ? '' : html` (${formatPct(t.change24hPct)} 24h)`;
  const price = (p: number) => formatPrice(p, t.priceDecimals);
  const lines = [`<b>${html`${base}`}</b> ${html`${price(t.last)} ${quote}`}${change}`, html`bid ${price(t.bid)} · ask ${price(t.ask)}`];
  if (t.high24h !== undefined && t.low24h !== undefined) lines.push(html`24h range ${price(t.low24h)} – ${price(t.high24h)}`);
  if (source === 'replay') lines.push('<i>Replayed market data (real 2021 Binance candles), not live prices.</i>');
  return lines.join('\n');
}
