import { describe, expect, it } from 'vitest';
import { loadCandleFile, type CandleSeries } from '../market/candle-file.js';
import type { Candle } from '../market/types.js';
import { ManualClock } from '../shared/clock.js';
import { UnknownSymbol } from '../shared/errors.js';
import { projectPath } from '../shared/project-paths.js';
import type { PairEvaluation } from './evaluation/evaluate-pair.js';
import { linearModel } from './evaluation/test-trainers.js';
import type { TrackRecord } from './evaluation/track-record.js';
import { DEFAULT_WALK_FORWARD, type ModelInfo } from './evaluation/walk-forward.js';
import type { DirectionModelStore, ModelMetadata } from './ml/direction-model.js';
import { FEATURE_COUNT, FEATURE_NAMES } from './ml/features.js';
import { NOT_ADVICE } from './signal-answer.js';
import { SIGNAL_REPORT_VERSION, type SignalReport } from './signal-report.js';
import { SignalService, StaleCandles, UnsupportedTimeframe, type SignalCandleSource } from './signal-service.js';
import { NotEnoughCandles } from './technical-signal.js';

const HOUR = 3_600_000;
const sol = await loadCandleFile(projectPath('data/candles/binance_SOL-USDT_1h.csv.gz'));
/** 14:20 UTC on 19 May 2021: the 14:00 candle is still forming, the 13:00 one closed at 14:00. */
const NOW = Date.UTC(2021, 4, 19, 14, 20);

/** Serves the candles up to the clock, the newest one still forming (its close is the open + 5 %). */
function fakeCandles(series: CandleSeries[], clock: ManualClock): SignalCandleSource & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    async candles(symbol, _timeframe, options = {}) {
      const s = series.find((x) => x.symbol === symbol);
      if (!s) throw new UnknownSymbol(symbol);
      const limit = options.limit ?? 500;
      asked.push(limit);
      let last = 0;
      while (last + 1 < s.length && s.timestamp[last + 1]! <= clock.now()) last++;
      const out: Candle[] = [];
      for (let i = Math.max(0, last - limit + 1); i <= last; i++) {
        const forming = s.timestamp[i]! + HOUR > clock.now();
        const close = forming ? s.open[i]! * 1.05 : s.close[i]!;
        out.push({ timestamp: s.timestamp[i]!, open: s.open[i]!, high: Math.max(s.high[i]!, close), low: s.low[i]!, close, volume: s.volume[i]! });
      }
      return out;
    },
  };
}

function record(weight: number, over: Partial<TrackRecord> = {}): TrackRecord {
  const acc = (rate: number, n = 3961) => ({ right: Math.round(rate * n), n, rate });
  return {
    n: 3961,
    coverage: 1,
    from: Date.UTC(2021, 1, 2, 1),
    to: Date.UTC(2021, 6, 17),
    accuracy: { ...acc(0.558), ci95: { low: 0.536, high: 0.58 }, wilson95: { low: 0.542, high: 0.573 } },
    baselines: { always_up: acc(0.494), always_down: acc(0.506), persistence: acc(0.476), reversal: acc(0.524) },
    bestBaseline: 'reversal',
    edge: 0.536 - 0.524,
    weight,
    byDirection: { buy: { ...acc(0.553, 1911), baseRate: 0.494 }, sell: { ...acc(0.562, 2050), baseRate: 0.506 } },
    ...over,
  };
}

function evaluation(technical: TrackRecord, model: TrackRecord, symbol = 'SOL/USDT'): PairEvaluation {
  return { symbol, timeframe: '1h', horizon: 4, data: { from: 0, to: 0, candles: 5482 }, folds: 24, trainMs: 1000, technical, model };
}

function report(pairs: PairEvaluation[], createdAt = Date.UTC(2021, 6, 18)): SignalReport {
  return {
    version: SIGNAL_REPORT_VERSION,
    createdAt,
    model: 'logistic regression (test)',
    featureNames: [...FEATURE_NAMES],
    walkForward: DEFAULT_WALK_FORWARD,
    technicalThreshold: 0.25,
    bootstrap: { block: 24, resamples: 2000, seed: 1 },
    pairs,
    skipped: [],
    timing: { totalMs: 0, trainMs: 0, folds: 0 },
  };
}

function modelInfo(over: Partial<ModelInfo> = {}): ModelInfo {
  return {
    featureNames: [...FEATURE_NAMES],
    standardiser: { mean: new Array(FEATURE_COUNT).fill(0), std: new Array(FEATURE_COUNT).fill(1) },
    horizon: 4,
    timeframe: '1h',
    symbol: 'SOL/USDT',
    trainedFrom: Date.UTC(2021, 2, 1),
    trainedTo: Date.UTC(2021, 3, 30),
    dataThrough: Date.UTC(2021, 3, 30, 4),
    samples: 1430,
    model: 'logistic regression (TensorFlow.js, test)',
    ...over,
  };
}

/** Models that answer a fixed P(up) (zero weights, bias logit(p)), counting loads. */
function fakeModels(pUp: number, info: ModelInfo = modelInfo()): Pick<DirectionModelStore, 'load'> & { loads: string[] } {
  const loads: string[] = [];
  return {
    loads,
    async load(key) {
      loads.push(key);
      if (key !== 'SOL-USDT_1h') return undefined;
      return { model: linearModel(new Float64Array(FEATURE_COUNT), Math.log(pUp / (1 - pUp))), metadata: { ...info } as ModelMetadata };
    },
  };
}

function service(options: { report?: SignalReport; pUp?: number; info?: ModelInfo; refreshMs?: number; clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock(NOW);
  const candles = fakeCandles([sol], clock);
  const reportLoads: number[] = [];
  const models = options.pUp === undefined ? undefined : fakeModels(options.pUp, options.info);
  const signals = new SignalService({
    candles,
    clock,
    reports: {
      async load() {
        reportLoads.push(clock.now());
        return options.report;
      },
    },
    models,
    refreshMs: options.refreshMs,
  });
  return { signals, clock, candles, reportLoads, models };
}

describe('signalFor', () => {
  it('reads closed candles only: the candle still forming changes nothing, and the answer expires at the next close', async () => {
    const { signals, clock } = service({ report: report([evaluation(record(0), record(0))]), pUp: 0.6 });
    const a = await signals.signalFor('SOL/USDT', '1h');
    expect(a.at).toBe(Date.UTC(2021, 4, 19, 14)); // the 13:00 candle's close
    expect(a.expiresAt).toBe(Date.UTC(2021, 4, 19, 15));
    expect(a.horizon).toEqual({ candles: 4, until: Date.UTC(2021, 4, 19, 18) });
    expect(a.price).toBe(sol.close[sol.timestamp.indexOf(Date.UTC(2021, 4, 19, 13))]);
    clock.advance(30 * 60_000); // 14:50: the forming candle has moved on, nothing has closed
    expect(await signals.signalFor('SOL/USDT', '1h')).toEqual(a);
    clock.advance(10 * 60_000); // 15:00: the 14:00 candle closes
    expect((await signals.signalFor('SOL/USDT', '1h')).at).toBe(Date.UTC(2021, 4, 19, 15));
  });

  it('holds, and says so, when neither part beat the best naive guess — with both track records beside it', async () => {
    const { signals } = service({ report: report([evaluation(record(0, { n: 426, coverage: 0.11 }), record(0))]), pUp: 0.7 });
    const a = await signals.signalFor('SOL/USDT');
    expect(a).toMatchObject({ direction: 'hold', score: 0, strength: 0, confidence: 0, verdict: 'no_edge', notAdvice: NOT_ADVICE });
    expect(a.summary).toBe('Hold: on SOL/USDT 1h, neither the indicators nor the model beat a naive guess out of sample (2021-02-02 → 2021-07-17), so no call is made.');
    expect(a.model).toMatchObject({ direction: 'buy', weight: 0 });
    expect(a.model!.pUp).toBeCloseTo(0.7, 6);
    expect(a.model!.record).toMatchObject({
      signal: 'model',
      n: 3961,
      rate: 0.558,
      ci95: { low: 0.536, high: 0.58 },
      baseline: { name: 'reversal', label: 'opposite of the last candle', rate: 0.524 },
      alwaysUp: 0.494,
      sameAsLast: 0.476,
      beatsBaseline: false,
      horizonCandles: 4,
      sameDirection: { direction: 'buy', n: 1911, rate: 0.553, baseRate: 0.494 },
    });
    expect(a.technical.record).toMatchObject({ signal: 'technical', n: 426 });
    // The readings are there, each with its value, whatever the verdict.
    expect(a.reasons.map((r) => r.code)).toEqual(expect.arrayContaining([expect.stringMatching(/^rsi\./), expect.stringMatching(/^macd\./), expect.stringMatching(/^bollinger\./), expect.stringMatching(/^trend\./), expect.stringMatching(/^volume\./)]));
    for (const r of a.reasons) expect(Number.isFinite(r.value)).toBe(true);
  });

  it('follows a part that beat the bar, by its weight, and states the measurement behind the call', async () => {
    const { signals } = service({ report: report([evaluation(record(0), record(0.6))]), pUp: 0.55 });
    const a = await signals.signalFor('SOL/USDT');
    expect(a).toMatchObject({ direction: 'buy', verdict: 'edge', confidence: 1 });
    expect(a.score).toBeCloseTo(0.6, 12); // 0.6 · (+1) / max(1, 0.6)
    expect(a.summary).toBe(
      'Buy, moderately, for the next 4 1h candles: the model\'s calls were right 55.8% of the time (95% CI 53.6%–58.0%, n = 3961, 2021-02-02 → 2021-07-17) against 52.4% for "opposite of the last candle".',
    );
    const sell = await service({ report: report([evaluation(record(0), record(0.2))]), pUp: 0.45 }).signals.signalFor('SOL/USDT');
    expect(sell).toMatchObject({ direction: 'sell', verdict: 'edge' });
    expect(sell.summary).toMatch(/^Sell, weakly, for the next 4 1h candles: the model's calls were right/);
    expect(sell.model!.record!.sameDirection).toMatchObject({ direction: 'sell', n: 2050, rate: 0.562 });
  });

  it('holds when the weighted parts disagree, or lean too little', async () => {
    // SOL's 16:00 candle on 17 May 2021 reads as a technical buy (score 0.44).
    const clock = new ManualClock(Date.UTC(2021, 4, 17, 17, 20));
    const both = await service({ report: report([evaluation(record(1), record(1))]), pUp: 0.3, clock }).signals.signalFor('SOL/USDT');
    expect(both.technical).toMatchObject({ direction: 'buy', weight: 1 });
    expect(both.model).toMatchObject({ direction: 'sell', weight: 1 });
    expect(both).toMatchObject({ direction: 'hold', score: 0, confidence: 0, verdict: 'edge' });
    expect(both.summary).toMatch(/^Hold for the next 4 1h candles \(the calls that carry weight are too weak or disagree\): the indicators' calls were right .*; the model's calls were right /);
    const faint = await service({ report: report([evaluation(record(0), record(0.05))]), pUp: 0.6 }).signals.signalFor('SOL/USDT');
    expect(faint).toMatchObject({ direction: 'hold', verdict: 'edge' });
    expect(faint.score).toBeCloseTo(0.05, 12);
  });

  it('makes no call for a pair without a track record, and shows the readings as information only', async () => {
    const { signals } = service({ report: report([evaluation(record(1), record(1), 'BTC/USDT')]) });
    const a = await signals.signalFor('SOL/USDT');
    expect(a).toMatchObject({ direction: 'hold', verdict: 'not_measured', model: null, modelNote: 'no model store is configured' });
    expect(a.technical.record).toBeNull();
    expect(a.summary).toBe('No call for SOL/USDT 1h: there is no out-of-sample track record for it yet, so the readings below are information only.');
    const none = await service({ pUp: 0.6 }).signals.signalFor('SOL/USDT');
    expect(none.verdict).toBe('not_measured');
    expect(none.model!.record).toBeNull();
  });

  it('leaves out a model trained on another feature layout, and says why', async () => {
    const { signals } = service({ report: report([evaluation(record(0), record(1))]), pUp: 0.9, info: modelInfo({ featureNames: ['log_return_1'] }) });
    const a = await signals.signalFor('SOL/USDT');
    expect(a.model).toBeNull();
    expect(a.modelNote).toBe('the saved model was trained on other features or another horizon; it needs retraining');
    expect(a.verdict).toBe('no_edge'); // the technical record has weight 0, and the model's cannot count without the model
  });

  it('gives no weight to a model trained on prices after the candle it reads, whatever its record', async () => {
    const info = modelInfo({ trainedTo: Date.UTC(2021, 6, 17), dataThrough: Date.UTC(2021, 6, 17, 4) });
    const a = await service({ report: report([evaluation(record(0), record(1))]), pUp: 0.7, info }).signals.signalFor('SOL/USDT');
    expect(a.model).toMatchObject({ direction: 'buy', weight: 0, hindsight: true });
    expect(a.model!.record!.weight).toBe(1);
    expect(a.modelNote).toBe('the model was trained on prices up to 2021-07-17T04:00:00.000Z, after this candle, so its call here is hindsight, not a forecast, and carries no weight');
    expect(a).toMatchObject({ direction: 'hold', verdict: 'no_edge' });
    expect(a.summary).toBe(
      'Hold: on SOL/USDT 1h, the model was trained on later prices than these, so its call is hindsight and does not count, and the indicators did not beat a naive guess out of sample (2021-02-02 → 2021-07-17); no call is made.',
    );
    // Trained on outcomes up to the very close it reads: that is how a live model forecasts.
    const justNow = modelInfo({ dataThrough: Date.UTC(2021, 4, 19, 14) });
    const live = await service({ report: report([evaluation(record(0), record(1))]), pUp: 0.7, info: justNow }).signals.signalFor('SOL/USDT');
    expect(live.model).toMatchObject({ hindsight: false, weight: 1 });
  });

  it('judges hindsight on the market time a replay shows, not on the wall clock', async () => {
    // The replay shows 19 May 2021 on a 2025 wall clock: candles carry 2025 times.
    const shift = Date.UTC(2025, 0, 6) - Date.UTC(2021, 0, 4);
    const clock = new ManualClock(NOW + shift);
    const shifted: CandleSeries = { ...sol, timestamp: sol.timestamp.map((t) => t + shift) };
    const info = modelInfo({ trainedTo: Date.UTC(2021, 6, 17), dataThrough: Date.UTC(2021, 6, 17, 4) });
    const ask = (dataTime?: (ms: number) => number) =>
      new SignalService({ candles: fakeCandles([shifted], clock), clock, reports: { load: async () => report([evaluation(record(0), record(1))]) }, models: fakeModels(0.7, info), dataTime }).signalFor('SOL/USDT');
    expect((await ask()).model).toMatchObject({ hindsight: false, weight: 1 }); // fooled by the wall clock
    expect((await ask((ms) => ms - shift)).model).toMatchObject({ hindsight: true, weight: 0 });
  });

  it('reads the report and the model once, not per question, until the refresh interval passes', async () => {
    const { signals, clock, reportLoads, models, candles } = service({ report: report([evaluation(record(0), record(1))]), pUp: 0.6, refreshMs: 600_000 });
    for (let k = 0; k < 5; k++) await signals.signalFor('SOL/USDT');
    expect(reportLoads).toHaveLength(1);
    expect(models!.loads).toEqual(['SOL-USDT_1h']);
    expect(candles.asked).toEqual([300, 300, 300, 300, 300]);
    clock.advance(600_000);
    await signals.signalFor('SOL/USDT');
    expect(reportLoads).toHaveLength(2);
    expect(models!.loads).toHaveLength(1); // same report: same models
  });

  it('loads the models again when the retrain job has stored a new report', async () => {
    const clock = new ManualClock(NOW);
    let current = report([evaluation(record(0), record(1))], 1);
    const models = fakeModels(0.6);
    const signals = new SignalService({ candles: fakeCandles([sol], clock), clock, reports: { load: async () => current }, models, refreshMs: 60_000 });
    expect((await signals.signalFor('SOL/USDT')).model!.weight).toBe(1);
    current = report([evaluation(record(0), record(0.2))], 2);
    expect((await signals.signalFor('SOL/USDT')).model!.weight).toBe(1); // within the refresh interval
    clock.advance(60_000);
    expect((await signals.signalFor('SOL/USDT')).model!.weight).toBe(0.2);
    expect(models.loads).toEqual(['SOL-USDT_1h', 'SOL-USDT_1h']);
  });

  it('names only the parts that carry weight behind a call', async () => {
    // SOL's 16:00 candle on 17 May 2021 reads as a technical buy; the model trained on later prices.
    const clock = new ManualClock(Date.UTC(2021, 4, 17, 17, 20));
    const info = modelInfo({ dataThrough: Date.UTC(2021, 6, 17, 4) });
    const a = await service({ report: report([evaluation(record(0.5), record(1))]), pUp: 0.9, info, clock }).signals.signalFor('SOL/USDT');
    expect(a).toMatchObject({ direction: 'buy', verdict: 'edge', score: 0.5 });
    expect(a.summary).toMatch(/^Buy, moderately, for the next 4 1h candles: the indicators' calls were right 55\.8% of the time .*"opposite of the last candle"\.$/);
    expect(a.summary).not.toContain("model's");
  });

  it('refuses what it cannot read: an unknown coin, an unknown timeframe, too little history, stale prices', async () => {
    const { signals, clock } = service();
    await expect(signals.signalFor('DOGE/USDT')).rejects.toThrow(UnknownSymbol);
    await expect(signals.signalFor('SOL/USDT', 'hourly')).rejects.toThrow(UnsupportedTimeframe);
    clock.set(sol.timestamp[30]! + 10);
    await expect(signals.signalFor('SOL/USDT')).rejects.toThrow(NotEnoughCandles);
    clock.set(sol.timestamp[sol.length - 1]! + 5 * HOUR); // the data ended 4 hours ago
    const stale = signals.signalFor('SOL/USDT');
    await expect(stale).rejects.toThrow(StaleCandles);
    await expect(stale).rejects.toMatchObject({ code: 'signals.stale_candles' });
  });
});
