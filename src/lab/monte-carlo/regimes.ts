// (c) Regime switches. The data's candles are labelled calm, trending or crash, each regime gets a
// drift and a volatility, and the labels' candle-to-candle changes give a Markov chain; a scenario
// walks that chain and draws each candle's close from its regime.
//
// The estimate, deliberately simple (and shown in the Monte Carlo output):
//   1. r_i = ln(close_i / close_{i−1}); R_i = the sum of the last `window` of them (a trailing
//      window, 7 days of candles by default; fewer at the start of the data).
//   2. crash: R_i in the lowest 10 % of all R and below 0 (the sharpest falls);
//      trending: R_i in the highest 25 % and above 0 (the strongest rises); calm: the rest.
//   3. drift and volatility of a regime: mean and standard deviation of r_i over its candles.
//   4. transition probability a → b: the share of a-candles followed by a b-candle.
// Simulating: the first regime is drawn from the regimes' shares of the data; each close is
// previous close · exp(drift + volatility · z), z standard normal; the candle's open gap, wicks and
// volume are those of a random data candle of the same regime; then the chain moves on.
import type { CandleSeries } from '../../market/candle-file.js';
import { quantileSorted } from '../statistics.js';
import { copyFirst, emptyScenario, type CandleShapes } from './candle-shapes.js';
import { normalFrom, randomIndex, type Uniform } from './random.js';

export const REGIMES = ['calm', 'trending', 'crash'] as const;
export type Regime = (typeof REGIMES)[number];
const CALM = 0;
const TRENDING = 1;
const CRASH = 2;

const CRASH_QUANTILE = 0.1;
const TREND_QUANTILE = 0.75;
const WINDOW_MS = 7 * 86_400_000;

export interface RegimeParams {
  /** Mean log return per candle. */
  drift: number;
  /** Standard deviation of the log return per candle. */
  volatility: number;
  /** Share of the data's candles in this regime. */
  share: number;
}

/** The estimate, as plain data (it crosses to the worker threads and into the report). */
export interface RegimeModel {
  /** Candles in the trailing window that labels a candle. */
  window: number;
  /** Trailing window log returns at or below `crash` are crashes, at or above `trending` trends. */
  thresholds: { crash: number; trending: number };
  params: Record<Regime, RegimeParams>;
  /** transitions[from][to], in REGIMES order; each row sums to 1. */
  transitions: number[][];
  /** The label of each candle (index 0 unused), for drawing candle shapes of the same regime. */
  labels: Uint8Array;
}

export function estimateRegimes(candles: CandleSeries, shapes: CandleShapes): RegimeModel {
  const n = candles.length;
  const window = Math.max(1, Math.min(Math.round(WINDOW_MS / candles.timeframeMs), Math.floor((n - 1) / 4)));
  const trailing = new Float64Array(n);
  let sum = 0;
  for (let i = 1; i < n; i++) {
    sum += shapes.close[i]!;
    if (i > window) sum -= shapes.close[i - window]!;
    trailing[i] = sum;
  }
  const sorted = trailing.slice(1).sort();
  const crash = quantileSorted(sorted, CRASH_QUANTILE);
  const trending = quantileSorted(sorted, TREND_QUANTILE);
  const labels = new Uint8Array(n);
  for (let i = 1; i < n; i++) {
    const r = trailing[i]!;
    labels[i] = r <= crash && r < 0 ? CRASH : r >= trending && r > 0 ? TRENDING : CALM;
  }
  const count = [0, 0, 0];
  const total = [0, 0, 0];
  const moves = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 1; i < n; i++) {
    const k = labels[i]!;
    count[k]!++;
    total[k]! += shapes.close[i]!;
    if (i + 1 < n) moves[k]![labels[i + 1]!]!++;
  }
  const drift = total.map((t, k) => (count[k]! > 0 ? t / count[k]! : 0));
  const squares = [0, 0, 0];
  for (let i = 1; i < n; i++) squares[labels[i]!]! += (shapes.close[i]! - drift[labels[i]!]!) ** 2;
  const params = {} as Record<Regime, RegimeParams>;
  REGIMES.forEach((name, k) => {
    params[name] = { drift: drift[k]!, volatility: count[k]! > 1 ? Math.sqrt(squares[k]! / (count[k]! - 1)) : 0, share: count[k]! / Math.max(1, n - 1) };
  });
  const transitions = moves.map((row, k) => {
    const out = row.reduce((a, b) => a + b, 0);
    return out > 0 ? row.map((m) => m / out) : row.map((_, to) => (to === k ? 1 : 0));
  });
  return { window, thresholds: { crash, trending }, params, transitions, labels };
}

/** The model without the per-candle labels: what a report shows. */
export function describeRegimes(model: RegimeModel): Omit<RegimeModel, 'labels'> {
  const { labels: _labels, ...rest } = model;
  return rest;
}

/** The data's candles of each regime (REGIMES order), where a scenario draws candle shapes from. */
export function regimePools(model: RegimeModel): Int32Array[] {
  const pools: number[][] = [[], [], []];
  for (let i = 1; i < model.labels.length; i++) pools[model.labels[i]!]!.push(i);
  return pools.map((p) => Int32Array.from(p));
}

export function regimeScenario(candles: CandleSeries, shapes: CandleShapes, model: RegimeModel, pools: readonly Int32Array[], random: Uniform): CandleSeries {
  const n = candles.length;
  const out = emptyScenario(candles, `${candles.source} (regimes)`);
  copyFirst(out, candles);
  const z = normalFrom(random);
  const shares = REGIMES.map((name) => model.params[name].share);
  let regime = pick(shares, random());
  const o = out.open as Float64Array, h = out.high as Float64Array, l = out.low as Float64Array, c = out.close as Float64Array, v = out.volume as Float64Array;
  for (let i = 1; i < n; i++) {
    const p = model.params[REGIMES[regime]!];
    const pool = pools[regime]!;
    const donor = pool[randomIndex(random, pool.length)]!;
    const prev = c[i - 1]!;
    const gap = shapes.gap[donor]!;
    const donorClose = shapes.close[donor]!;
    const close = prev * Math.exp(p.drift + p.volatility * z());
    const open = prev * Math.exp(gap);
    o[i] = open;
    c[i] = close;
    h[i] = Math.max(open, close) * Math.exp(shapes.high[donor]! - Math.max(gap, donorClose));
    l[i] = Math.min(open, close) * Math.exp(shapes.low[donor]! - Math.min(gap, donorClose));
    v[i] = candles.volume[donor]!;
    regime = pick(model.transitions[regime]!, random());
  }
  return out;
}

/** The index whose cumulative weight first exceeds u (weights summing to 1). */
function pick(weights: readonly number[], u: number): number {
  let acc = 0;
  for (let k = 0; k < weights.length; k++) {
    acc += weights[k]!;
    if (u < acc && weights[k]! > 0) return k;
  }
  // Rounding left u above the total: the last regime with any weight.
  for (let k = weights.length - 1; k >= 0; k--) if (weights[k]! > 0) return k;
  return 0;
}
