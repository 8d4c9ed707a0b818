// A second, independent opinion: the `technicalindicators` package over all 5,482 BTC candles,
// wherever it computes the same thing. It rounds RSI to 2 decimals, and seeds MACD's fast EMA at
// the start of the series (TA-Lib, and so Parley, at the slow EMA's start): its first MACD values
// differ, by less and less, and agree to 1e-9 from ~150 candles on.
import { ATR, BollingerBands, EMA, MACD, RSI, SMA } from 'technicalindicators';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCandleFile, type CandleSeries } from '../../market/candle-file.js';
import { projectPath } from '../../shared/project-paths.js';
import { seriesMismatch } from '../../../test/support/series-match.js';
import { atr, bollinger, ema, macd, rsi, sma } from './index.js';

let btc: CandleSeries;
let close: number[];
beforeAll(async () => {
  btc = await loadCandleFile(projectPath('data/candles/binance_BTC-USDT_1h.csv.gz'));
  close = [...btc.close];
});

/** Their output (which starts after the warm-up) laid over ours: NaN before `start`. */
function aligned(theirs: (number | undefined)[], start = 0): number[] {
  const out = [...Array(btc.length - theirs.length).fill(NaN), ...theirs.map((v) => v ?? NaN)];
  return out.map((v, i) => (i < start ? NaN : v));
}
const from = (series: Float64Array, start: number) => [...series].map((v, i) => (i < start ? NaN : v));

describe('cross-check with technicalindicators', () => {
  it('SMA, EMA, Bollinger and ATR agree to 1e-9 from the first value', () => {
    expect(seriesMismatch(sma(btc.close, 50), aligned(SMA.calculate({ period: 50, values: close })), 1e-9)).toBeUndefined();
    expect(seriesMismatch(ema(btc.close, 20), aligned(EMA.calculate({ period: 20, values: close })), 1e-9)).toBeUndefined();
    const theirs = BollingerBands.calculate({ period: 20, values: close, stdDev: 2 });
    const ours = bollinger(btc.close, 20, 2);
    expect(seriesMismatch(ours.upper, aligned(theirs.map((b) => b.upper)), 1e-9)).toBeUndefined();
    expect(seriesMismatch(ours.middle, aligned(theirs.map((b) => b.middle)), 1e-9)).toBeUndefined();
    expect(seriesMismatch(ours.lower, aligned(theirs.map((b) => b.lower)), 1e-9)).toBeUndefined();
    const theirAtr = ATR.calculate({ period: 14, high: [...btc.high], low: [...btc.low], close });
    expect(seriesMismatch(atr(btc.high, btc.low, btc.close, 14), aligned(theirAtr), 1e-9)).toBeUndefined();
  });

  it('RSI agrees within its rounding to 2 decimals', () => {
    const ours = rsi(btc.close, 14);
    const theirs = aligned(RSI.calculate({ period: 14, values: close }));
    expect(theirs.map(Number.isNaN)).toEqual([...ours].map(Number.isNaN));
    const worst = Math.max(...theirs.map((v, i) => (Number.isNaN(v) ? 0 : Math.abs(v - ours[i]!))));
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(worst).toBeGreaterThan(0.004); // it does round: this is the comparison that matters
  });

  it('MACD agrees from ~150 candles on; its first values differ (the fast EMA is seeded differently)', () => {
    const ours = macd(btc.close, 12, 26, 9);
    const theirs = MACD.calculate({ values: close, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false });
    const settled = 200;
    expect(seriesMismatch(from(ours.macd, settled), aligned(theirs.map((m) => m.MACD), settled), 1e-9)).toBeUndefined();
    expect(seriesMismatch(from(ours.signal, settled), aligned(theirs.map((m) => m.signal), settled), 1e-9)).toBeUndefined();
    expect(seriesMismatch(from(ours.histogram, settled), aligned(theirs.map((m) => m.histogram), settled), 1e-9)).toBeUndefined();
    // The documented difference, so that this test notices if either side changes its seeding.
    const first = aligned(theirs.map((m) => m.MACD))[33]!;
    expect(Math.abs(ours.macd[33]! - first)).toBeGreaterThan(1);
  });
});
