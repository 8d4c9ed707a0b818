// data/signals/ holds the report and models the app starts with (see data/README.md). They must
// match the code that reads them: when this fails, run `npm run -s signals-eval -- --save data/signals`.
import { describe, expect, it } from 'vitest';
import { loadCandleDir } from '../market/candle-file.js';
import { projectPath } from '../shared/project-paths.js';
import { DEFAULT_WALK_FORWARD, type ModelInfo } from './evaluation/walk-forward.js';
import { modelKey } from './ml/direction-model.js';
import { FEATURE_NAMES } from './ml/features.js';
import { TfjsModelFolderStore } from './ml/tfjs-direction-model.js';
import { tfjsRuntime } from './ml/tfjs-runtime.js';
import { SignalReportFile } from './signal-report-file.js';
import { DIRECTION_THRESHOLD } from './signal-types.js';

describe('the bundled signal report and models (data/signals)', async () => {
  const report = (await new SignalReportFile(projectPath('data/signals/report.json')).load())!;
  const candles = await loadCandleDir(projectPath('data/candles'));

  it('were made by this code, from every bundled pair, over the whole walk-forward period', () => {
    expect(report.featureNames).toEqual([...FEATURE_NAMES]);
    expect(report.walkForward).toEqual(DEFAULT_WALK_FORWARD);
    expect(report.technicalThreshold).toBe(DIRECTION_THRESHOLD);
    expect(report.model).toMatch(/^logistic regression \(TensorFlow\.js [\d.]+, (wasm|cpu) backend\)$/);
    expect(report.pairs.map((p) => p.symbol)).toEqual(candles.map((c) => c.symbol));
    for (const pair of report.pairs) {
      const series = candles.find((c) => c.symbol === pair.symbol)!;
      expect(pair.data).toEqual({ from: series.timestamp[0], to: series.timestamp[series.length - 1], candles: series.length });
      expect(pair.model.n).toBeGreaterThan(3900);
      expect(pair.model.to).toBe(series.timestamp[series.length - 1 - DEFAULT_WALK_FORWARD.horizon]! + series.timeframeMs);
    }
  });

  it('has a model per pair, fed as the code feeds it, trained on the latest window', async () => {
    const store = new TfjsModelFolderStore(tfjsRuntime(), projectPath('data/signals/models'));
    for (const pair of report.pairs) {
      const loaded = (await store.load(modelKey(pair.symbol, pair.timeframe)))!;
      const info = loaded.metadata as unknown as ModelInfo;
      expect(info.featureNames).toEqual([...FEATURE_NAMES]);
      expect(info.horizon).toBe(DEFAULT_WALK_FORWARD.horizon);
      expect(info.dataThrough).toBe(pair.data.to + 3_600_000);
      const p = await loaded.model.predictUp(new Float32Array(FEATURE_NAMES.length), 1);
      expect(p[0]).toBeGreaterThan(0);
      expect(p[0]).toBeLessThan(1);
      loaded.model.dispose();
    }
  });
});
