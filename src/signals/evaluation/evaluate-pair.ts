// One pair's out-of-sample evaluation: the model's walk-forward predictions and the technical
// signal's buy/sell calls, scored over the same period against the same naive baselines.
import type { CandleSeries } from '../../market/candle-file.js';
import type { DirectionTrainer } from '../ml/direction-model.js';
import { directionOf, directionSign, DIRECTION_THRESHOLD } from '../signal-types.js';
import { technicalScores } from '../technical-signal.js';
import type { BootstrapOptions } from './accuracy-interval.js';
import { futureMoves, trackRecord, type TrackRecord } from './track-record.js';
import { DEFAULT_WALK_FORWARD, walkForward, type WalkForwardConfig, type WalkForwardHooks } from './walk-forward.js';

export interface PairEvaluation {
  readonly symbol: string;
  readonly timeframe: string;
  /** Candles ahead whose direction is scored. */
  readonly horizon: number;
  /** The data read: first and last candle open time (ms) and how many. */
  readonly data: { readonly from: number; readonly to: number; readonly candles: number };
  readonly folds: number;
  /** Training time, all folds (ms; 0 when not measured). */
  readonly trainMs: number;
  /** The model: P(up) > 0.5 is a call up, else down, on every candle of the period. */
  readonly model: TrackRecord;
  /** The technical signal: a buy is a call up, a sell a call down, a hold no call. */
  readonly technical: TrackRecord;
}

export interface EvaluateOptions {
  readonly config?: WalkForwardConfig;
  readonly bootstrap?: BootstrapOptions;
  readonly hooks?: WalkForwardHooks;
  /** The technical signal's buy/sell threshold (default DIRECTION_THRESHOLD). */
  readonly threshold?: number;
}

export async function evaluatePair(candles: CandleSeries, trainer: DirectionTrainer, options: EvaluateOptions = {}): Promise<PairEvaluation> {
  const config = options.config ?? DEFAULT_WALK_FORWARD;
  const run = await walkForward(candles, trainer, config, options.hooks);
  const n = candles.length;
  const moves = futureMoves(candles.close, config.horizon);
  const modelCalls = new Int8Array(n);
  const technicalCalls = new Int8Array(n);
  const scores = technicalScores(candles);
  for (let i = Math.max(0, run.from); i <= run.to; i++) {
    modelCalls[i] = run.pUp[i]! > 0.5 ? 1 : -1;
    technicalCalls[i] = directionSign(directionOf(scores[i]!, options.threshold ?? DIRECTION_THRESHOLD));
  }
  const period = { moves, close: candles.close, timestamp: candles.timestamp, timeframeMs: candles.timeframeMs, from: Math.max(0, run.from), to: run.to + 1 };
  return {
    symbol: candles.symbol,
    timeframe: candles.timeframe,
    horizon: config.horizon,
    data: { from: candles.timestamp[0] ?? 0, to: candles.timestamp[n - 1] ?? 0, candles: n },
    folds: run.folds.length,
    trainMs: run.trainMs,
    model: trackRecord({ ...period, predictions: modelCalls }, options.bootstrap),
    technical: trackRecord({ ...period, predictions: technicalCalls }, options.bootstrap),
  };
}
