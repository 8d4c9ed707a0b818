import { AppError } from '../shared/errors.js';
import type { HourBar, HourPath } from './replay-path.js';
import { HOUR_MS } from './replay-timeline.js';
import type { Candle } from './types.js';

const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
/** Binance's weekly candles open on Monday 00:00 UTC; 1970-01-01 was a Thursday. */
const WEEK_OFFSET_MS = 4 * DAY_MS;

export const REPLAY_TIMEFRAMES: Readonly<Record<string, number>> = { '1h': HOUR_MS, '4h': 4 * HOUR_MS, '1d': DAY_MS, '1w': WEEK_MS };
/** Binance's kline defaults. */
export const DEFAULT_CANDLE_LIMIT = 500;
export const MAX_CANDLE_LIMIT = 1000;

export function replayTimeframeMs(timeframe: string): number {
  const ms = REPLAY_TIMEFRAMES[timeframe];
  if (ms === undefined) {
    throw new AppError('market.unsupported_timeframe', `Timeframe "${timeframe}" is not available; use one of ${Object.keys(REPLAY_TIMEFRAMES).join(', ')}.`);
  }
  return ms;
}

export function bucketStart(time: number, timeframeMs: number): number {
  const offset = timeframeMs === WEEK_MS ? WEEK_OFFSET_MS : 0;
  return Math.floor((time - offset) / timeframeMs) * timeframeMs + offset;
}

export interface CandleQuery {
  /** The replay's present (wall clock, ms); nothing after it is ever returned. */
  now: number;
  timeframeMs: number;
  since?: number;
  limit?: number;
  /** The path of the wall hour opening at the given time (asked for the current hour only). */
  hourPath(hourStart: number): HourPath;
  /** The whole-hour figures of that hour. */
  hourBar(hourStart: number): HourBar;
  /** Rounds a price to the market's tick. */
  roundPrice(price: number): number;
}

/**
 * Candles on the wall clock, built from replayed hours. Like Binance: `since` selects candles
 * opening at or after it, otherwise the latest `limit`; the newest is the current, partial one
 * (its close is the price now, its high/low what the path has reached so far, its volume the
 * elapsed share of the hour). Hours without data add nothing; a candle with no data is left out.
 */
export function replayCandles(query: CandleQuery): Candle[] {
  const { now, timeframeMs } = query;
  const limit = Math.max(1, Math.min(MAX_CANDLE_LIMIT, Math.floor(query.limit ?? DEFAULT_CANDLE_LIMIT)));
  const current = bucketStart(now, timeframeMs);
  const out: Candle[] = [];
  if (query.since !== undefined) {
    let start = bucketStart(query.since, timeframeMs);
    if (start < query.since) start += timeframeMs;
    for (let b = start; b <= current && out.length < limit; b += timeframeMs) {
      const candle = buildBucket(query, b);
      if (candle) out.push(candle);
    }
    return out;
  }
  // Walking back, empty buckets (only possible for 1h/4h during outages) are skipped; the bound
  // keeps a pathological request from looping.
  for (let b = current, seen = 0; out.length < limit && seen < limit * 2 + 16; b -= timeframeMs, seen++) {
    const candle = buildBucket(query, b);
    if (candle) out.push(candle);
  }
  return out.reverse();
}

function buildBucket(query: CandleQuery, start: number): Candle | undefined {
  const end = Math.min(start + query.timeframeMs, query.now + 1);
  let open = 0;
  let close = 0;
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  let any = false;
  for (let hour = start; hour < end; hour += HOUR_MS) {
    const fraction = hour + HOUR_MS > query.now ? (query.now - hour) / HOUR_MS : 1;
    const bar = fraction < 1 ? partialBar(query.hourPath(hour), fraction) : query.hourBar(hour);
    if (!bar.present) continue;
    if (!any) open = bar.open;
    close = bar.close;
    if (bar.high > high) high = bar.high;
    if (bar.low < low) low = bar.low;
    volume += bar.volume;
    any = true;
  }
  if (!any) return undefined;
  const r = query.roundPrice;
  return { timestamp: start, open: r(open), high: r(high), low: r(low), close: r(close), volume: Number(volume.toFixed(8)) };
}

/** The first `fraction` of an hour: its range so far, the price now, the elapsed share of its volume. */
export function partialBar(path: HourPath, fraction: number): HourBar {
  const [low, high] = path.range(0, fraction);
  return { present: path.present, open: path.open, high, low, close: path.priceAt(fraction), volume: path.volume * fraction };
}
