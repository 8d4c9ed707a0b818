// The technical readings of one candle: each rule looks at one indicator (as TA-Lib computes it, on
// closes up to that candle) and votes from −1 (sell) to +1 (buy), with its value and a sentence.
// Two rules lean against the move (RSI and Bollinger: stretched prices tend to come back), two go
// with it (MACD and the EMA trend), one weighs the volume behind the last candle. They disagree
// often; the confidence of a signal says how much they agree.
import type { CandleSeries } from '../../market/candle-file.js';
import { bollinger, crossedAbove, crossedBelow, ema, macd, rsi, volumeZScore, type BollingerBands } from '../indicators/index.js';
import type { SignalReason } from '../signal-types.js';

export const RSI_PERIOD = 14;
export const RSI_OVERSOLD = 30;
export const RSI_OVERBOUGHT = 70;
/** A MACD cross this many candles back or fewer still counts as a cross. */
export const MACD_CROSS_LOOKBACK = 2;
export const BOLLINGER_PERIOD = 20;
export const FAST_EMA = 20;
export const SLOW_EMA = 50;
export const VOLUME_PERIOD = 20;
/** A volume z-score at or above this is unusual (√19 ≈ 4.36 is the most a 20-candle z can be). */
export const VOLUME_SPIKE_Z = 2;

/** Index of the first candle every rule can read: the slow EMA's first value. */
export const TECHNICAL_WARM_UP = SLOW_EMA - 1;

export type TechnicalCandles = Pick<CandleSeries, 'length' | 'open' | 'close' | 'volume'>;

/** The indicator series the rules read, computed once over a whole series. */
export interface TechnicalInputs {
  readonly candles: TechnicalCandles;
  readonly rsi: Float64Array;
  readonly macdHistogram: Float64Array;
  readonly macdCrossUp: Uint8Array;
  readonly macdCrossDown: Uint8Array;
  readonly bands: BollingerBands;
  readonly fastEma: Float64Array;
  readonly slowEma: Float64Array;
  readonly volumeZ: Float64Array;
}

export function technicalInputs(candles: TechnicalCandles): TechnicalInputs {
  const { close } = candles;
  const m = macd(close, 12, 26, 9);
  return {
    candles,
    rsi: rsi(close, RSI_PERIOD),
    macdHistogram: m.histogram,
    macdCrossUp: crossedAbove(m.macd, m.signal),
    macdCrossDown: crossedBelow(m.macd, m.signal),
    bands: bollinger(close, BOLLINGER_PERIOD, 2),
    fastEma: ema(close, FAST_EMA),
    slowEma: ema(close, SLOW_EMA),
    volumeZ: volumeZScore(candles.volume, VOLUME_PERIOD),
  };
}

/** The five readings at candle `i` (i ≥ TECHNICAL_WARM_UP), in a fixed order: RSI, MACD, Bollinger, trend, volume. */
export function readingsAt(inputs: TechnicalInputs, i: number): SignalReason[] {
  return [rsiReading(inputs, i), macdReading(inputs, i), bollingerReading(inputs, i), trendReading(inputs, i), volumeReading(inputs, i)];
}

function rsiReading(inputs: TechnicalInputs, i: number): SignalReason {
  const value = inputs.rsi[i]!;
  const shown = Math.round(value);
  const base = { indicator: `RSI(${RSI_PERIOD})`, value, weight: 1 };
  if (value < RSI_OVERSOLD) return { ...base, code: 'rsi.oversold', text: `RSI ${shown}: oversold`, vote: 1 };
  if (value > RSI_OVERBOUGHT) return { ...base, code: 'rsi.overbought', text: `RSI ${shown}: overbought`, vote: -1 };
  return { ...base, code: 'rsi.neutral', text: `RSI ${shown}: neither oversold nor overbought`, vote: 0 };
}

function macdReading(inputs: TechnicalInputs, i: number): SignalReason {
  const value = inputs.macdHistogram[i]!;
  const base = { indicator: 'MACD(12,26,9)', value, weight: 1 };
  for (let ago = 0; ago <= MACD_CROSS_LOOKBACK && ago < i; ago++) {
    const when = ago === 0 ? 'on the last candle' : ago === 1 ? '1 candle ago' : `${ago} candles ago`;
    // The latest cross wins: crossed up then down again is a cross down.
    if (inputs.macdCrossUp[i - ago]) return { ...base, code: 'macd.crossed_up', text: `MACD crossed above its signal line ${when}`, vote: 1 };
    if (inputs.macdCrossDown[i - ago]) return { ...base, code: 'macd.crossed_down', text: `MACD crossed below its signal line ${when}`, vote: -1 };
  }
  if (value > 0) return { ...base, code: 'macd.above', text: 'MACD above its signal line', vote: 0.3 };
  if (value < 0) return { ...base, code: 'macd.below', text: 'MACD below its signal line', vote: -0.3 };
  return { ...base, code: 'macd.flat', text: 'MACD on its signal line', vote: 0 };
}

function bollingerReading(inputs: TechnicalInputs, i: number): SignalReason {
  const close = inputs.candles.close[i]!;
  const upper = inputs.bands.upper[i]!;
  const lower = inputs.bands.lower[i]!;
  const width = upper - lower;
  // %B: 0 at the lower band, 1 at the upper one.
  const value = width > 0 ? (close - lower) / width : 0.5;
  const base = { indicator: `Bollinger(${BOLLINGER_PERIOD}, 2)`, value, weight: 1 };
  if (close < lower) return { ...base, code: 'bollinger.below_lower', text: 'price under the lower Bollinger band', vote: 1 };
  if (close > upper) return { ...base, code: 'bollinger.above_upper', text: 'price over the upper Bollinger band', vote: -1 };
  return { ...base, code: 'bollinger.inside', text: `price inside the Bollinger bands (%B ${value.toFixed(2)})`, vote: 0 };
}

function trendReading(inputs: TechnicalInputs, i: number): SignalReason {
  const fast = inputs.fastEma[i]!;
  const slow = inputs.slowEma[i]!;
  const value = (fast / slow - 1) * 100; // the gap, in % of the slow EMA
  const base = { indicator: `EMA(${FAST_EMA}) vs EMA(${SLOW_EMA})`, value, weight: 1 };
  if (fast > slow) return { ...base, code: 'trend.up', text: `EMA ${FAST_EMA} above EMA ${SLOW_EMA}: uptrend`, vote: 0.5 };
  if (fast < slow) return { ...base, code: 'trend.down', text: `EMA ${FAST_EMA} below EMA ${SLOW_EMA}: downtrend`, vote: -0.5 };
  return { ...base, code: 'trend.flat', text: `EMA ${FAST_EMA} level with EMA ${SLOW_EMA}: no trend`, vote: 0 };
}

function volumeReading(inputs: TechnicalInputs, i: number): SignalReason {
  const value = inputs.volumeZ[i]!;
  const { open, close } = inputs.candles;
  const move = close[i]! - open[i]!;
  const base = { indicator: `volume z-score(${VOLUME_PERIOD})`, value, weight: 0.5 };
  const sigma = `${value.toFixed(1)}σ`;
  if (value >= VOLUME_SPIKE_Z && move > 0) return { ...base, code: 'volume.spike_up', text: `volume ${sigma} above its ${VOLUME_PERIOD}-candle average on a rising candle`, vote: 1 };
  if (value >= VOLUME_SPIKE_Z && move < 0) return { ...base, code: 'volume.spike_down', text: `volume ${sigma} above its ${VOLUME_PERIOD}-candle average on a falling candle`, vote: -1 };
  return { ...base, code: 'volume.normal', text: value >= VOLUME_SPIKE_Z ? `volume ${sigma} above average on a flat candle` : `volume ordinary (z-score ${value.toFixed(1)})`, vote: 0 };
}
