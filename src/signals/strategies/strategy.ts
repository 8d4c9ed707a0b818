// What a strategy is, for the backtester today and live signals later: a pure function of candle
// columns that says, at each candle's close, which position it wants — computed only from that
// candle and the ones before it. Acting on it (at the next candle's open) is the caller's job.
import type { CandleSeries } from '../../market/candle-file.js';
import { AppError } from '../../shared/errors.js';

/** The candle columns a strategy may read (a CandleSeries, or a prefix of one). */
export type StrategyCandles = Pick<CandleSeries, 'length' | 'timestamp' | 'open' | 'high' | 'low' | 'close' | 'volume'>;

/** A position a strategy may ask for: flat or long (spot, long-only). */
export const FLAT = 0;
export const LONG = 1;

export interface Strategy {
  /** The registry name, e.g. `ema-cross`. */
  readonly name: string;
  /** The validated parameters, defaults filled in. */
  readonly params: Readonly<Record<string, number>>;
  /** Candles needed before the first signal can appear (the indicators' warm-up). */
  readonly warmUp: number;
  /**
   * One cell per candle: the position wanted once candle i has closed (FLAT or LONG), decided from
   * candles 0..i only. The same call on a prefix of the candles must give the same cells for that
   * prefix (the backtester's look-ahead guard checks this).
   */
  targets(candles: StrategyCandles): Uint8Array;
}

/** A strategy's parameters are wrong: the message names the parameter and what it must be. */
export class StrategyParamError extends AppError {
  constructor(strategy: string, message: string) {
    super('strategy.invalid_params', `${strategy}: ${message}`);
  }
}

/** An unknown strategy name. */
export class UnknownStrategy extends AppError {
  constructor(name: string, known: readonly string[]) {
    super('strategy.unknown', `unknown strategy "${name}" (known: ${known.join(', ')})`, { params: { name } });
  }
}

/**
 * Position after each candle from entry and exit events: LONG from an entry until the next exit.
 * An exit on the same candle as an entry wins (the cautious reading of a conflicting candle).
 */
export function holdBetween(entries: ArrayLike<number>, exits: ArrayLike<number>): Uint8Array {
  const n = entries.length;
  const out = new Uint8Array(n);
  let state = FLAT;
  for (let i = 0; i < n; i++) {
    if (exits[i]) state = FLAT;
    else if (entries[i]) state = LONG;
    out[i] = state;
  }
  return out;
}

export interface ParamSpec {
  readonly name: string;
  readonly default: number;
  readonly doc: string;
  /** Integers only (periods). */
  readonly integer?: boolean;
  readonly min: number;
  readonly max: number;
}

/**
 * Checks `given` against `specs` and fills in defaults: every value a finite number in [min, max]
 * (an integer where the spec says so), no parameter the strategy does not have.
 */
export function readParams(strategy: string, specs: readonly ParamSpec[], given: Readonly<Record<string, number | undefined>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(given)) {
    if (given[key] !== undefined && !specs.some((s) => s.name === key)) {
      throw new StrategyParamError(strategy, `has no parameter "${key}" (its parameters: ${specs.map((s) => s.name).join(', ')})`);
    }
  }
  for (const spec of specs) {
    const value = given[spec.name] ?? spec.default;
    if (typeof value !== 'number' || !Number.isFinite(value) || (spec.integer && !Number.isInteger(value)) || value < spec.min || value > spec.max) {
      throw new StrategyParamError(strategy, `${spec.name} must be ${spec.integer ? 'an integer' : 'a number'} from ${spec.min} to ${spec.max}, got ${String(value)}`);
    }
    out[spec.name] = value;
  }
  return out;
}
