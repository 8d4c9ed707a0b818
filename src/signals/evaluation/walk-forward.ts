// Walk-forward training: train on a window of the past, predict the candles that follow, move the
// window forward by those candles, repeat — the way a model retrained every week would have been
// used. Every prediction comes from a model that saw nothing after the candle it predicts from:
//
//   - a training sample at candle i is the feature row of i with the label "close[i + h] above
//     close[i]", which is only known at the close of candle i + h — so a fold predicting from candle
//     t0 on trains on samples with i + h ≤ t0 only (the last h candles before t0 wait their turn);
//   - the features are causal (features.ts) and their standardiser is fitted on that fold's training
//     rows only, then applied unchanged to the rows it predicts.
import type { CandleSeries } from '../../market/candle-file.js';
import type { DirectionModel, DirectionTrainer } from '../ml/direction-model.js';
import { FEATURE_NAMES, FEATURE_WARM_UP, featureMatrix, type FeatureMatrix } from '../ml/features.js';
import { fitStandardiser, standardiseRows, type Standardiser } from '../ml/standardiser.js';
import { futureMoves } from './track-record.js';

export interface WalkForwardConfig {
  /** Candles ahead whose direction is predicted (4 on 1h candles: the next 4 hours). */
  readonly horizon: number;
  /** Training samples per fold (the most recent ones whose outcome is known): 1,440 = 60 days of 1h. */
  readonly trainWindow: number;
  /** Candles predicted per fold before retraining: 168 = a week of 1h. */
  readonly step: number;
}

export const DEFAULT_WALK_FORWARD: WalkForwardConfig = { horizon: 4, trainWindow: 1440, step: 168 };

export interface Fold {
  /** Training samples: candles [trainFrom, trainTo], ties left out. */
  readonly trainFrom: number;
  readonly trainTo: number;
  /** Candles predicted: [testFrom, testTo). */
  readonly testFrom: number;
  readonly testTo: number;
}

export function checkConfig(config: WalkForwardConfig): void {
  for (const key of ['horizon', 'trainWindow', 'step'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new RangeError(`walk-forward ${key} must be a whole number ≥ 1, got ${config[key]}`);
  }
}

/**
 * The folds over a series of `length` candles. The first fold starts when a full training window
 * of outcomes is known; the last prediction is at length − 1 − horizon, the last candle whose
 * outcome the series holds (so every prediction can be scored).
 */
export function planFolds(length: number, config: WalkForwardConfig, featureStart = FEATURE_WARM_UP): Fold[] {
  checkConfig(config);
  const { horizon, trainWindow, step } = config;
  const end = length - horizon; // exclusive: candles with a known outcome
  const folds: Fold[] = [];
  for (let t0 = featureStart + trainWindow - 1 + horizon; t0 < end; t0 += step) {
    folds.push({ trainFrom: t0 - horizon - trainWindow + 1, trainTo: t0 - horizon, testFrom: t0, testTo: Math.min(end, t0 + step) });
  }
  return folds;
}

/** Candles [from, to] with a known, non-tied outcome: the rows a fold learns from. */
export function trainingRows(moves: Int8Array, from: number, to: number): Int32Array {
  const rows: number[] = [];
  for (let i = from; i <= to; i++) if (moves[i] !== 0) rows.push(i);
  return Int32Array.from(rows);
}

export interface FittedFold {
  readonly model: DirectionModel;
  readonly standardiser: Standardiser;
  readonly samples: number;
}

/** Trains one model on candles [trainFrom, trainTo] (their outcomes must be known by the caller's present). */
export async function fitFold(features: FeatureMatrix, moves: Int8Array, trainFrom: number, trainTo: number, trainer: DirectionTrainer): Promise<FittedFold> {
  const rows = trainingRows(moves, trainFrom, trainTo);
  const standardiser = fitStandardiser(features.values, features.columns, rows);
  const x = standardiseRows(features.values, features.columns, rows, standardiser);
  const y = Uint8Array.from(rows, (i) => (moves[i]! > 0 ? 1 : 0));
  const model = await trainer.train({ x, y, rows: rows.length, columns: features.columns });
  return { model, standardiser, samples: rows.length };
}

export interface WalkForwardRun {
  /** P(up) per candle; NaN where no fold predicted. */
  readonly pUp: Float64Array;
  readonly folds: readonly Fold[];
  /** First and last candle predicted (−1 when there was no fold). */
  readonly from: number;
  readonly to: number;
  /** Wall time spent training, all folds (ms). */
  readonly trainMs: number;
}

export interface WalkForwardHooks {
  /** Called before each fold is trained (progress, tests). */
  onFold?(fold: Fold, index: number, count: number): void;
  /** Milliseconds now, for the training time (performance.now in a script; absent: not measured). */
  now?(): number;
}

export async function walkForward(candles: CandleSeries, trainer: DirectionTrainer, config: WalkForwardConfig = DEFAULT_WALK_FORWARD, hooks: WalkForwardHooks = {}): Promise<WalkForwardRun> {
  const folds = planFolds(candles.length, config);
  const features = featureMatrix(candles);
  const moves = futureMoves(candles.close, config.horizon);
  const pUp = new Float64Array(candles.length).fill(NaN);
  const now = hooks.now ?? (() => 0);
  let trainMs = 0;
  for (const [k, fold] of folds.entries()) {
    hooks.onFold?.(fold, k, folds.length);
    const started = now();
    const { model, standardiser } = await fitFold(features, moves, fold.trainFrom, fold.trainTo, trainer);
    trainMs += now() - started;
    try {
      const rows = Int32Array.from({ length: fold.testTo - fold.testFrom }, (_, j) => fold.testFrom + j);
      const p = await model.predictUp(standardiseRows(features.values, features.columns, rows, standardiser), rows.length);
      for (let j = 0; j < rows.length; j++) pUp[rows[j]!] = p[j]!;
    } finally {
      model.dispose();
    }
  }
  return { pUp, folds, from: folds[0]?.testFrom ?? -1, to: (folds.at(-1)?.testTo ?? 0) - 1, trainMs };
}

/** What is saved beside a model: enough to feed it exactly as it was trained. */
export interface ModelInfo {
  readonly featureNames: readonly string[];
  readonly standardiser: Standardiser;
  readonly horizon: number;
  readonly timeframe: string;
  readonly symbol: string;
  /** Close time (ms) of the first and last candle whose sample it learned from. */
  readonly trainedFrom: number;
  readonly trainedTo: number;
  /** Close time (ms) of the last candle it read: trainedTo's outcome, `horizon` candles later. */
  readonly dataThrough: number;
  readonly samples: number;
  readonly model: string;
}

/**
 * The model to use from now on: trained on the latest `trainWindow` samples whose outcome the
 * series already knows (the last `horizon` candles are still waiting for theirs).
 */
export async function trainLatest(candles: CandleSeries, trainer: DirectionTrainer, config: WalkForwardConfig = DEFAULT_WALK_FORWARD): Promise<{ model: DirectionModel; info: ModelInfo }> {
  checkConfig(config);
  const { horizon, trainWindow } = config;
  const trainTo = candles.length - 1 - horizon;
  const trainFrom = Math.max(FEATURE_WARM_UP, trainTo - trainWindow + 1);
  if (trainTo - trainFrom + 1 < Math.min(trainWindow, 100)) throw new RangeError(`${candles.symbol} ${candles.timeframe}: ${candles.length} candles are too few to train on`);
  const features = featureMatrix(candles);
  const moves = futureMoves(candles.close, horizon);
  const { model, standardiser, samples } = await fitFold(features, moves, trainFrom, trainTo, trainer);
  const closeTime = (i: number) => candles.timestamp[i]! + candles.timeframeMs;
  return {
    model,
    info: {
      featureNames: [...FEATURE_NAMES],
      standardiser,
      horizon,
      timeframe: candles.timeframe,
      symbol: candles.symbol,
      trainedFrom: closeTime(trainFrom),
      trainedTo: closeTime(trainTo),
      dataThrough: closeTime(trainTo + horizon),
      samples,
      model: trainer.describe(),
    },
  };
}
