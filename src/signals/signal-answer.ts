// What "should I buy SOL?" gets: the combined call, the readings behind it, and — beside every
// call — how often calls of that kind were right out of sample on that pair, next to the best naive
// guess, over a stated period and sample. Pure functions over the parts; signal-service.ts fetches them.
import type { Interval } from './evaluation/accuracy-interval.js';
import type { PairEvaluation } from './evaluation/evaluate-pair.js';
import { BASELINE_LABELS, type BaselineName, type TrackRecord } from './evaluation/track-record.js';
import { directionOf, directionSign, type SignalDirection, type SignalReason } from './signal-types.js';
import type { TechnicalSignal } from './technical-signal.js';

/** The combined score must reach ±this for a buy or a sell: a weighted edge of at least half a point of accuracy. */
export const COMBINED_THRESHOLD = 0.1;

export const NOT_ADVICE = 'Not financial advice: a statistical reading of past prices that is often wrong; past accuracy does not promise future results.';

/** A track record as the chat shows it: one kind of signal on one pair, out of sample. */
export interface TrackRecordView {
  readonly signal: 'technical' | 'model';
  /** First and last candle close (ms) of the scored calls. */
  readonly from: number | null;
  readonly to: number | null;
  /** Candles ahead each call was about (4 on 1h: the next 4 hours). */
  readonly horizonCandles: number;
  /** Calls scored, and how many were right. */
  readonly n: number;
  readonly right: number;
  readonly rate: number;
  /** 95 % interval of the rate (moving-block bootstrap). */
  readonly ci95: Interval;
  /** The best naive guess on the same candles: the bar. */
  readonly baseline: { readonly name: BaselineName; readonly label: string; readonly rate: number };
  /** The two naive guesses everyone knows, on the same candles. */
  readonly alwaysUp: number;
  readonly sameAsLast: number;
  /** Whether the low end of the interval clears the bar. */
  readonly beatsBaseline: boolean;
  /** Its weight in the combined call, in [0, 1]. */
  readonly weight: number;
  /** Past calls in the direction called now: how often they were right, beside how often the price moved that way. */
  readonly sameDirection: { readonly direction: 'buy' | 'sell'; readonly n: number; readonly right: number; readonly rate: number; readonly baseRate: number } | null;
}

export interface TechnicalPart {
  readonly direction: SignalDirection;
  readonly score: number;
  readonly strength: number;
  readonly confidence: number;
  readonly weight: number;
  readonly record: TrackRecordView | null;
}

export interface ModelPart {
  /** The model always calls: buy when P(up) > 0.5, else sell. */
  readonly direction: 'buy' | 'sell';
  readonly pUp: number;
  /** 2·P(up) − 1. */
  readonly score: number;
  readonly weight: number;
  readonly record: TrackRecordView | null;
  /** What it is and where it ran, e.g. "logistic regression (TensorFlow.js 4.22.0, wasm backend)". */
  readonly description: string;
  /** Close time (ms) of the last candle it learned from. */
  readonly trainedTo: number;
  /** The model was trained on prices later than the candle read (a replay of its own past): weight 0 whatever its record. */
  readonly hindsight: boolean;
}

export type Verdict =
  /** At least one part beat the best naive guess out of sample on this pair, and carries weight. */
  | 'edge'
  /** Measured, and nothing beat the best naive guess: the call is hold. */
  | 'no_edge'
  /** No out-of-sample record for this pair and timeframe: no call is made. */
  | 'not_measured';

export interface SignalAnswer {
  readonly symbol: string;
  readonly timeframe: string;
  /** Close time (ms) of the candle it was read on, and when a new reading replaces it (the next close). */
  readonly at: number;
  readonly expiresAt: number;
  readonly price: number;
  /** The calls are about the direction of the next `candles` candles, until `until` (ms). */
  readonly horizon: { readonly candles: number; readonly until: number };
  /** The combined call: Σ weight·call / max(1, Σ weight), each part calling −1, 0 or +1 and weighted by its record. */
  readonly direction: SignalDirection;
  readonly score: number;
  readonly strength: number;
  /** Agreement of the weighted parts, in [0, 1] (0 when no part carries weight). */
  readonly confidence: number;
  readonly verdict: Verdict;
  /** The technical readings, those weighing most first (each with its value). */
  readonly reasons: readonly SignalReason[];
  readonly technical: TechnicalPart;
  /** null when no trained model is available for this pair (see modelNote). */
  readonly model: ModelPart | null;
  readonly modelNote: string | null;
  /** One plain sentence: the call and the measurement behind it. */
  readonly summary: string;
  readonly notAdvice: string;
}

export function recordView(signal: 'technical' | 'model', record: TrackRecord, horizonCandles: number, direction: SignalDirection): TrackRecordView {
  const side = direction === 'buy' || direction === 'sell' ? direction : null;
  const same = side ? record.byDirection[side] : null;
  return {
    signal,
    from: record.from,
    to: record.to,
    horizonCandles,
    n: record.n,
    right: record.accuracy.right,
    rate: record.accuracy.rate,
    ci95: record.accuracy.ci95,
    baseline: { name: record.bestBaseline, label: BASELINE_LABELS[record.bestBaseline], rate: record.baselines[record.bestBaseline].rate },
    alwaysUp: record.baselines.always_up.rate,
    sameAsLast: record.baselines.persistence.rate,
    beatsBaseline: record.weight > 0,
    weight: record.weight,
    sameDirection: same && side ? { direction: side, n: same.n, right: same.right, rate: same.rate, baseRate: same.baseRate } : null,
  };
}

export interface CombineInput {
  readonly technical: TechnicalSignal;
  readonly evaluation: PairEvaluation | undefined;
  /** P(up) from the pair's model, with what the model is; undefined without one. */
  readonly model: { readonly pUp: number; readonly description: string; readonly trainedTo: number; readonly hindsight: boolean } | undefined;
  readonly modelNote: string | null;
  /** Candles ahead the calls are about (the report's horizon, else 4). */
  readonly horizon: number;
  readonly timeframeMs: number;
}

export function combine(input: CombineInput): SignalAnswer {
  const { technical, evaluation } = input;
  const techRecord = evaluation ? recordView('technical', evaluation.technical, input.horizon, technical.direction) : null;
  const technicalPart: TechnicalPart = {
    direction: technical.direction,
    score: technical.score,
    strength: technical.strength,
    confidence: technical.confidence,
    weight: techRecord?.weight ?? 0,
    record: techRecord,
  };
  let modelPart: ModelPart | null = null;
  if (input.model) {
    const direction = input.model.pUp > 0.5 ? 'buy' : 'sell';
    const record = evaluation ? recordView('model', evaluation.model, input.horizon, direction) : null;
    // A model trained on later prices than the candle it reads is not forecasting: its record does not vouch for that call.
    const weight = input.model.hindsight ? 0 : (record?.weight ?? 0);
    modelPart = { direction, pUp: input.model.pUp, score: 2 * input.model.pUp - 1, weight, record, description: input.model.description, trainedTo: input.model.trainedTo, hindsight: input.model.hindsight };
  }
  const calls: { weight: number; call: number }[] = [
    { weight: technicalPart.weight, call: directionSign(technicalPart.direction) },
    ...(modelPart ? [{ weight: modelPart.weight, call: directionSign(modelPart.direction) }] : []),
  ];
  const totalWeight = calls.reduce((s, c) => s + c.weight, 0);
  const pull = calls.reduce((s, c) => s + c.weight * c.call, 0);
  const loud = calls.reduce((s, c) => s + c.weight * Math.abs(c.call), 0);
  const score = pull / Math.max(1, totalWeight);
  const direction = directionOf(score, COMBINED_THRESHOLD);
  const verdict: Verdict = !evaluation ? 'not_measured' : totalWeight > 0 ? 'edge' : 'no_edge';
  const answer = {
    symbol: technical.symbol,
    timeframe: technical.timeframe,
    at: technical.at,
    expiresAt: technical.expiresAt,
    price: technical.price,
    horizon: { candles: input.horizon, until: technical.at + input.horizon * input.timeframeMs },
    direction,
    score,
    strength: Math.abs(score),
    confidence: loud > 0 ? Math.abs(pull) / loud : 0,
    verdict,
    reasons: technical.reasons,
    technical: technicalPart,
    model: modelPart,
    modelNote: input.modelNote,
    notAdvice: NOT_ADVICE,
  };
  return { ...answer, summary: summarise(answer) };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const day = (ms: number | null) => (ms === null ? '?' : new Date(ms).toISOString().slice(0, 10));

function measured(r: TrackRecordView): string {
  return `right ${pct(r.rate)} of the time (95% CI ${pct(r.ci95.low)}–${pct(r.ci95.high)}, n = ${r.n}, ${day(r.from)} → ${day(r.to)}) against ${pct(r.baseline.rate)} for "${r.baseline.label}"`;
}

function summarise(a: Omit<SignalAnswer, 'summary'>): string {
  const pair = `${a.symbol} ${a.timeframe}`;
  if (a.verdict === 'not_measured') return `No call for ${pair}: there is no out-of-sample track record for it yet, so the readings below are information only.`;
  const parts: { name: string; whose: string; r: TrackRecordView; weight: number }[] = [];
  if (a.technical.record) parts.push({ name: 'the indicators', whose: "the indicators'", r: a.technical.record, weight: a.technical.weight });
  if (a.model?.record) parts.push({ name: 'the model', whose: "the model's", r: a.model.record, weight: a.model.weight });
  if (a.verdict === 'no_edge' && a.model?.hindsight) {
    const t = a.technical.record;
    const tech = t ? `, and the indicators did not beat a naive guess out of sample (${day(t.from)} → ${day(t.to)})` : '';
    return `Hold: on ${pair}, the model was trained on later prices than these, so its call is hindsight and does not count${tech}; no call is made.`;
  }
  if (a.verdict === 'no_edge') {
    const who = parts.length > 1 ? 'neither the indicators nor the model' : parts[0]!.name;
    const r = parts[0]!.r;
    return `Hold: on ${pair}, ${who} ${parts.length > 1 ? 'beat' : 'did not beat'} a naive guess out of sample (${day(r.from)} → ${day(r.to)}), so no call is made.`;
  }
  const behind = parts
    .filter((p) => p.weight > 0)
    .map((p) => `${p.whose} calls were ${measured(p.r)}`)
    .join('; ');
  const word = a.direction === 'hold' ? 'Hold' : `${a.direction === 'buy' ? 'Buy' : 'Sell'}, ${a.strength >= 0.5 ? 'moderately' : 'weakly'},`;
  const lean = a.direction === 'hold' ? ' (the calls that carry weight are too weak or disagree)' : '';
  return `${word} for the next ${a.horizon.candles} ${a.timeframe} candles${lean}: ${behind}.`;
}
