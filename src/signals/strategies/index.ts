// The strategies by name, with their parameters: what the backtest CLI, the Monte Carlo workers
// (which rebuild a strategy from its name and parameters) and, later, live signals look up.
import { emaCross, EMA_CROSS_PARAMS } from './ema-cross.js';
import { rsiReversion, RSI_REVERSION_PARAMS } from './rsi-reversion.js';
import { UnknownStrategy, type ParamSpec, type Strategy } from './strategy.js';

export { emaCross } from './ema-cross.js';
export { rsiReversion } from './rsi-reversion.js';
export { FLAT, holdBetween, LONG, StrategyParamError, UnknownStrategy, type ParamSpec, type Strategy, type StrategyCandles } from './strategy.js';

export interface StrategyDefinition {
  readonly name: string;
  readonly summary: string;
  readonly params: readonly ParamSpec[];
  /** Validates the parameters (missing ones take their default) and builds the strategy. */
  create(params: Readonly<Record<string, number | undefined>>): Strategy;
}

/** A strategy named with its parameters: plain data, so it can cross to a worker thread. */
export interface StrategySpec {
  name: string;
  params: Record<string, number>;
}

export const STRATEGIES: readonly StrategyDefinition[] = [
  { name: 'ema-cross', summary: 'long while the fast EMA is above the slow one, from the cross up to the cross down', params: EMA_CROSS_PARAMS, create: (p) => emaCross(p) },
  { name: 'rsi-reversion', summary: 'buy when RSI is below lower, sell when it is above upper', params: RSI_REVERSION_PARAMS, create: (p) => rsiReversion(p) },
];

export function strategyDefinition(name: string): StrategyDefinition {
  const found = STRATEGIES.find((s) => s.name === name);
  if (!found) throw new UnknownStrategy(name, STRATEGIES.map((s) => s.name));
  return found;
}

export function createStrategy(spec: { name: string; params?: Readonly<Record<string, number | undefined>> }): Strategy {
  return strategyDefinition(spec.name).create(spec.params ?? {});
}
