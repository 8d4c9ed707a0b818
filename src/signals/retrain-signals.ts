// The retrain job's use case: for each pair, the walk-forward evaluation (the track records the
// chat shows) and the model to use from now on (trained on the latest window), both stored; the
// signal service only reads them. A job runner calls it on a schedule (weekly matches the
// walk-forward step, so the live model is retrained as often as the evaluated ones were).
import type { CandleSeries } from '../market/candle-file.js';
import type { Clock } from '../shared/clock.js';
import { evaluatePair, type PairEvaluation } from './evaluation/evaluate-pair.js';
import { DEFAULT_WALK_FORWARD, planFolds, trainLatest, type WalkForwardConfig } from './evaluation/walk-forward.js';
import { modelKey, type DirectionModelStore, type DirectionTrainer } from './ml/direction-model.js';
import { FEATURE_NAMES } from './ml/features.js';
import { DIRECTION_THRESHOLD } from './signal-types.js';
import { SIGNAL_REPORT_VERSION, type SignalReport, type SignalReportStore } from './signal-report.js';

/** Closed candles of a pair, oldest first, as much history as there is (the bundled files, or an exchange's). */
export interface SignalHistorySource {
  history(symbol: string, timeframe: string): Promise<CandleSeries>;
}

export interface RetrainDeps {
  readonly history: SignalHistorySource;
  readonly trainer: DirectionTrainer;
  /** Where the live models go; without it only the evaluation is made (the CLI's default). */
  readonly models?: DirectionModelStore;
  /** Where the report goes; without it, it is only returned. */
  readonly reports?: SignalReportStore;
  readonly clock: Clock;
  /** A monotonic ms counter for the timings (performance.now); without it timings are 0. */
  readonly stopwatch?: () => number;
}

export interface RetrainRequest {
  readonly pairs: readonly { readonly symbol: string; readonly timeframe: string }[];
  readonly walkForward?: WalkForwardConfig;
  /** Progress, one line per pair and fold (a job's log, the CLI's stderr). */
  readonly onProgress?: (message: string) => void;
}

export const REPORT_BOOTSTRAP = { block: 24, resamples: 2000, seed: 1 } as const;

export async function retrainSignals(deps: RetrainDeps, request: RetrainRequest): Promise<SignalReport> {
  const config = request.walkForward ?? DEFAULT_WALK_FORWARD;
  const watch = deps.stopwatch ?? (() => 0);
  const started = watch();
  const pairs: PairEvaluation[] = [];
  const skipped: { symbol: string; timeframe: string; reason: string }[] = [];
  for (const { symbol, timeframe } of request.pairs) {
    const candles = await deps.history.history(symbol, timeframe);
    if (planFolds(candles.length, config).length === 0) {
      skipped.push({ symbol, timeframe, reason: `${candles.length} candles: too few for one walk-forward fold (${config.trainWindow} training samples + ${config.horizon} candles)` });
      continue;
    }
    const evaluation = await evaluatePair(candles, deps.trainer, {
      config,
      bootstrap: REPORT_BOOTSTRAP,
      hooks: { now: watch, onFold: (_, k, count) => request.onProgress?.(`${symbol} ${timeframe}: fold ${k + 1}/${count}`) },
    });
    pairs.push(evaluation);
    if (deps.models) {
      const { model, info } = await trainLatest(candles, deps.trainer, config);
      try {
        await deps.models.save(modelKey(symbol, timeframe), model, { ...info });
      } finally {
        model.dispose();
      }
    }
  }
  const report: SignalReport = {
    version: SIGNAL_REPORT_VERSION,
    createdAt: deps.clock.now(),
    model: deps.trainer.describe(),
    featureNames: [...FEATURE_NAMES],
    walkForward: config,
    technicalThreshold: DIRECTION_THRESHOLD,
    bootstrap: REPORT_BOOTSTRAP,
    pairs,
    skipped,
    timing: { totalMs: watch() - started, trainMs: pairs.reduce((sum, p) => sum + p.trainMs, 0), folds: pairs.reduce((sum, p) => sum + p.folds, 0) },
  };
  await deps.reports?.save(report);
  return report;
}
