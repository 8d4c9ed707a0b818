// Walk-forward evaluation of a reinforcement-learning agent: trained on the candles before a date,
// then run greedily on the candles from that date on, beside buy-and-hold and the EMA cross over
// the same candles, with the same fee and fill model and the same starting cash. All three can
// first act at the open of the first test candle; each is marked at every test close.
import type { CandleSeries } from '../../market/candle-file.js';
import { dec } from '../../shared/decimal.js';
import { AppError } from '../../shared/errors.js';
import { emaCross } from '../../signals/strategies/index.js';
import { candleRange } from '../candle-slice.js';
import { createFillModel } from '../fill-model.js';
import { simulate } from '../simulate.js';
import { maxDrawdown, periodsPerYear, returnStats } from '../statistics.js';
import { ACTIONS, actionLabel } from './actions.js';
import type { Environment, Policy } from './agent.js';
import { marketFeatures, OBSERVATION_WARM_UP } from './observation.js';
import { TradingEnv, type TradingEnvOptions } from './trading-env.js';

export interface WalkForwardInput {
  candles: CandleSeries;
  /** The test period starts at the first candle opening at or after this time (ms, UTC). */
  trainUntil: number;
  cash: number;
  feeRate: number;
  /** Trains an agent on the training environment (the caller picks the algorithm and its seed). */
  train: (env: Environment) => Promise<Policy>;
  /** Reward weights of the environment (defaults: trading-env.ts). */
  reward?: Pick<TradingEnvOptions, 'riskAversion' | 'drawdownPenalty' | 'rewardScale'>;
  ema?: { fast: number; slow: number };
}

export interface Outcome {
  name: string;
  totalReturn: number;
  maxDrawdown: number;
  sharpe: number | null;
  /** Fills (a round trip is two). */
  orders: number;
  finalEquity: number;
}

export interface WalkForwardReport {
  symbol: string;
  timeframe: string;
  feeRate: number;
  cash: number;
  train: { from: number; to: number; candles: number };
  test: { from: number; to: number; candles: number };
  policy: string;
  agent: Outcome;
  buyAndHold: Outcome;
  emaCross: Outcome;
  /** How often the agent chose each action over the test candles. */
  actions: Record<string, number>;
}

export class WalkForwardError extends AppError {
  constructor(message: string) {
    super('rl.walk_forward', message);
  }
}

/** Fewest candles in each period: a few days of hourly candles beyond the warm-up. */
export const MIN_PERIOD = 100;

export async function walkForward(input: WalkForwardInput): Promise<WalkForwardReport> {
  const { candles, cash, feeRate } = input;
  let split = 0;
  while (split < candles.length && candles.timestamp[split]! < input.trainUntil) split++;
  if (split - OBSERVATION_WARM_UP < MIN_PERIOD) throw new WalkForwardError(`only ${Math.max(0, split - OBSERVATION_WARM_UP)} training candles before ${new Date(input.trainUntil).toISOString()} (after the ${OBSERVATION_WARM_UP}-candle warm-up): at least ${MIN_PERIOD} are needed`);
  if (candles.length - split < MIN_PERIOD) throw new WalkForwardError(`only ${candles.length - split} test candles from ${new Date(input.trainUntil).toISOString()} on: at least ${MIN_PERIOD} are needed`);
  const features = marketFeatures(candles);
  const common = { cash, feeRate, features, ...input.reward };
  // Training never steps past the last training candle: its last fill is at that candle's open.
  const trainEnv = new TradingEnv(candles, { ...common, start: OBSERVATION_WARM_UP, end: split });
  const policy = await input.train(trainEnv);
  try {
    // The test episode observes the close of the last training candle (the past) and acts at the
    // first test open.
    const testEnv = new TradingEnv(candles, { ...common, start: split - 1, end: candles.length });
    const counts = new Array<number>(ACTIONS.length).fill(0);
    let obs = testEnv.reset();
    for (let done = false; !done; ) {
      const action = policy.act(obs);
      counts[action]!++;
      const s = testEnv.step(action);
      obs = s.observation;
      done = s.done;
    }
    const ppy = periodsPerYear(candles.timeframeMs);
    const outcome = (name: string, equity: ArrayLike<number>, orders: number): Outcome => {
      const last = equity[equity.length - 1]!;
      return { name, totalReturn: last / cash - 1, maxDrawdown: maxDrawdown(equity, cash), sharpe: returnStats(equity, cash, ppy).sharpe, orders, finalEquity: last };
    };
    const test = candleRange(candles, split, candles.length);

    // Buy-and-hold: all cash in at the first test open, fee on the notional, marked at each close.
    const held = cash / (1 + feeRate) / test.open[0]!;
    const holdCurve = Float64Array.from(test.close, (c) => held * c);

    // The EMA cross, computed on every candle up to each close (it is causal), acting on the signal
    // of the last training close at the first test open, as the agent does.
    const ema = emaCross(input.ema ?? { fast: 12, slow: 26 });
    const window = candleRange(candles, split - 1, candles.length);
    const targets = ema.targets(candles).subarray(split - 1);
    const sim = simulate(window, targets, dec(cash), createFillModel(window, { feeRate, slippage: 'none' }));
    const emaOrders = sim.trades.reduce((n, t) => n + (t.exitIndex >= 0 ? 2 : 1), 0);

    return {
      symbol: candles.symbol,
      timeframe: candles.timeframe,
      feeRate,
      cash,
      train: { from: candles.timestamp[OBSERVATION_WARM_UP]!, to: candles.timestamp[split - 1]!, candles: split - OBSERVATION_WARM_UP },
      test: { from: test.timestamp[0]!, to: test.timestamp[test.length - 1]!, candles: test.length },
      policy: policy.describe(),
      agent: outcome('RL agent', testEnv.equity.slice(1), testEnv.orders),
      buyAndHold: outcome('buy-and-hold', holdCurve, 1),
      emaCross: outcome(`EMA cross ${ema.params.fast}/${ema.params.slow}`, sim.equity.subarray(1), emaOrders),
      actions: Object.fromEntries(counts.map((c, a) => [actionLabel(a), c])),
    };
  } finally {
    policy.dispose();
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function formatWalkForward(r: WalkForwardReport): string {
  const rows = [r.agent, r.buyAndHold, r.emaCross];
  const lines = [
    `${r.symbol} ${r.timeframe}, fee ${(r.feeRate * 100).toFixed(2)} % per side, cash ${r.cash}`,
    `trained on ${day(r.train.from)} → ${day(r.train.to)} (${r.train.candles} candles); tested out of sample on ${day(r.test.from)} → ${day(r.test.to)} (${r.test.candles} candles)`,
    `agent: ${r.policy}`,
    '',
    `${'out of sample'.padEnd(18)}${'return'.padStart(10)}${'max DD'.padStart(10)}${'Sharpe'.padStart(9)}${'orders'.padStart(8)}`,
    ...rows.map((o) => `${o.name.padEnd(18)}${pct(o.totalReturn).padStart(10)}${pct(o.maxDrawdown).padStart(10)}${(o.sharpe === null ? '—' : o.sharpe.toFixed(2)).padStart(9)}${String(o.orders).padStart(8)}`),
    '',
    `agent's actions: ${Object.entries(r.actions).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    verdict(r),
  ];
  return lines.join('\n') + '\n';
}

function verdict(r: WalkForwardReport): string {
  const beats = (o: Outcome) => r.agent.totalReturn > o.totalReturn;
  const names = [r.buyAndHold, r.emaCross].filter((o) => !beats(o)).map((o) => o.name);
  const lost = r.agent.totalReturn < 0 ? ` It still lost ${pct(-r.agent.totalReturn)}.` : '';
  if (names.length === 0) return `The agent did better than both baselines on return over this one test period (one period is not evidence of an edge).${lost}`;
  return `The agent did not beat ${names.join(' or ')} on return over this test period.${lost}`;
}
