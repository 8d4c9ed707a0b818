import { dec, ZERO, type Decimal } from '../shared/decimal.js';
import type { Candle, Ticker } from '../market/types.js';

/*
 * What the market did between two matcher passes, read from hourly candles. A candle's high and
 * low cover the whole hour, including the part before the last pass, so on their own they would
 * fill an order with a move that happened before it was placed or matched. Within one hour the
 * high only rises and the low only falls, and prices move continuously: so everything between
 * the last price then and the price now was reached, and so was a new high or low of that hour,
 * and every price of an hour that opened after the last pass.
 */

export const HOUR_MS = 3_600_000;

/** A market as the matcher last saw it. */
export interface MarketMark {
  at: number;
  last: number;
  /** The hourly candle open at `at`, as it stood then. */
  hour?: { start: number; high: number; low: number };
}

export function markOf(at: number, ticker: Ticker, candles: readonly Candle[]): MarketMark {
  const current = currentCandle(candles, at);
  return { at, last: ticker.last, ...(current && { hour: { start: current.timestamp, high: current.high, low: current.low } }) };
}

/** The lowest and highest price traded since `mark`, up to the ticker's last price. */
export function reachedSince(mark: MarketMark, ticker: Ticker, candles: readonly Candle[]): { low: number; high: number } {
  let low = Math.min(mark.last, ticker.last);
  let high = Math.max(mark.last, ticker.last);
  for (const c of candles) {
    if (mark.hour && c.timestamp === mark.hour.start) {
      if (c.high > mark.hour.high) high = Math.max(high, c.high);
      if (c.low < mark.hour.low) low = Math.min(low, c.low);
    } else if (c.timestamp >= mark.at) {
      high = Math.max(high, c.high);
      low = Math.min(low, c.low);
    }
  }
  return { low, high };
}

/**
 * Base volume traded in (from, to], assuming it is spread evenly within each hour: a past hour's
 * volume over the hour, the current (partial) candle's volume over the part of the hour gone by.
 * Null when there are no candles to tell.
 */
export function volumeBetween(candles: readonly Candle[], from: number, to: number): Decimal | null {
  if (candles.length === 0) return null;
  let volume = ZERO;
  for (const c of candles) {
    const end = Math.min(c.timestamp + HOUR_MS, to);
    const span = end - c.timestamp;
    const overlap = end - Math.max(c.timestamp, from);
    if (span <= 0 || overlap <= 0 || !(c.volume > 0)) continue;
    volume = volume.plus(dec(c.volume).mul(overlap).div(span));
  }
  return volume;
}

function currentCandle(candles: readonly Candle[], at: number): Candle | undefined {
  for (let i = candles.length - 1; i >= 0; i--) {
    const c = candles[i]!;
    if (c.timestamp <= at && at < c.timestamp + HOUR_MS) return c;
  }
  return undefined;
}
