// The vocabulary every signal here speaks: a direction, and the reasons behind it in plain words
// with the number each rests on. Channel-neutral: the chat and the API phrase them as they like
// (a reason carries a stable code and its value besides its sentence).

export type SignalDirection = 'buy' | 'sell' | 'hold';

export interface SignalReason {
  /** Stable code, e.g. `rsi.oversold`, for an interface that phrases reasons its own way. */
  readonly code: string;
  /** What the reason rests on, e.g. `RSI(14)`. */
  readonly indicator: string;
  /** The reading in plain words, e.g. "RSI 27: oversold". */
  readonly text: string;
  /** The indicator's value (the RSI, the MACD histogram, %B, the EMA gap in %, the volume z-score). */
  readonly value: number;
  /** Its vote, from −1 (down: sell) through 0 (neutral) to +1 (up: buy). */
  readonly vote: number;
  /** Its weight in the score. */
  readonly weight: number;
}

/** A score at or beyond ±this is a buy or a sell; closer to 0 it is a hold. */
export const DIRECTION_THRESHOLD = 0.25;

export function directionOf(score: number, threshold = DIRECTION_THRESHOLD): SignalDirection {
  if (!(Math.abs(score) >= threshold)) return 'hold'; // NaN holds too
  return score > 0 ? 'buy' : 'sell';
}

/** +1 for buy, −1 for sell, 0 for hold: the price move a direction predicts. */
export function directionSign(direction: SignalDirection): 1 | -1 | 0 {
  return direction === 'buy' ? 1 : direction === 'sell' ? -1 : 0;
}
