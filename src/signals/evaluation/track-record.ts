// How often a kind of signal was right, out of sample, beside the naive guesses anyone could make
// on the same candles: "always up", and "same as the last candle" (persistence) — and their mirrors,
// "always down" and "opposite of the last candle". The mirrors are there because a guess that is
// right 47 % of the time is a guess whose opposite is right 53 % of the time: on these pairs
// persistence scores under 50 % (an hourly move tends to be partly undone within 4 hours), so the
// opposite guess is the one to beat. The bar is the best of the four, picked in hindsight on the very
// same candles. A signal earns weight in the combined answer only when even the low end of its 95 %
// interval clears that bar; otherwise its weight is 0 and the user is told it has not beaten a
// naive guess.
import { blockBootstrap95, wilson95, type BootstrapOptions, type Interval } from './accuracy-interval.js';

/** +1 when close[i + horizon] > close[i], −1 when lower, 0 for a tie or an unknown future (i + horizon ≥ length). */
export function futureMoves(close: ArrayLike<number>, horizon: number): Int8Array {
  const n = close.length;
  const out = new Int8Array(n);
  for (let i = 0; i + horizon < n; i++) out[i] = Math.sign(close[i + horizon]! - close[i]!);
  return out;
}

/** The persistence guess at candle i: the direction of candle i's own move (close vs the previous close); a flat candle guesses down (so its reversal guesses up). */
export function persistenceGuess(close: ArrayLike<number>, i: number): 1 | -1 {
  return i > 0 && close[i]! > close[i - 1]! ? 1 : -1;
}

export interface Accuracy {
  /** Predictions that were right. */
  readonly right: number;
  readonly n: number;
  /** right / n; 0 when n is 0 (read n first). */
  readonly rate: number;
}

export interface SignalAccuracy extends Accuracy {
  /** 95 % moving-block bootstrap interval: the one the weight rests on. */
  readonly ci95: Interval;
  /** 95 % Wilson interval, for comparison: too narrow here, as consecutive outcomes overlap. */
  readonly wilson95: Interval;
}

export interface DirectionRecord extends Accuracy {
  /** How often the price moved this way over every scored candle of the period: the "always this way" guess. */
  readonly baseRate: number;
}

export type BaselineName = 'always_up' | 'always_down' | 'persistence' | 'reversal';

export const BASELINE_NAMES: readonly BaselineName[] = ['always_up', 'always_down', 'persistence', 'reversal'];

/** How each naive guess reads in a sentence. */
export const BASELINE_LABELS: Readonly<Record<BaselineName, string>> = {
  always_up: 'always up',
  always_down: 'always down',
  persistence: 'same as the last candle',
  reversal: 'opposite of the last candle',
};

export interface TrackRecord {
  /** Candles scored: predictions made on candles whose outcome was not a tie. */
  readonly n: number;
  /** n over every candle of the period with a known, non-tied outcome (1 for a model that always answers). */
  readonly coverage: number;
  /** First and last candle close (ms) a scored prediction was made at; null when none was. */
  readonly from: number | null;
  readonly to: number | null;
  readonly accuracy: SignalAccuracy;
  /** The naive guesses, scored on the very same candles. */
  readonly baselines: Readonly<Record<BaselineName, Accuracy>>;
  /** The naive guess that scored best on these candles: the bar. */
  readonly bestBaseline: BaselineName;
  /** accuracy.ci95.low − the best baseline's rate: > 0 when the signal beats it with 95 % confidence. */
  readonly edge: number;
  /** Weight in the combined signal, in [0, 1]: 0 unless edge > 0 and n ≥ MIN_SCORED. */
  readonly weight: number;
  /** Buy calls and sell calls taken apart: how often each was right, beside how often the price moved that way. */
  readonly byDirection: { readonly buy: DirectionRecord; readonly sell: DirectionRecord };
}

/** Fewer scored predictions than this earn no weight, whatever they scored. */
export const MIN_SCORED = 200;
/** An edge of this much (5 points of accuracy at the low end of the interval) earns full weight. */
export const FULL_WEIGHT_EDGE = 0.05;

export function weightFor(edge: number, n: number): number {
  if (n < MIN_SCORED || !(edge > 0)) return 0;
  return Math.min(1, edge / FULL_WEIGHT_EDGE);
}

export interface ScoreInput {
  /** Per candle: +1 predicted up, −1 down, 0 no prediction. */
  readonly predictions: Int8Array;
  /** futureMoves(close, horizon). */
  readonly moves: Int8Array;
  readonly close: ArrayLike<number>;
  /** Open times (ms) and candle length, to state the period in close times. */
  readonly timestamp: ArrayLike<number>;
  readonly timeframeMs: number;
  /** The period: candles [from, to). Every candle in it must have a known outcome. */
  readonly from: number;
  readonly to: number;
}

/** The track record of `predictions` over [from, to), ties left out. */
export function trackRecord(input: ScoreInput, bootstrap: BootstrapOptions = {}): TrackRecord {
  const { predictions, moves, close, from, to } = input;
  const correct: number[] = [];
  let eligible = 0;
  let ups = 0;
  let upRight = 0;
  let persistenceRight = 0;
  const buy = { right: 0, n: 0 };
  const sell = { right: 0, n: 0 };
  let first = -1;
  let last = -1;
  for (let i = from; i < to; i++) {
    const move = moves[i]!;
    if (move === 0) continue;
    eligible++;
    if (move > 0) ups++;
    const p = predictions[i]!;
    if (p === 0) continue;
    if (first < 0) first = i;
    last = i;
    const right = p === move ? 1 : 0;
    correct.push(right);
    if (move > 0) upRight++;
    if (persistenceGuess(close, i) === move) persistenceRight++;
    const side = p > 0 ? buy : sell;
    side.n++;
    side.right += right;
  }
  const n = correct.length;
  const hits = correct.reduce((a, b) => a + b, 0);
  const accuracy: SignalAccuracy = { ...of(hits, n), ci95: blockBootstrap95(correct, bootstrap), wilson95: wilson95(hits, n) };
  const baselines: Record<BaselineName, Accuracy> = {
    always_up: of(upRight, n),
    always_down: of(n - upRight, n),
    persistence: of(persistenceRight, n),
    reversal: of(n - persistenceRight, n),
  };
  const bestBaseline = BASELINE_NAMES.reduce((best, name) => (baselines[name].rate > baselines[best].rate ? name : best));
  const edge = n ? accuracy.ci95.low - baselines[bestBaseline].rate : -1;
  const upShare = eligible ? ups / eligible : 0;
  const downShare = eligible ? 1 - upShare : 0;
  const closeTime = (i: number) => input.timestamp[i]! + input.timeframeMs;
  return {
    n,
    coverage: eligible ? n / eligible : 0,
    from: first < 0 ? null : closeTime(first),
    to: last < 0 ? null : closeTime(last),
    accuracy,
    baselines,
    bestBaseline,
    edge,
    weight: weightFor(edge, n),
    byDirection: { buy: { ...of(buy.right, buy.n), baseRate: upShare }, sell: { ...of(sell.right, sell.n), baseRate: downShare } },
  };
}

function of(right: number, n: number): Accuracy {
  return { right, n, rate: n ? right / n : 0 };
}
