// The signals use case: `signalFor('SOL/USDT', '1h')` reads the closed candles, the technical
// readings and the pair's model, and combines them by the weights their out-of-sample track records
// earned — records computed by the retrain job and cached here, never recomputed per question.
import { timeframeToMs, type CandleSeries } from '../market/candle-file.js';
import type { Candle } from '../market/types.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { closedCandles } from './closed-candles.js';
import { DEFAULT_WALK_FORWARD, type ModelInfo } from './evaluation/walk-forward.js';
import { modelKey, type DirectionModel, type DirectionModelStore } from './ml/direction-model.js';
import { FEATURE_COUNT, FEATURE_NAMES, FEATURE_WARM_UP, featureMatrix, featureRow } from './ml/features.js';
import { standardiseRows } from './ml/standardiser.js';
import { combine, type SignalAnswer } from './signal-answer.js';
import { pairEvaluation, type SignalReport, type SignalReportStore } from './signal-report.js';
import { technicalSignal } from './technical-signal.js';

/** Recent candles of a pair, oldest first; the newest may still be forming. MarketDataPort fits. */
export interface SignalCandleSource {
  candles(symbol: string, timeframe: string, options?: { limit?: number }): Promise<Candle[]>;
}

export interface SignalServiceDeps {
  readonly candles: SignalCandleSource;
  readonly clock: Clock;
  /** The latest evaluation (track records and weights) from the retrain job. */
  readonly reports: Pick<SignalReportStore, 'load'>;
  /** The trained models; without it the answer has no model part. */
  readonly models?: Pick<DirectionModelStore, 'load'>;
  /** How long a loaded report and its models are used before the store is read again (default 10 minutes). */
  readonly refreshMs?: number;
  /**
   * The market time a candle's time shows. Live prices: itself (the default). The replay feed shows
   * 2021 prices on today's clock: pass `(ms) => feed.timeline.toDataTime(ms)`, so a model trained on
   * 2021 prices is not asked to "forecast" 2021 prices it has already seen.
   */
  readonly dataTime?: (ms: number) => number;
}

/** Candles asked for: the longest warm-up (72) with room for the indicators to settle (an EMA's seed fades by 4e-5 after 250 candles). */
export const CANDLES_ASKED = 300;

export class UnsupportedTimeframe extends AppError {
  constructor(timeframe: string) {
    super('signals.unsupported_timeframe', `"${timeframe}" is not a timeframe; use one such as 1h, 4h or 1d.`, { params: { timeframe } });
  }
}

/** The latest closed candle is older than it should be: the feed has stopped, and a reading would be stale. */
export class StaleCandles extends AppError {
  constructor(symbol: string, timeframe: string, lastClose: number) {
    super('signals.stale_candles', `The latest ${timeframe} candle of ${symbol} closed at ${new Date(lastClose).toISOString()}; prices are not up to date, so there is no signal.`, { params: { symbol, timeframe, lastClose } });
  }
}

interface LoadedModel {
  readonly model: DirectionModel;
  readonly info: ModelInfo;
}

export class SignalService {
  private report: { value: SignalReport | undefined; loadedAt: number } | undefined;
  private readonly modelCache = new Map<string, Promise<LoadedModel | string>>();

  constructor(private readonly deps: SignalServiceDeps) {}

  async signalFor(symbol: string, timeframe = '1h'): Promise<SignalAnswer> {
    const timeframeMs = timeframeToMs(timeframe);
    if (timeframeMs === undefined) throw new UnsupportedTimeframe(timeframe);
    const now = this.deps.clock.now();
    const raw = await this.deps.candles.candles(symbol, timeframe, { limit: CANDLES_ASKED });
    const series = closedCandles(raw, { symbol, timeframe, timeframeMs, source: 'market data' }, now);
    const technical = technicalSignal(series); // throws NotEnoughCandles
    // More than two candles late: the latest one should have closed by now.
    if (technical.at + 2 * timeframeMs <= now) throw new StaleCandles(symbol, timeframe, technical.at);
    const report = await this.latestReport(now);
    const evaluation = pairEvaluation(report, symbol, timeframe);
    const horizon = evaluation?.horizon ?? report?.walkForward.horizon ?? DEFAULT_WALK_FORWARD.horizon;
    const { model, note } = await this.modelCall(series, report, symbol, timeframe, horizon);
    return combine({ technical, evaluation, model, modelNote: note, horizon, timeframeMs });
  }

  private async latestReport(now: number): Promise<SignalReport | undefined> {
    const refreshMs = this.deps.refreshMs ?? 600_000;
    if (!this.report || now - this.report.loadedAt >= refreshMs) {
      const value = await this.deps.reports.load();
      // A new report comes with new models. The old ones are not disposed of: a question may still
      // be predicting with one, and a logistic regression holds 48 bytes of weights.
      if (value?.createdAt !== this.report?.value?.createdAt) this.modelCache.clear();
      this.report = { value, loadedAt: now };
    }
    return this.report.value;
  }

  private async modelCall(series: CandleSeries, report: SignalReport | undefined, symbol: string, timeframe: string, horizon: number): Promise<{ model: { pUp: number; description: string; trainedTo: number; hindsight: boolean } | undefined; note: string | null }> {
    if (!this.deps.models) return { model: undefined, note: 'no model store is configured' };
    if (series.length < FEATURE_WARM_UP + 1) return { model: undefined, note: `the model needs ${FEATURE_WARM_UP + 1} closed candles, there are ${series.length}` };
    const key = modelKey(symbol, timeframe);
    let loading = this.modelCache.get(key);
    if (!loading) {
      loading = this.loadModel(key, horizon);
      this.modelCache.set(key, loading);
      // A failed load is retried on the next question, not cached.
      loading.catch(() => this.modelCache.delete(key));
    }
    const loaded = await loading;
    if (typeof loaded === 'string') return { model: undefined, note: loaded };
    const { info, model } = loaded;
    const features = featureMatrix(series);
    const row = standardiseRows(featureRow(features, series.length - 1), FEATURE_COUNT, [0], info.standardiser);
    const [pUp] = await model.predictUp(row, 1);
    // A forecast may use what was known when its candle closed: the model must have been trained on
    // outcomes up to that close at the latest (walk-forward folds ended exactly there, too).
    const lastOpen = series.timestamp[series.length - 1]!;
    const lastClose = (this.deps.dataTime?.(lastOpen) ?? lastOpen) + series.timeframeMs;
    const hindsight = info.dataThrough > lastClose;
    return {
      model: { pUp: pUp!, description: info.model ?? report?.model ?? 'model', trainedTo: info.trainedTo, hindsight },
      note: hindsight ? `the model was trained on prices up to ${new Date(info.dataThrough).toISOString()}, after this candle, so its call here is hindsight, not a forecast, and carries no weight` : null,
    };
  }

  /** The pair's model, or why there is none (a sentence). */
  private async loadModel(key: string, horizon: number): Promise<LoadedModel | string> {
    const found = await this.deps.models!.load(key);
    if (!found) return 'no model has been trained for this pair yet';
    const info = found.metadata as unknown as ModelInfo;
    const sameLayout = Array.isArray(info.featureNames) && info.featureNames.length === FEATURE_NAMES.length && info.featureNames.every((name, k) => name === FEATURE_NAMES[k]);
    if (!sameLayout || info.standardiser?.mean?.length !== FEATURE_COUNT || info.horizon !== horizon) {
      found.model.dispose();
      return 'the saved model was trained on other features or another horizon; it needs retraining';
    }
    return { model: found.model, info };
  }
}
