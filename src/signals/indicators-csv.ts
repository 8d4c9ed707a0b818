// The table `npm run -s indicators` prints: one row per candle, the indicators Parley's strategies
// start from, in TA-Lib's parameters and freqtrade-like column names.
import type { CandleSeries } from '../market/candle-file.js';
import { atr, bollinger, ema, macd, rsi, sma } from './indicators/index.js';

export const INDICATOR_COLUMNS = [
  'sma_50',
  'ema_20',
  'rsi_14',
  'macd_12_26_9',
  'macd_signal_12_26_9',
  'macd_hist_12_26_9',
  'bb_upper_20_2',
  'bb_middle_20_2',
  'bb_lower_20_2',
  'atr_14',
] as const;

export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];

export const INDICATOR_CSV_HEADER = ['timestamp', ...INDICATOR_COLUMNS].join(',');

type Candles = Pick<CandleSeries, 'timestamp' | 'high' | 'low' | 'close'>;

/** Every column of the table, one cell per candle, NaN during each indicator's warm-up. */
export function indicatorColumns(candles: Candles): Record<IndicatorColumn, Float64Array> {
  const m = macd(candles.close, 12, 26, 9);
  const bb = bollinger(candles.close, 20, 2);
  return {
    sma_50: sma(candles.close, 50),
    ema_20: ema(candles.close, 20),
    rsi_14: rsi(candles.close, 14),
    macd_12_26_9: m.macd,
    macd_signal_12_26_9: m.signal,
    macd_hist_12_26_9: m.histogram,
    bb_upper_20_2: bb.upper,
    bb_middle_20_2: bb.middle,
    bb_lower_20_2: bb.lower,
    atr_14: atr(candles.high, candles.low, candles.close, 14),
  };
}

/**
 * CSV lines (each ending in "\n") for candles [start, end): the timestamp, then each column as
 * JavaScript's shortest round-trip form of the number (String(x): parsing it gives x back), or an
 * empty cell where the value is NaN.
 */
export function indicatorCsvRows(timestamp: Float64Array, columns: Record<IndicatorColumn, Float64Array>, start: number, end: number): string {
  const series = INDICATOR_COLUMNS.map((name) => columns[name]);
  let out = '';
  for (let i = start; i < end; i++) {
    let line = String(timestamp[i]);
    for (const s of series) {
      const v = s[i]!;
      line += Number.isNaN(v) ? ',' : `,${v}`;
    }
    out += `${line}\n`;
  }
  return out;
}
