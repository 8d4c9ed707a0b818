import { describe, expect, it } from 'vitest';
import type { Candle, Ticker } from '../market/types.js';
import { HOUR_MS, markOf, reachedSince, volumeBetween } from './paper-market-reach.js';

const H = Date.UTC(2026, 0, 1, 12);
const candle = (timestamp: number, low: number, high: number, volume = 100): Candle => ({ timestamp, open: low, high, low, close: high, volume });
const ticker = (last: number): Ticker => ({ symbol: 'BTC/USDT', last, bid: last - 1, ask: last + 1, timestamp: 0 });

describe('what the market reached between two looks', () => {
  it('ignores the part of the hour before the last look, but not a new low or high of that hour', () => {
    const mark = markOf(H + 600_000, ticker(60_000), [candle(H, 58_000, 61_000)]);
    // Same hour, same extremes: only the path from 60,000 to 60,500 counts, not the earlier 58,000.
    expect(reachedSince(mark, ticker(60_500), [candle(H, 58_000, 61_000)])).toEqual({ low: 60_000, high: 60_500 });
    // The hour made a new low since: the price went there after the look.
    expect(reachedSince(mark, ticker(60_500), [candle(H, 57_500, 61_000)])).toEqual({ low: 57_500, high: 60_500 });
  });

  it('counts every price of an hour that opened after the last look', () => {
    const mark = markOf(H + 3_000_000, ticker(60_000), [candle(H, 59_000, 60_000)]);
    const later = [candle(H, 59_000, 60_000), candle(H + HOUR_MS, 59_800, 62_000)];
    expect(reachedSince(mark, ticker(60_100), later)).toEqual({ low: 59_800, high: 62_000 });
  });

  it('spreads an hour’s volume evenly, and the current candle’s over the part of the hour gone by', () => {
    const now = H + HOUR_MS + 900_000; // a quarter into the second hour
    const candles = [candle(H, 1, 2, 60), candle(H + HOUR_MS, 1, 2, 30)];
    // The last 10 minutes of the first hour (10) and the 15 minutes of the second (30).
    expect(volumeBetween(candles, H + 3_000_000, now)!.toFixed()).toBe('40');
    expect(volumeBetween(candles, now, now)!.toFixed()).toBe('0');
    expect(volumeBetween([], H, now)).toBeNull();
  });
});
