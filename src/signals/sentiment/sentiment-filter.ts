// Sentiment in a strategy: a filter over any strategy's targets that keeps it out of the market
// while the latest sentiment reading known at a candle's close is below a floor. A reading counts
// from the candle whose close comes at or after the reading's time, never earlier, so the filter
// adds no look-ahead.
import { FLAT, type Strategy, type StrategyCandles } from '../strategies/index.js';

export interface SentimentPoint {
  /** When the reading was made (ms UTC). */
  at: number;
  /** −1 … +1. */
  score: number;
}

export interface SentimentFilterOptions {
  /** Out of the market while the latest reading is below this (default −0.15). */
  floor?: number;
  /** Candle length in ms (default: the gap between the first two candles). A candle closes at its open time + this. */
  candleMs?: number;
}

export function sentimentFilter(base: Strategy, points: readonly SentimentPoint[], options: SentimentFilterOptions = {}): Strategy {
  const floor = options.floor ?? -0.15;
  const sorted = [...points].sort((a, b) => a.at - b.at);
  return {
    name: `${base.name}+sentiment`,
    params: { ...base.params, sentiment_floor: floor },
    warmUp: base.warmUp,
    targets(candles: StrategyCandles): Uint8Array {
      const targets = Uint8Array.from(base.targets(candles));
      const candleMs = options.candleMs ?? (candles.length > 1 ? candles.timestamp[1]! - candles.timestamp[0]! : 0);
      let next = 0;
      let latest: number | undefined;
      for (let i = 0; i < candles.length; i++) {
        const close = candles.timestamp[i]! + candleMs;
        while (next < sorted.length && sorted[next]!.at <= close) latest = sorted[next++]!.score;
        if (latest !== undefined && latest < floor) targets[i] = FLAT;
      }
      return targets;
    },
  };
}

/** The signals' readings as points for the filter. */
export function sentimentPoints(signals: readonly { at: number; strength: number }[]): SentimentPoint[] {
  return signals.map((s) => ({ at: s.at, score: s.strength }));
}
