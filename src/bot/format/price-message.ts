import { formatPct, formatPrice } from '../../shared/number-format.js';
import type { MarketSource, Ticker } from '../../market/types.js';
import { html } from './html.js';

/** The line under prices that are not live, or null. */
export function replayNotice(source: MarketSource): string | null {
  if (source === 'replay') return '<i>Replayed market data (real 2021 Binance candles), not live prices.</i>';
  if (source === 'book') return '<i>Replayed market data (a recorded Binance order book of 2024-08-08, 11 minutes in a loop), not live prices.</i>';
  return null;
}

export function priceMessage(t: Ticker, source: MarketSource): string {
  const [base, quote] = t.symbol.split('/') as [string, string];
  const change = t.change24hPct === undefined ? '' : html` (${formatPct(t.change24hPct)} 24h)`;
  const price = (p: number) => formatPrice(p, t.priceDecimals);
  const lines = [`<b>${html`${base}`}</b> ${html`${price(t.last)} ${quote}`}${change}`, html`bid ${price(t.bid)} · ask ${price(t.ask)}`];
  if (t.high24h !== undefined && t.low24h !== undefined) lines.push(html`24h range ${price(t.low24h)} – ${price(t.high24h)}`);
  const notice = replayNotice(source);
  if (notice) lines.push(notice);
  return lines.join('\n');
}
