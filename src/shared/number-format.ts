import { dec, type DecimalLike } from './decimal.js';

/** Numbers the way traders read them: grouped thousands, no float noise, no 1e-7. Display rounds half up (4). */

const STABLES = new Set(['USDT', 'USDC', 'FDUSD', 'BUSD', 'DAI', 'TUSD', 'USD', 'EUR']);

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function withGrouping(fixed: string): string {
  const negative = fixed.startsWith('-');
  const body = negative ? fixed.slice(1) : fixed;
  const [i, f] = body.split('.');
  return (negative ? '-' : '') + group(i!) + (f ? `.${f}` : '');
}

function trimZeros(fixed: string, keep = 0): string {
  if (!fixed.includes('.')) return keep > 0 ? `${fixed}.${'0'.repeat(keep)}` : fixed;
  const [i, fraction] = fixed.split('.') as [string, string];
  let f = fraction.replace(/0+$/, '');
  if (f.length < keep) f = f.padEnd(keep, '0');
  return f ? `${i}.${f}` : i;
}

/**
 * A price: 57,312.40 · 3.1845 · 0.4512 · 0.00001234. With the market's decimals (its tick: 0.01
 * → 2) every price of that market shows on its grid, the same way in every message.
 */
export function formatPrice(value: DecimalLike, decimals?: number): string {
  const d = dec(value);
  if (decimals !== undefined) return withGrouping(d.toFixed(decimals, 4));
  const abs = d.abs();
  if (abs.gte(1000)) return withGrouping(d.toFixed(2, 4));
  if (abs.gte(1)) return withGrouping(trimZeros(d.toFixed(4), 2));
  if (abs.isZero()) return '0';
  // Below 1: four significant digits, never scientific notation.
  return trimZeros(d.toSignificantDigits(4).toFixed());
}

/** A quantity of an asset: 1,500 · 0.01 · 0.00012345 (at most `maxDecimals`). */
export function formatAmount(value: DecimalLike, maxDecimals = 8): string {
  return withGrouping(trimZeros(dec(value).toDecimalPlaces(maxDecimals, 1).toFixed()));
}

/** An amount of money in an asset: "573.70 USDT", "0.01234 BTC". Stablecoins get cents. */
export function formatMoney(value: DecimalLike, asset: string): string {
  const d = dec(value);
  if (STABLES.has(asset)) return `${withGrouping(d.toFixed(2, 4))} ${asset}`;
  return `${formatAmount(d)} ${asset}`;
}

/** A signed money amount: "+12.34 USDT", "−5.00 USDT". */
export function formatSignedMoney(value: DecimalLike, asset: string): string {
  const d = dec(value);
  const text = formatMoney(d.abs(), asset);
  if (d.isZero() || text.startsWith('0.00 ')) return text;
  return d.isNegative() ? `−${text}` : `+${text}`;
}

/** "+1.25%", "−0.40%" */
export function formatPct(value: DecimalLike, decimals = 2): string {
  const d = dec(value);
  const text = d.abs().toFixed(decimals, 4);
  if (Number(text) === 0) return `${(0).toFixed(decimals)}%`;
  return `${d.isNegative() ? '−' : '+'}${text}%`;
}
