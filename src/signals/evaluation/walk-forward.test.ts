import { describe, expect, it } from 'vitest';
import { candlePrefix } from '../../lab/candle-slice.js';
import { loadCandleFile, type CandleSeries } from '../../market/candle-file.js';
import { projectPath } from '../../shared/project-paths.js';
import type { TrainingSet } from '../ml/direction-model.js';
import { FEATURE_COUNT, FEATURE_WARM_UP, featureMatrix } from '../ml/features.js';
import { fitStandardiser, standardiseRows } from '../ml/standardiser.js';
import { centroidTrainer } from './test-trainers.js';
import { futureMoves } from './track-record.js';
import { planFolds, trainLatest, walkForward, type WalkForwardConfig } from './walk-forward.js';

const sol = await loadCandleFile(projectPath('data/candles/binance_SOL-USDT_1h.csv.gz'));
// Small enough to run in a moment: ~5 folds over 1,200 candles.
const SMALL: WalkForwardConfig = { horizon: 4, trainWindow: 300, step: 150 };
const part = candlePrefix(sol, 1200);

/** A copy of `candles` whose candles after `cut` are replaced by a wild, different future. */
function withAnotherFuture(candles: CandleSeries, cut: number): CandleSeries {
  const copy = (a: Float64Array, f: (v: number, i: number) => number) => a.map((v, i) => (i > cut ? f(v, i) : v));
  const swing = (i: number) => 1 + 0.5 * Math.sin(i * 1.7);
  return {
    ...candles,
    open: copy(candles.open, (v, i) => v * swing(i)),
    high: copy(candles.high, (v, i) => v * swing(i) * 1.3),
    low: copy(candles.low, (v, i) => v * swing(i) * 0.7),
    close: copy(candles.close, (v, i) => v * swing(i + 1)),
    volume: copy(candles.volume, (v, i) => v * 50 * swing(i)),
  };
}

describe('the walk-forward plan', () => {
  it('starts once a full window of outcomes is known, steps without gaps, and ends at the last candle with a known outcome', () => {
    const folds = planFolds(1200, SMALL);
    expect(folds[0]).toEqual({ trainFrom: FEATURE_WARM_UP, trainTo: FEATURE_WARM_UP + 299, testFrom: FEATURE_WARM_UP + 303, testTo: FEATURE_WARM_UP + 453 });
    for (const [k, f] of folds.entries()) {
      expect(f.trainTo - f.trainFrom + 1).toBe(300);
      expect(f.trainTo + SMALL.horizon).toBe(f.testFrom); // the last sample's outcome is the close the first prediction is made at
      if (k > 0) expect(f.testFrom).toBe(folds[k - 1]!.testTo);
    }
    expect(folds.at(-1)!.testTo).toBe(1200 - SMALL.horizon);
    expect(planFolds(FEATURE_WARM_UP + 303, SMALL)).toEqual([]);
    expect(() => planFolds(1000, { ...SMALL, step: 0 })).toThrow(/step must be a whole number/);
  });
});

describe('walk-forward training never sees the future', () => {
  it('trains each fold only on samples whose outcome was known at its first prediction, standardised on those rows alone', async () => {
    const trainer = centroidTrainer();
    const run = await walkForward(part, trainer, SMALL);
    const features = featureMatrix(part);
    const moves = futureMoves(part.close, SMALL.horizon);
    expect(trainer.sets).toHaveLength(run.folds.length);
    for (const [k, fold] of run.folds.entries()) {
      // Rebuild what the fold may know: rows up to testFrom − horizon, ties left out.
      const rows: number[] = [];
      for (let i = fold.trainFrom; i <= fold.testFrom - SMALL.horizon; i++) if (moves[i] !== 0) rows.push(i);
      const expected = standardiseRows(features.values, FEATURE_COUNT, rows, fitStandardiser(features.values, FEATURE_COUNT, rows));
      const set: TrainingSet = trainer.sets[k]!;
      expect(set.rows).toBe(rows.length);
      expect([...set.x]).toEqual([...expected]);
      expect([...set.y]).toEqual(rows.map((i) => (moves[i]! > 0 ? 1 : 0)));
    }
  });

  it('gives the same predictions up to any candle whatever happens after it (features, scaling, labels, training)', async () => {
    const base = await walkForward(part, centroidTrainer(), SMALL);
    expect(base.from).toBe(FEATURE_WARM_UP + 303);
    for (const cut of [base.from, base.from + 151, 800, 1100]) {
      const other = await walkForward(withAnotherFuture(part, cut), centroidTrainer(), SMALL);
      expect([...other.pUp.subarray(0, cut + 1)]).toEqual([...base.pUp.subarray(0, cut + 1)]);
      // The test can fail: the wild future does change later predictions.
      expect([...other.pUp.subarray(cut + 1, base.to + 1)]).not.toEqual([...base.pUp.subarray(cut + 1, base.to + 1)]);
    }
  });

  it('computes each feature from its candle and earlier ones only', () => {
    const full = featureMatrix(sol);
    for (const cut of [FEATURE_WARM_UP + 1, 500, 3000]) {
      const prefix = featureMatrix(candlePrefix(sol, cut));
      expect([...prefix.values]).toEqual([...full.values.subarray(0, cut * FEATURE_COUNT)]);
    }
    const row = full.values.subarray(FEATURE_WARM_UP * FEATURE_COUNT, (FEATURE_WARM_UP + 1) * FEATURE_COUNT);
    expect(row.every(Number.isFinite)).toBe(true);
    expect(Number.isNaN(full.values[(FEATURE_WARM_UP - 1) * FEATURE_COUNT])).toBe(true);
  });

  it('predicts every candle of the period, from one model per fold, each disposed of', async () => {
    const disposed: boolean[] = [];
    const inner = centroidTrainer();
    const trainer = {
      describe: inner.describe,
      async train(set: TrainingSet) {
        const model = await inner.train(set);
        return { predictUp: model.predictUp.bind(model), dispose: () => disposed.push(true) };
      },
    };
    const run = await walkForward(part, trainer, SMALL);
    for (let i = 0; i < part.length; i++) expect(Number.isNaN(run.pUp[i]!)).toBe(i < run.from || i > run.to);
    expect(run.to).toBe(1200 - SMALL.horizon - 1);
    expect(disposed).toHaveLength(run.folds.length);
  });
});

describe('the latest model', () => {
  it('learns from the latest window of known outcomes and records how to feed it', async () => {
    const trainer = centroidTrainer();
    const { info } = await trainLatest(part, trainer, SMALL);
    const last = 1200 - 1 - SMALL.horizon;
    expect(info.trainedTo).toBe(part.timestamp[last]! + 3_600_000);
    expect(info.dataThrough).toBe(part.timestamp[1199]! + 3_600_000);
    expect(info.trainedFrom).toBe(part.timestamp[last - 299]! + 3_600_000);
    expect(info.samples).toBe(trainer.sets[0]!.rows);
    expect(info.featureNames).toHaveLength(FEATURE_COUNT);
    expect(info.standardiser.mean).toHaveLength(FEATURE_COUNT);
    expect({ symbol: info.symbol, timeframe: info.timeframe, horizon: info.horizon, model: info.model }).toEqual({ symbol: 'SOL/USDT', timeframe: '1h', horizon: 4, model: 'centroid (test)' });
    await expect(trainLatest(candlePrefix(sol, 150), trainer, SMALL)).rejects.toThrow(/150 candles are too few/);
  });
});
