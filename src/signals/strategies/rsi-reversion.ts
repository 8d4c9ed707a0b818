// RSI mean reversion, long-only: buy when RSI is below `lower` (oversold), sell when it is above
// `upper` (overbought), holding in between. RSI is Wilder's, as TA-Lib computes it, on closes.
import { rsi } from '../indicators/index.js';
import { holdBetween, readParams, StrategyParamError, type ParamSpec, type Strategy, type StrategyCandles } from './strategy.js';

export const RSI_REVERSION_PARAMS: readonly ParamSpec[] = [
  { name: 'period', default: 14, min: 2, max: 10_000, integer: true, doc: 'RSI period' },
  { name: 'lower', default: 30, min: 0, max: 100, doc: 'buy while RSI is below this' },
  { name: 'upper', default: 70, min: 0, max: 100, doc: 'sell while RSI is above this' },
];

export type RsiReversionParams = {
  period: number;
  lower: number;
  upper: number;
};

export function rsiReversion(given: Partial<RsiReversionParams> = {}): Strategy {
  const params = readParams('rsi-reversion', RSI_REVERSION_PARAMS, given) as unknown as RsiReversionParams;
  if (params.lower >= params.upper) throw new StrategyParamError('rsi-reversion', `lower (${params.lower}) must be below upper (${params.upper})`);
  return {
    name: 'rsi-reversion',
    params: { ...params },
    warmUp: params.period,
    targets(candles: StrategyCandles): Uint8Array {
      const r = rsi(candles.close, params.period);
      const n = r.length;
      const entries = new Uint8Array(n);
      const exits = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = r[i]!; // NaN in the warm-up: neither
        entries[i] = v < params.lower ? 1 : 0;
        exits[i] = v > params.upper ? 1 : 0;
      }
      return holdBetween(entries, exits);
    },
  };
}
