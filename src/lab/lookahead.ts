// The look-ahead guard (freqtrade's lookahead-analysis idea): a signal decided at a candle's close
// may depend only on that candle and earlier ones, so running the strategy on the data cut right
// after that candle must give the same signal. We cut the data at a sample of points, re-run the
// strategy on each prefix, and flag every cut where a signal at or before the cut differs from the
// full run. A strategy that reads a later candle (or a statistic of the whole series) is caught as
// soon as one cut lands where the future would have changed its answer.
import type { CandleSeries } from '../market/candle-file.js';
import type { Strategy } from '../signals/strategies/index.js';
import { candlePrefix } from './candle-slice.js';

export interface LookaheadFlag {
  /** Index of the last candle the prefix kept (the cut). */
  cut: number;
  cut_time: string;
  /** First candle whose signal differs between the prefix run and the full run. */
  index: number;
  time: string;
  full: number;
  truncated: number;
  /** Signals at or before the cut that differ. */
  differing: number;
}

export interface LookaheadCheck {
  /** Cuts re-run. */
  checked: number;
  flagged: LookaheadFlag[];
}

export const DEFAULT_LOOKAHEAD_CUTS = 16;

/**
 * Cut points spread evenly from the end of the warm-up to the second-to-last candle, plus the
 * first candle after the warm-up (where a signal first becomes possible). Deterministic.
 */
export function lookaheadCuts(length: number, warmUp: number, count: number): number[] {
  const last = length - 2; // the last candle's cut would be the full run itself
  const first = Math.min(Math.max(0, warmUp), last);
  if (count <= 0 || last < 0) return [];
  const cuts = new Set<number>([first]);
  for (let k = 1; k < count; k++) cuts.add(Math.round(first + ((last - first) * k) / (count - 1)));
  return [...cuts].sort((a, b) => a - b).slice(0, count);
}

export function checkLookahead(candles: CandleSeries, strategy: Strategy, fullTargets: Uint8Array, count = DEFAULT_LOOKAHEAD_CUTS): LookaheadCheck {
  const cuts = lookaheadCuts(candles.length, strategy.warmUp, count);
  const flagged: LookaheadFlag[] = [];
  const iso = (i: number) => new Date(candles.timestamp[i]!).toISOString();
  for (const cut of cuts) {
    const prefix = strategy.targets(candlePrefix(candles, cut + 1));
    let first = -1;
    let differing = 0;
    for (let i = 0; i <= cut; i++) {
      if (prefix[i] !== fullTargets[i]) {
        if (first < 0) first = i;
        differing++;
      }
    }
    if (first >= 0) flagged.push({ cut, cut_time: iso(cut), index: first, time: iso(first), full: fullTargets[first]!, truncated: prefix[first] ?? NaN, differing });
  }
  return { checked: cuts.length, flagged };
}
