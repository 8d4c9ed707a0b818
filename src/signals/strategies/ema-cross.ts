// EMA cross, long-only: buy when the fast EMA crosses above the slow one, sell when it crosses
// back below. A cross is judged on closes (TA-Lib's EMA, seeded with an SMA), so it is known at
// the candle's close; the position only changes on a cross (no entry at the start of the data
// just because the fast EMA happens to be above the slow one).
import { crossedAbove, crossedBelow, ema } from '../indicators/index.js';
import { holdBetween, readParams, StrategyParamError, type ParamSpec, type Strategy, type StrategyCandles } from './strategy.js';

export const EMA_CROSS_PARAMS: readonly ParamSpec[] = [
  { name: 'fast', default: 12, min: 2, max: 10_000, integer: true, doc: 'period of the fast EMA' },
  { name: 'slow', default: 26, min: 3, max: 10_000, integer: true, doc: 'period of the slow EMA (longer than fast)' },
];

export type EmaCrossParams = {
  fast: number;
  slow: number;
};

export function emaCross(given: Partial<EmaCrossParams> = {}): Strategy {
  const params = readParams('ema-cross', EMA_CROSS_PARAMS, given) as unknown as EmaCrossParams;
  if (params.fast >= params.slow) throw new StrategyParamError('ema-cross', `fast (${params.fast}) must be shorter than slow (${params.slow})`);
  return {
    name: 'ema-cross',
    params: { ...params },
    // The slow EMA's first value is at slow − 1; a cross needs one value before it.
    warmUp: params.slow,
    targets(candles: StrategyCandles): Uint8Array {
      const fast = ema(candles.close, params.fast);
      const slow = ema(candles.close, params.slow);
      return holdBetween(crossedAbove(fast, slow), crossedBelow(fast, slow));
    },
  };
}
