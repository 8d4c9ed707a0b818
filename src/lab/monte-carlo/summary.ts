// The distribution over scenarios: quantiles of each figure, VaR and CVaR of the return, and the
// probabilities a user asks about (loss, ruin, doing better than just holding).
import { mean, quantileSorted, sortedFinite } from '../statistics.js';
import { COLUMN, METHODS, WIDTH, type ScenarioColumn, type ScenarioMethod } from './scenario.js';

export interface Distribution {
  /** Scenarios with a value (a Sharpe ratio needs the equity to move at all). */
  count: number;
  mean: number | null;
  p2_5: number | null;
  p5: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p95: number | null;
  p97_5: number | null;
}

export interface ScenarioSummary {
  scenarios: number;
  total_return: Distribution;
  sharpe: Distribution;
  max_drawdown: Distribution;
  trades_closed: Distribution;
  buy_and_hold_return: Distribution;
  /** Loss (as a positive fraction of the start) exceeded in only 5 % of scenarios: −(5th percentile of the return). */
  var_95: number | null;
  /** Mean loss over the worst 5 % of scenarios (the worst ⌈0.05·N⌉ returns), as a positive fraction. */
  cvar_95: number | null;
  prob_loss: number | null;
  /** Share of scenarios whose equity closed below ruin_threshold × the start at least once. */
  prob_ruin: number | null;
  /** Share of scenarios where the strategy returned more than buying and holding the same candles. */
  prob_beats_buy_and_hold: number | null;
  /** 2.5th to 97.5th percentile. */
  interval_95: { total_return: [number, number] | null; sharpe: [number, number] | null; max_drawdown: [number, number] | null };
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function distribution(values: ArrayLike<number>): Distribution {
  const s = sortedFinite(values);
  const q = (p: number) => (s.length ? finiteOrNull(quantileSorted(s, p)) : null);
  return { count: s.length, mean: s.length ? finiteOrNull(mean(s)) : null, p2_5: q(0.025), p5: q(0.05), p25: q(0.25), median: q(0.5), p75: q(0.75), p95: q(0.95), p97_5: q(0.975) };
}

/** Column `name` of the rows (optionally only those of one method). */
export function column(rows: Float64Array, name: ScenarioColumn, method?: ScenarioMethod): Float64Array {
  const n = rows.length / WIDTH;
  const out: number[] = [];
  const want = method === undefined ? -1 : METHODS.indexOf(method);
  for (let r = 0; r < n; r++) {
    if (want >= 0 && rows[r * WIDTH + COLUMN.method] !== want) continue;
    out.push(rows[r * WIDTH + COLUMN[name]]!);
  }
  return Float64Array.from(out);
}

const interval = (d: Distribution): [number, number] | null => (d.p2_5 === null || d.p97_5 === null ? null : [d.p2_5, d.p97_5]);

export function summarize(rows: Float64Array, ruinThreshold: number, method?: ScenarioMethod): ScenarioSummary {
  const returns = column(rows, 'total_return', method);
  const holds = column(rows, 'buy_and_hold_return', method);
  const lowest = column(rows, 'lowest_equity_ratio', method);
  const n = returns.length;
  const total_return = distribution(returns);
  const sharpe = distribution(column(rows, 'sharpe', method));
  const max_drawdown = distribution(column(rows, 'max_drawdown', method));
  const sorted = Float64Array.from(returns).sort();
  const tail = Math.ceil(0.05 * n);
  let losses = 0;
  let ruins = 0;
  let beats = 0;
  for (let i = 0; i < n; i++) {
    if (returns[i]! < 0) losses++;
    if (lowest[i]! < ruinThreshold) ruins++;
    if (returns[i]! > holds[i]!) beats++;
  }
  const share = (k: number) => (n ? k / n : null);
  return {
    scenarios: n,
    total_return,
    sharpe,
    max_drawdown,
    trades_closed: distribution(column(rows, 'trades_closed', method)),
    buy_and_hold_return: distribution(holds),
    var_95: total_return.p5 === null ? null : -total_return.p5,
    cvar_95: n ? -mean(sorted.subarray(0, tail)) : null,
    prob_loss: share(losses),
    prob_ruin: share(ruins),
    prob_beats_buy_and_hold: share(beats),
    interval_95: { total_return: interval(total_return), sharpe: interval(sharpe), max_drawdown: interval(max_drawdown) },
  };
}
