// A trading environment over candles with the usual reset() / step(action) interface, for a
// reinforcement-learning agent. Pure: no clock, no randomness, no I/O.
//
// Timing is the backtester's: the observation at candle t is made at its close from candles ≤ t
// (indicator readings, then the position's and the cash's shares of equity at that close); the
// action chosen then fills at the open of candle t + 1 through the same fill model as backtests
// (src/lab/fill-model.ts: the paper exchange's taker fee on each fill's notional, in decimal), and
// the step ends at the close of t + 1, where the account is marked again.
//
// Reward of a step, with r = ln(equity at close t+1 / equity at close t) — fees are inside r:
//   scale · ( r − riskAversion · r² − drawdownPenalty · max(0, DD(t+1) − DD(t)) )
// where DD is the fall of equity from its peak so far, as a fraction. The r² term is a per-step
// mean–variance penalty (a volatile ride earns less than a smooth one with the same mean); the
// drawdown term charges every deepening of the drawdown, not its recovery.
import type { CandleSeries } from '../../market/candle-file.js';
import { dec, ZERO, type Decimal, type DecimalLike } from '../../shared/decimal.js';
import { AppError } from '../../shared/errors.js';
import { createFillModel, type FillModel } from '../fill-model.js';
import { ACTIONS } from './actions.js';
import { MARKET_FEATURE_COUNT, marketFeatures, OBSERVATION_SIZE, OBSERVATION_WARM_UP } from './observation.js';

export interface TradingEnvOptions {
  /** Starting cash, in quote. */
  cash: DecimalLike;
  /** Taker fee rate on each fill's notional (0.001 = 0.1 %). */
  feeRate: DecimalLike;
  /** Candle whose close is the episode's first observation (default: the first after the warm-up). */
  start?: number;
  /** One past the last candle of the episode (default: all of them). */
  end?: number;
  /** Weight of the squared log return (default 1). */
  riskAversion?: number;
  /** Weight of each deepening of the drawdown (default 1). */
  drawdownPenalty?: number;
  /** Multiplies the reward so hourly figures are not lost in float noise (default 100). */
  rewardScale?: number;
  /** marketFeatures(candles), when the caller has it already (several environments over one series). */
  features?: Float32Array;
}

export interface StepResult {
  /** The observation at the close of the candle the step ended on. */
  observation: Float32Array;
  reward: number;
  /** The episode has reached its last candle: call reset() before stepping again. */
  done: boolean;
  /** Equity marked at that close (cash + position × close). */
  equity: number;
  /** What was filled at the open: nothing (a hold, or nothing to buy or sell with), a buy or a sell. */
  filled: 'buy' | 'sell' | null;
  /** Fee paid by that fill, in quote. */
  fee: number;
}

export class TradingEnvError extends AppError {
  constructor(message: string) {
    super('rl.invalid_env', message);
  }
}

export class TradingEnv {
  readonly observationSize = OBSERVATION_SIZE;
  readonly actionCount = ACTIONS.length;
  readonly start: number;
  readonly end: number;
  private readonly features: Float32Array;
  private readonly fills: FillModel;
  private readonly startCash: Decimal;
  private readonly riskAversion: number;
  private readonly drawdownPenalty: number;
  private readonly rewardScale: number;
  /** Smaller orders than this (a millionth of the starting cash) are not sent: dust. */
  private readonly dust: number;
  private t = -1;
  private cash = ZERO;
  private amount = ZERO;
  private peak = 0;
  private drawdown = 0;
  private equityNow = 0;
  private curve: number[] = [];
  private orderCount = 0;
  private feeTotal = ZERO;

  constructor(
    private readonly candles: CandleSeries,
    options: TradingEnvOptions,
  ) {
    this.startCash = dec(options.cash);
    if (!this.startCash.isFinite() || this.startCash.lte(0)) throw new TradingEnvError(`cash must be above 0, got ${String(options.cash)}`);
    const fee = dec(options.feeRate);
    if (!fee.isFinite() || fee.lt(0) || fee.gte(1)) throw new TradingEnvError(`fee must be at least 0 and below 1, got ${String(options.feeRate)}`);
    this.features = options.features ?? marketFeatures(candles);
    if (this.features.length !== candles.length * MARKET_FEATURE_COUNT) throw new TradingEnvError('features do not match the candles');
    this.start = options.start ?? OBSERVATION_WARM_UP;
    this.end = options.end ?? candles.length;
    if (this.start < OBSERVATION_WARM_UP) throw new TradingEnvError(`an episode starts at candle ${OBSERVATION_WARM_UP} or later (the indicators' warm-up), got ${this.start}`);
    if (this.end > candles.length || this.end - this.start < 2) throw new TradingEnvError(`an episode needs at least 2 candles between start ${this.start} and end ${this.end} (of ${candles.length})`);
    this.fills = createFillModel(candles, { feeRate: fee, slippage: 'none' });
    this.riskAversion = options.riskAversion ?? 1;
    this.drawdownPenalty = options.drawdownPenalty ?? 1;
    this.rewardScale = options.rewardScale ?? 100;
    this.dust = this.startCash.toNumber() * 1e-6;
  }

  /** Starts an episode: all cash, no position, at the close of `start`. */
  reset(): Float32Array {
    this.t = this.start;
    this.cash = this.startCash;
    this.amount = ZERO;
    this.equityNow = this.startCash.toNumber();
    this.peak = this.equityNow;
    this.drawdown = 0;
    this.curve = [this.equityNow];
    this.orderCount = 0;
    this.feeTotal = ZERO;
    return this.observe();
  }

  /** Acts on ACTIONS[action] at the next open and moves to that candle's close. */
  step(action: number): StepResult {
    if (this.t < 0) throw new TradingEnvError('call reset() before step()');
    if (this.t >= this.end - 1) throw new TradingEnvError('the episode is over: call reset()');
    const chosen = ACTIONS[action];
    if (!chosen) throw new TradingEnvError(`action must be 0 to ${ACTIONS.length - 1}, got ${action}`);
    const i = this.t + 1;
    let filled: StepResult['filled'] = null;
    let fee = ZERO;
    if (chosen.kind === 'buy' && this.cash.toNumber() * chosen.size > this.dust) {
      const fill = this.fills.buy(i, chosen.size === 1 ? this.cash : this.cash.mul(chosen.size));
      this.cash = this.cash.minus(fill.cost.plus(fill.fee));
      this.amount = this.amount.plus(fill.amount);
      fee = fill.fee;
      filled = 'buy';
    } else if (chosen.kind === 'sell' && this.amount.gt(0)) {
      const worth = this.amount.toNumber() * this.candles.open[i]!;
      if (worth * chosen.size > this.dust) {
        // What would remain is dust: sell it all.
        const all = chosen.size === 1 || worth * (1 - chosen.size) <= this.dust;
        const fill = this.fills.sell(i, all ? this.amount : this.amount.mul(chosen.size));
        this.cash = this.cash.plus(fill.cost.minus(fill.fee));
        this.amount = all ? ZERO : this.amount.minus(fill.amount);
        fee = fill.fee;
        filled = 'sell';
      }
    }
    if (filled) {
      this.orderCount++;
      this.feeTotal = this.feeTotal.plus(fee);
    }
    const before = this.equityNow;
    this.t = i;
    this.equityNow = this.cash.toNumber() + this.amount.toNumber() * this.candles.close[i]!;
    this.curve.push(this.equityNow);
    const r = Math.log(this.equityNow / before);
    if (this.equityNow > this.peak) this.peak = this.equityNow;
    const drawdown = 1 - this.equityNow / this.peak;
    const deeper = Math.max(0, drawdown - this.drawdown);
    this.drawdown = drawdown;
    const reward = this.rewardScale * (r - this.riskAversion * r * r - this.drawdownPenalty * deeper);
    return { observation: this.observe(), reward, done: this.t >= this.end - 1, equity: this.equityNow, filled, fee: fee.toNumber() };
  }

  /** The candle whose close the last observation was made at. */
  get index(): number {
    return this.t;
  }

  /** Equity at every close of the episode so far, from the start's. */
  get equity(): readonly number[] {
    return this.curve;
  }

  get orders(): number {
    return this.orderCount;
  }

  get fees(): Decimal {
    return this.feeTotal;
  }

  get account(): { cash: Decimal; amount: Decimal } {
    return { cash: this.cash, amount: this.amount };
  }

  private observe(): Float32Array {
    const out = new Float32Array(OBSERVATION_SIZE);
    out.set(this.features.subarray(this.t * MARKET_FEATURE_COUNT, (this.t + 1) * MARKET_FEATURE_COUNT));
    const held = this.amount.toNumber() * this.candles.close[this.t]!;
    const equity = this.cash.toNumber() + held;
    out[MARKET_FEATURE_COUNT] = equity > 0 ? held / equity : 0;
    out[MARKET_FEATURE_COUNT + 1] = equity > 0 ? this.cash.toNumber() / equity : 0;
    return out;
  }
}
