import { describe, expect, it } from 'vitest';
import { candlePrefix } from '../lab/candle-slice.js';
import { loadCandleFile, type CandleSeries } from '../market/candle-file.js';
import { projectPath } from '../shared/project-paths.js';
import { closedCandles } from './closed-candles.js';
import type { SignalReason } from './signal-types.js';
import { macd, rsi } from './indicators/index.js';
import { NotEnoughCandles, scoreReadings, technicalScores, technicalSignal, TECHNICAL_MIN_CANDLES } from './technical-signal.js';

const HOUR = 3_600_000;
const START = Date.UTC(2021, 0, 1);

/** Hourly candles from closes: each opens at the previous close, wicks 0.2 % beyond, volume 1,000 unless given. */
function candles(closes: number[], volumes?: number[]): CandleSeries {
  const n = closes.length;
  const close = Float64Array.from(closes);
  const open = close.map((c, i) => (i === 0 ? c : close[i - 1]!));
  return {
    symbol: 'TEST/USDT',
    timeframe: '1h',
    timeframeMs: HOUR,
    source: 'test',
    length: n,
    timestamp: Float64Array.from({ length: n }, (_, i) => START + i * HOUR),
    open,
    high: open.map((o, i) => Math.max(o, close[i]!) * 1.002),
    low: open.map((o, i) => Math.min(o, close[i]!) * 0.998),
    close,
    volume: Float64Array.from(volumes ?? closes.map(() => 1000)),
  };
}

/** A gentle wave (so RSI and the bands have something to measure) on a drift of `drift` per candle. */
function wave(n: number, from: number, drift: number): number[] {
  return Array.from({ length: n }, (_, i) => from * (1 + drift * i) * (1 + 0.004 * Math.sin(i * 0.9)));
}

const texts = (s: { reasons: { text: string }[] }) => s.reasons.map((r) => r.text);
const reason = (s: { reasons: SignalReason[] }, prefix: string): SignalReason => s.reasons.find((r) => r.code.startsWith(prefix))!;

describe('the technical signal on crafted candles', () => {
  it('a slide ending in a plunge: oversold, under the lower band, in a downtrend — a weak buy, with the values', () => {
    const closes = [...wave(80, 100, -0.001), 90, 87, 84, 81];
    const signal = technicalSignal(candles(closes));
    expect(texts(signal)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^RSI \d+: oversold$/), 'price under the lower Bollinger band', 'EMA 20 below EMA 50: downtrend']),
    );
    const r = reason(signal, 'rsi.');
    expect(r.value).toBeCloseTo(rsi(Float64Array.from(closes), 14).at(-1)!, 12);
    expect(r.value).toBeLessThan(30);
    expect(r.text).toBe(`RSI ${Math.round(r.value)}: oversold`);
    expect(reason(signal, 'bollinger.').value).toBeLessThan(0); // %B below 0: under the band
    // RSI +1, Bollinger +1, trend −0.5, MACD −0.3 (below its signal, no cross), volume 0 → 1.2 / 4.5.
    expect(signal.score).toBeCloseTo(1.2 / 4.5, 12);
    expect(signal.direction).toBe('buy');
    expect(signal.strength).toBeCloseTo(signal.score, 12);
    expect(signal.confidence).toBeCloseTo(1.2 / 2.8, 12); // the votes half cancel
    // Reasons weighing most come first, neutral ones last.
    expect(signal.reasons.map((x) => x.code)).toEqual(['rsi.oversold', 'bollinger.below_lower', 'trend.down', 'macd.below', 'volume.normal']);
  });

  it('a rally: overbought and over the upper band in an uptrend — a weak sell', () => {
    const signal = technicalSignal(candles([...wave(80, 100, 0.001), 109, 112, 115]));
    expect(texts(signal)).toEqual(expect.arrayContaining([expect.stringMatching(/^RSI \d+: overbought$/), 'price over the upper Bollinger band', 'EMA 20 above EMA 50: uptrend', 'MACD above its signal line']));
    expect(signal.score).toBeCloseTo(-1.2 / 4.5, 12);
    expect(signal.direction).toBe('sell');
  });

  it('says when MACD crossed up, in candles ago, and drops the cross once it is older than the lookback', () => {
    const closes = [...wave(70, 100, 0.002), ...wave(20, 114, -0.004), ...wave(20, 105, 0.004)];
    const m = macd(Float64Array.from(closes));
    let cross = -1;
    for (let i = 91; i < closes.length && cross < 0; i++) if (m.macd[i - 1]! <= m.signal[i - 1]! && m.macd[i]! > m.signal[i]!) cross = i;
    expect(cross).toBeGreaterThan(0);
    const at = (last: number) => technicalSignal(candles(closes.slice(0, last + 1)));
    expect(reason(at(cross), 'macd.').text).toBe('MACD crossed above its signal line on the last candle');
    expect(reason(at(cross + 1), 'macd.').text).toBe('MACD crossed above its signal line 1 candle ago');
    const two = at(cross + 2);
    expect(reason(two, 'macd.')).toMatchObject({ code: 'macd.crossed_up', text: 'MACD crossed above its signal line 2 candles ago', vote: 1 });
    expect(reason(two, 'macd.').value).toBeCloseTo(m.histogram[cross + 2]!, 12);
    expect(reason(at(cross + 3), 'macd.')).toMatchObject({ code: 'macd.above', text: 'MACD above its signal line', vote: 0.3 });
  });

  it('weighs a volume spike by the direction of its candle', () => {
    const closes = [...wave(80, 100, 0), 101.5];
    const volumes = [...closes.slice(1).map(() => 1000), 9000];
    const up = technicalSignal(candles(closes, volumes));
    expect(reason(up, 'volume.')).toMatchObject({ code: 'volume.spike_up', vote: 1, weight: 0.5 });
    expect(reason(up, 'volume.').text).toMatch(/^volume 4\.\dσ above its 20-candle average on a rising candle$/);
    const down = technicalSignal(candles([...closes.slice(0, -1), 98.5], volumes));
    expect(reason(down, 'volume.')).toMatchObject({ code: 'volume.spike_down', vote: -1 });
  });

  it('expires at the next candle close, and reads the last close', () => {
    const series = candles(wave(60, 100, 0.001));
    const signal = technicalSignal(series);
    const lastOpen = START + 59 * HOUR;
    expect(signal.at).toBe(lastOpen + HOUR);
    expect(signal.expiresAt).toBe(lastOpen + 2 * HOUR);
    expect(signal.price).toBe(series.close[59]);
    expect({ symbol: signal.symbol, timeframe: signal.timeframe }).toEqual({ symbol: 'TEST/USDT', timeframe: '1h' });
  });

  it('needs every indicator past its warm-up, and says how many candles it has', () => {
    expect(TECHNICAL_MIN_CANDLES).toBe(50);
    expect(() => technicalSignal(candles(wave(49, 100, 0)))).toThrow(NotEnoughCandles);
    expect(() => technicalSignal(candles(wave(49, 100, 0)))).toThrow('Not enough 1h history for TEST/USDT yet: 49 closed candles, a signal needs 50.');
    expect(() => technicalSignal(candles(wave(50, 100, 0)))).not.toThrow();
  });

  it('folds votes into a score, a strength and a confidence', () => {
    const r = (vote: number, weight = 1) => ({ code: 'x', indicator: 'x', text: 'x', value: 0, vote, weight });
    expect(scoreReadings([r(1), r(1), r(0), r(0)])).toEqual({ score: 0.5, strength: 0.5, confidence: 1, direction: 'buy' });
    expect(scoreReadings([r(1), r(-1)])).toEqual({ score: 0, strength: 0, confidence: 0, direction: 'hold' });
    expect(scoreReadings([r(0), r(0)])).toEqual({ score: 0, strength: 0, confidence: 0, direction: 'hold' });
    expect(scoreReadings([r(-1), r(-1, 0.5)]).score).toBe(-1);
    expect(scoreReadings([r(-0.3), r(0), r(0)]).direction).toBe('hold'); // |−0.1| is under the 0.25 threshold
  });
});

describe('the technical signal on real candles (BTC/USDT 1h, Binance)', async () => {
  const btc = await loadCandleFile(projectPath('data/candles/binance_BTC-USDT_1h.csv.gz'));
  const indexOf = (iso: string) => btc.timestamp.indexOf(Date.parse(iso));

  it('reads the 19 May 2021 crash hour as oversold under the lower band, in a downtrend, on heavy rising volume', () => {
    const i = indexOf('2021-05-19T13:00:00Z');
    const signal = technicalSignal(candlePrefix(btc, i + 1));
    expect(texts(signal)).toEqual([
      'RSI 23: oversold',
      'price under the lower Bollinger band',
      'EMA 20 below EMA 50: downtrend',
      'volume 3.1σ above its 20-candle average on a rising candle',
      'MACD below its signal line',
    ]);
    expect(signal.score).toBeCloseTo((1 + 1 - 0.5 + 0.5 - 0.3) / 4.5, 12);
    expect(signal.direction).toBe('buy');
    expect(signal.at).toBe(Date.parse('2021-05-19T14:00:00Z'));
    expect(signal.expiresAt).toBe(Date.parse('2021-05-19T15:00:00Z'));
  });

  it('scores every candle in [−1, 1], speaks on a minority of them, and never reads a later candle', () => {
    const scores = technicalScores(btc);
    let spoke = 0;
    for (let i = 49; i < btc.length; i++) {
      expect(Math.abs(scores[i]!)).toBeLessThanOrEqual(1);
      if (Math.abs(scores[i]!) >= 0.25) spoke++;
    }
    expect(spoke / (btc.length - 49)).toBeGreaterThan(0.05);
    expect(spoke / (btc.length - 49)).toBeLessThan(0.3);
    for (const cut of [60, 1000, 3333, 5000]) expect([...technicalScores(candlePrefix(btc, cut))]).toEqual([...scores.subarray(0, cut)]);
    expect([...technicalScores(btc)]).toEqual([...scores]); // deterministic
  });
});

describe('closedCandles', () => {
  it('drops the candle still forming at `now`, keeps one that closed exactly then', () => {
    const raw = [0, 1, 2].map((k) => ({ timestamp: START + k * HOUR, open: 1, high: 1, low: 1, close: 1 + k, volume: 1 }));
    const meta = { symbol: 'BTC/USDT', timeframe: '1h', timeframeMs: HOUR, source: 'test' };
    expect([...closedCandles(raw, meta, START + 2 * HOUR + 5).close]).toEqual([1, 2]);
    expect([...closedCandles(raw, meta, START + 3 * HOUR).close]).toEqual([1, 2, 3]);
    expect(closedCandles(raw, meta, START).length).toBe(0);
  });
});
