import type { SignalAnswer, TrackRecordView } from '../../src/signals/signal-answer.js';
import { NOT_ADVICE } from '../../src/signals/signal-answer.js';
import type { SignalSource } from '../../src/signals/signal-desk.js';

const HOUR = 3_600_000;

/** A track record that beat its baseline (made up for tests: the bundled ones rarely do). */
export const STRONG_RECORD: TrackRecordView = {
  signal: 'technical',
  from: Date.UTC(2021, 1, 2),
  to: Date.UTC(2021, 6, 17),
  horizonCandles: 4,
  n: 431,
  right: 259,
  rate: 0.601,
  ci95: { low: 0.556, high: 0.646 },
  baseline: { name: 'always_up', label: 'always up', rate: 0.513 },
  alwaysUp: 0.513,
  sameAsLast: 0.488,
  beatsBaseline: true,
  weight: 0.8,
  sameDirection: { direction: 'buy', n: 240, right: 150, rate: 0.625, baseRate: 0.52 },
};

/** A strong buy of `symbol` read on the candle that closed at `at`. */
export function strongBuy(symbol: string, at: number, price = 50_000): SignalAnswer {
  const reasons = [
    { code: 'rsi.oversold', indicator: 'RSI(14)', text: 'RSI 27: oversold', value: 27.2, vote: 1, weight: 1 },
    { code: 'macd.crossed_up', indicator: 'MACD(12,26,9)', text: 'MACD crossed above its signal line 1 candle ago', value: 12.5, vote: 1, weight: 1 },
    { code: 'bollinger.below_lower', indicator: 'Bollinger(20,2)', text: 'price under the lower Bollinger band', value: -0.1, vote: 1, weight: 1 },
  ];
  return {
    symbol,
    timeframe: '1h',
    at,
    expiresAt: at + HOUR,
    price,
    horizon: { candles: 4, until: at + 4 * HOUR },
    direction: 'buy',
    score: 0.8,
    strength: 0.8,
    confidence: 1,
    verdict: 'edge',
    reasons,
    technical: { direction: 'buy', score: 1, strength: 1, confidence: 1, weight: 0.8, record: STRONG_RECORD },
    model: null,
    modelNote: 'no model store is configured',
    summary: 'Buy, moderately, for the next 4 1h candles.',
    notAdvice: NOT_ADVICE,
  };
}

/** A signal source that always reads a strong buy on the last closed hour of `now()`. */
export function strongSignals(now: () => number): SignalSource & { price: number } {
  const source = {
    price: 50_000,
    async signalFor(symbol: string) {
      return strongBuy(symbol, Math.floor(now() / HOUR) * HOUR, source.price);
    },
  };
  return source;
}
