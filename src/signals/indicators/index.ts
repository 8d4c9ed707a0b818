// Technical indicators over candle columns: Float64Array in, Float64Array out (one cell per
// candle, NaN during the warm-up), values equal to TA-Lib's — the reference freqtrade and most
// traders use — after the warm-up (see the tests against its output in fixtures/). Inputs must be
// finite numbers: a NaN in the input spreads into every later value of the running averages.
export { atr, trueRange } from './atr.js';
export { bollinger, type BollingerBands } from './bollinger.js';
export { crossedAbove, crossedBelow } from './crossovers.js';
export { macd, type Macd } from './macd.js';
export { ema, sma } from './moving-averages.js';
export { rollingMax, rollingMin } from './rolling-extremes.js';
export { rsi } from './rsi.js';
export { volumeZScore } from './volume-z-score.js';
