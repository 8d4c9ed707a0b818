import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candlePrefix } from '../lab/candle-slice.js';
import { loadCandleFile, type CandleSeries } from '../market/candle-file.js';
import type { Candle } from '../market/types.js';
import { ManualClock } from '../shared/clock.js';
import { projectPath } from '../shared/project-paths.js';
import { formatEvaluation } from './evaluation/format-evaluation.js';
import { centroidTrainer } from './evaluation/test-trainers.js';
import type { ModelInfo, WalkForwardConfig } from './evaluation/walk-forward.js';
import { FEATURE_COUNT, featureMatrix, featureRow } from './ml/features.js';
import { standardiseRows } from './ml/standardiser.js';
import type { DirectionModel, DirectionModelStore, ModelMetadata } from './ml/direction-model.js';
import { TfjsDirectionTrainer, TfjsModelFolderStore } from './ml/tfjs-direction-model.js';
import { tfjsRuntime } from './ml/tfjs-runtime.js';
import { retrainSignals, type SignalHistorySource } from './retrain-signals.js';
import { SignalReportFile } from './signal-report-file.js';
import type { SignalReport } from './signal-report.js';
import { SignalService } from './signal-service.js';

const HOUR = 3_600_000;
const SMALL: WalkForwardConfig = { horizon: 4, trainWindow: 300, step: 300 };
const btc = await loadCandleFile(projectPath('data/candles/binance_BTC-USDT_1h.csv.gz'));
const sol = await loadCandleFile(projectPath('data/candles/binance_SOL-USDT_1h.csv.gz'));
const history = (series: CandleSeries[]): SignalHistorySource => ({ history: async (symbol) => series.find((s) => s.symbol === symbol)! });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-signals-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('retrainSignals', () => {
  it('evaluates each pair, stores a model per pair with how to feed it, stores the report, and skips a pair with too little history', async () => {
    const saved = new Map<string, ModelMetadata>();
    const models: DirectionModelStore = {
      async save(key: string, _model: DirectionModel, metadata: ModelMetadata) {
        saved.set(key, metadata);
      },
      load: async () => undefined,
    };
    let stored: SignalReport | undefined;
    const clock = new ManualClock(Date.UTC(2021, 6, 18));
    const progress: string[] = [];
    const report = await retrainSignals(
      { history: history([candlePrefix(btc, 1200), candlePrefix(sol, 300)]), trainer: centroidTrainer(), models, reports: { load: async () => stored, save: async (r) => void (stored = r) }, clock },
      { pairs: [{ symbol: 'BTC/USDT', timeframe: '1h' }, { symbol: 'SOL/USDT', timeframe: '1h' }], walkForward: SMALL, onProgress: (line) => progress.push(line) },
    );
    expect(stored).toBe(report);
    expect(report.createdAt).toBe(clock.now());
    expect(report.model).toBe('centroid (test)');
    expect(report.walkForward).toEqual(SMALL);
    expect(report.pairs.map((p) => p.symbol)).toEqual(['BTC/USDT']);
    expect(report.skipped).toEqual([{ symbol: 'SOL/USDT', timeframe: '1h', reason: '300 candles: too few for one walk-forward fold (300 training samples + 4 candles)' }]);
    const pair = report.pairs[0]!;
    expect(pair.folds).toBe(3);
    expect(progress).toEqual(['BTC/USDT 1h: fold 1/3', 'BTC/USDT 1h: fold 2/3', 'BTC/USDT 1h: fold 3/3']);
    // The model predicts every candle of the period; the technical signal calls on some of them.
    expect(pair.model.coverage).toBe(1);
    expect(pair.model.n).toBeGreaterThan(700);
    expect(pair.technical.n).toBeLessThan(pair.model.n / 3);
    expect(pair.technical.from).toBeGreaterThanOrEqual(pair.model.from!);
    expect(pair.model.to).toBe(btc.timestamp[1200 - 1 - 4]! + HOUR);
    expect([...saved.keys()]).toEqual(['BTC-USDT_1h']);
    expect(saved.get('BTC-USDT_1h')).toMatchObject({ symbol: 'BTC/USDT', horizon: 4, samples: expect.any(Number), dataThrough: btc.timestamp[1199]! + HOUR });
    // The table names every pair, the bar and the weight, and what was skipped.
    const table = formatEvaluation(report);
    expect(table).toMatch(/^BTC\/USDT {2}\d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d +\d+ {2}\d+\.\d% \[\d+\.\d, \d+\.\d\]/m);
    expect(table).toContain('Skipped SOL/USDT 1h: 300 candles');
    expect(table).toMatch(/^Model: /m);
  });
});

describe('from the retrain job to an answer, with TensorFlow.js and files', () => {
  it('trains on the wasm backend, saves the report and the models, and the service answers from what they stored', async () => {
    const slice = candlePrefix(sol, 1000);
    const loader = tfjsRuntime();
    const trainer = new TfjsDirectionTrainer(loader, { maxSteps: 60 });
    const reports = new SignalReportFile(join(dir, 'report.json'));
    const models = new TfjsModelFolderStore(loader, join(dir, 'models'));
    const report = await retrainSignals({ history: history([slice]), trainer, models, reports, clock: new ManualClock(0) }, { pairs: [{ symbol: 'SOL/USDT', timeframe: '1h' }], walkForward: SMALL });
    expect(report.model).toMatch(/^logistic regression \(TensorFlow\.js [\d.]+, wasm backend\)$/);
    expect(await readdir(join(dir, 'models', 'SOL-USDT_1h'))).toEqual(expect.arrayContaining(['model.json', 'weights.bin']));
    expect(await reports.load()).toEqual(JSON.parse(JSON.stringify(report)));

    // Questions an hour after the data ends: the service reads what the job stored, and trains nothing.
    const clock = new ManualClock(slice.timestamp[slice.length - 1]! + HOUR + 60_000);
    const candles = {
      async candles(_symbol: string, _tf: string, options: { limit?: number } = {}): Promise<Candle[]> {
        const from = Math.max(0, slice.length - (options.limit ?? 500));
        return Array.from({ length: slice.length - from }, (_, k) => {
          const i = from + k;
          return { timestamp: slice.timestamp[i]!, open: slice.open[i]!, high: slice.high[i]!, low: slice.low[i]!, close: slice.close[i]!, volume: slice.volume[i]! };
        });
      },
    };
    const answer = await new SignalService({ candles, clock, reports, models }).signalFor('SOL/USDT', '1h');
    expect(answer.model!.description).toBe(report.model);
    // Trained on outcomes up to the latest close, asked about that close: a forecast, not hindsight.
    expect(answer.model!.hindsight).toBe(false);
    // Fed as in training: the last closed candle's features, scaled by the stored standardiser. (The
    // service reads the last 300 candles, not all 1,000: the EMAs' seeds differ, by ~1e-7 here.)
    const stored = (await models.load('SOL-USDT_1h'))!;
    const info = stored.metadata as unknown as ModelInfo;
    const row = standardiseRows(featureRow(featureMatrix(slice), slice.length - 1), FEATURE_COUNT, [0], info.standardiser);
    expect(answer.model!.pUp).toBeCloseTo((await stored.model.predictUp(row, 1))[0]!, 6);
    expect(info.trainedTo).toBe(slice.timestamp[slice.length - 1 - 4]! + HOUR);
    expect(answer.model!.record!.n).toBe(report.pairs[0]!.model.n);
    expect(answer.technical.record!.n).toBe(report.pairs[0]!.technical.n);
    expect(answer.verdict).toBe(report.pairs[0]!.model.weight + report.pairs[0]!.technical.weight > 0 ? 'edge' : 'no_edge');
  });
});
