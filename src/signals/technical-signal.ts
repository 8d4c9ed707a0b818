// The technical signal of a pair and timeframe, read on its last closed candle: the readings of
// technical/readings.ts folded into a score in [−1, 1], with how strong and how unanimous it is,
// the reasons in plain words, and when it expires (the next candle's close, when a new reading
// exists). Deterministic: the same candles give the same signal.
import type { CandleSeries } from '../market/candle-file.js';
import { AppError } from '../shared/errors.js';
import { directionOf, type SignalDirection, type SignalReason } from './signal-types.js';
import { readingsAt, TECHNICAL_WARM_UP, technicalInputs, type TechnicalCandles, type TechnicalInputs } from './technical/readings.js';

/** Closed candles needed for a reading: every indicator past its warm-up. */
export const TECHNICAL_MIN_CANDLES = TECHNICAL_WARM_UP + 1;

export interface TechnicalScore {
  /** Σ weight·vote / Σ weight, in [−1, 1]: +1 when every rule says buy as loudly as it can. */
  readonly score: number;
  /** |score|. */
  readonly strength: number;
  /**
   * How much the rules that voted agree, in [0, 1]: |Σ weight·vote| / Σ weight·|vote|. 1 when every
   * vote points the same way, 0 when they cancel out or nobody voted.
   */
  readonly confidence: number;
  readonly direction: SignalDirection;
}

export interface TechnicalSignal extends TechnicalScore {
  readonly symbol: string;
  readonly timeframe: string;
  /** Close time (ms) of the candle it was read on. */
  readonly at: number;
  /** Close time (ms) of the next candle: a new reading replaces this one then. */
  readonly expiresAt: number;
  /** That candle's close. */
  readonly price: number;
  /** Every reading, the ones weighing most on the score first (neutral ones last). */
  readonly reasons: SignalReason[];
}

export class NotEnoughCandles extends AppError {
  constructor(symbol: string, timeframe: string, have: number, need: number) {
    super('signals.not_enough_candles', `Not enough ${timeframe} history for ${symbol} yet: ${have} closed candles, a signal needs ${need}.`, { params: { symbol, timeframe, have, need } });
  }
}

export function scoreReadings(readings: readonly SignalReason[]): TechnicalScore {
  let weights = 0;
  let sum = 0;
  let loud = 0;
  for (const r of readings) {
    weights += r.weight;
    sum += r.weight * r.vote;
    loud += r.weight * Math.abs(r.vote);
  }
  const score = weights > 0 ? sum / weights : 0;
  return { score, strength: Math.abs(score), confidence: loud > 0 ? Math.abs(sum) / loud : 0, direction: directionOf(score) };
}

/** The score at candle i (NaN before the warm-up): what the evaluation replays candle by candle. */
export function technicalScoreAt(inputs: TechnicalInputs, i: number): TechnicalScore {
  if (i < TECHNICAL_WARM_UP) return { score: NaN, strength: NaN, confidence: NaN, direction: 'hold' };
  return scoreReadings(readingsAt(inputs, i));
}

/** The score of every candle (NaN in the warm-up), each from that candle and earlier ones only. */
export function technicalScores(candles: TechnicalCandles): Float64Array {
  const inputs = technicalInputs(candles);
  const out = new Float64Array(candles.length).fill(NaN);
  for (let i = TECHNICAL_WARM_UP; i < candles.length; i++) out[i] = technicalScoreAt(inputs, i).score;
  return out;
}

/**
 * The signal read on the last candle of `candles`, which must all be closed (see closedCandles):
 * a candle still forming would change the reading before it expires.
 */
export function technicalSignal(candles: CandleSeries): TechnicalSignal {
  const n = candles.length;
  if (n < TECHNICAL_MIN_CANDLES) throw new NotEnoughCandles(candles.symbol, candles.timeframe, n, TECHNICAL_MIN_CANDLES);
  const last = n - 1;
  const readings = readingsAt(technicalInputs(candles), last);
  const score = scoreReadings(readings);
  const openTime = candles.timestamp[last]!;
  return {
    symbol: candles.symbol,
    timeframe: candles.timeframe,
    at: openTime + candles.timeframeMs,
    expiresAt: openTime + 2 * candles.timeframeMs,
    price: candles.close[last]!,
    ...score,
    reasons: byWeightInScore(readings),
  };
}

function byWeightInScore(readings: SignalReason[]): SignalReason[] {
  return readings
    .map((r, k) => ({ r, k, pull: Math.abs(r.weight * r.vote) }))
    .sort((a, b) => b.pull - a.pull || a.k - b.k)
    .map(({ r }) => r);
}
