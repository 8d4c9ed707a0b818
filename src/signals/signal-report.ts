// The cached evaluation: what the retrain job measured (every pair's out-of-sample track records,
// the weights they earn) and what the signal service reads when someone asks — so a question never
// retrains or re-evaluates anything. Plain JSON, stored through a port.
import type { BootstrapOptions } from './evaluation/accuracy-interval.js';
import type { PairEvaluation } from './evaluation/evaluate-pair.js';
import type { WalkForwardConfig } from './evaluation/walk-forward.js';

export const SIGNAL_REPORT_VERSION = 1;

export interface SignalReport {
  readonly version: typeof SIGNAL_REPORT_VERSION;
  /** When it was made (ms, from the job's clock). */
  readonly createdAt: number;
  /** What was trained, on which backend, e.g. "logistic regression (TensorFlow.js 4.22.0, wasm backend)". */
  readonly model: string;
  readonly featureNames: readonly string[];
  readonly walkForward: WalkForwardConfig;
  /** The technical signal's buy/sell threshold when it was scored. */
  readonly technicalThreshold: number;
  readonly bootstrap: Required<BootstrapOptions>;
  readonly pairs: readonly PairEvaluation[];
  /** Pairs that could not be evaluated, and why. */
  readonly skipped: readonly { readonly symbol: string; readonly timeframe: string; readonly reason: string }[];
  /** Wall time (ms): the whole job, and the training part of it. */
  readonly timing: { readonly totalMs: number; readonly trainMs: number; readonly folds: number };
}

/** Where the latest report is kept (a JSON file here; a table in the app, see the hand-over notes). */
export interface SignalReportStore {
  /** The latest report, or undefined when none was made yet. */
  load(): Promise<SignalReport | undefined>;
  save(report: SignalReport): Promise<void>;
}

export function pairEvaluation(report: SignalReport | undefined, symbol: string, timeframe: string): PairEvaluation | undefined {
  return report?.pairs.find((p) => p.symbol === symbol && p.timeframe === timeframe);
}
