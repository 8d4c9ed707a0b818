import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/seeded-random.js';
import type { TrainingSet } from './direction-model.js';
import { MODEL_JSON, WEIGHTS_BIN } from './model-files.js';
import { TfjsDirectionTrainer, TfjsModelFolderStore } from './tfjs-direction-model.js';
import { tfjsRuntime } from './tfjs-runtime.js';

/** Rows whose label is the sign of 2·x0 − x1 + noise: learnable, not perfectly. */
function syntheticSet(rows: number, columns: number, seed: number): TrainingSet {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const x = new Float32Array(rows * columns);
  const y = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) x[r * columns + c] = gauss();
    y[r] = 2 * x[r * columns]! - x[r * columns + 1]! + 0.3 * gauss() > 0 ? 1 : 0;
  }
  return { x, y, rows, columns };
}

function accuracy(p: Float32Array, y: Uint8Array): number {
  let right = 0;
  for (let i = 0; i < y.length; i++) if (p[i]! > 0.5 === (y[i] === 1)) right++;
  return right / y.length;
}

const loader = tfjsRuntime();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-model-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the TensorFlow.js direction model', () => {
  it('runs on the wasm backend here, and says so', async () => {
    const runtime = await loader.ready();
    expect(runtime.backend).toBe('wasm');
    expect(runtime.fallbackReason).toBeUndefined();
    expect(await loader.ready()).toBe(runtime); // set up once
    const trainer = new TfjsDirectionTrainer(loader);
    await trainer.backend();
    expect(trainer.describe()).toMatch(/^logistic regression \(TensorFlow\.js 4\.\d+\.\d+, wasm backend\)$/);
  });

  it('learns a learnable rule, out of sample, and training is deterministic', async () => {
    const train = syntheticSet(600, 11, 1);
    const test = syntheticSet(300, 11, 2);
    const trainer = new TfjsDirectionTrainer(loader, { maxSteps: 150 });
    const model = await trainer.train(train);
    const p = await model.predictUp(test.x, test.rows);
    expect(p).toHaveLength(300);
    expect(accuracy(p, test.y)).toBeGreaterThan(0.9);
    expect(trainer.lastRun!.steps).toBeGreaterThan(10);
    const again = await trainer.train(train);
    expect([...(await again.predictUp(test.x, test.rows))]).toEqual([...p]);
    model.dispose();
    again.dispose();
  });

  it('saves model.json + weights.bin and loads the same predictions and metadata back', async () => {
    const set = syntheticSet(300, 5, 3);
    const store = new TfjsModelFolderStore(loader, dir);
    for (const hidden of [0, 4]) {
      const model = await new TfjsDirectionTrainer(loader, { hidden, maxSteps: 40 }).train(set);
      const key = `TEST-USDT_1h_h${hidden}`;
      const metadata = { horizon: 4, standardiser: { mean: [1, 2], std: [3, 4] }, trainedThrough: '2021-07-17T00:00:00.000Z' };
      await store.save(key, model, metadata);
      expect((await readdir(join(dir, key))).sort()).toEqual([MODEL_JSON, WEIGHTS_BIN]);
      const json = JSON.parse(await readFile(join(dir, key, MODEL_JSON), 'utf8'));
      expect(json.weightsManifest[0].paths).toEqual([WEIGHTS_BIN]);
      // weights.bin is the raw float32 weights: 5 + 1 for the regression; 5·4 + 4 + 4 + 1 for the MLP.
      expect((await readFile(join(dir, key, WEIGHTS_BIN))).byteLength).toBe(4 * (hidden ? 5 * 4 + 4 + 4 + 1 : 6));
      const loaded = (await store.load(key))!;
      expect(loaded.metadata).toEqual(metadata);
      expect([...(await loaded.model.predictUp(set.x, set.rows))]).toEqual([...(await model.predictUp(set.x, set.rows))]);
      model.dispose();
      loaded.model.dispose();
    }
  });

  it('finds nothing under an unknown key, and refuses a truncated weights file or a path as a key', async () => {
    const store = new TfjsModelFolderStore(loader, dir);
    expect(await store.load('NOPE-USDT_1h')).toBeUndefined();
    const model = await new TfjsDirectionTrainer(loader, { maxSteps: 10 }).train(syntheticSet(50, 3, 4));
    await store.save('CUT-USDT_1h', model, { v: 1 });
    await writeFile(join(dir, 'CUT-USDT_1h', WEIGHTS_BIN), new Uint8Array(8));
    await expect(store.load('CUT-USDT_1h')).rejects.toThrow(/weights\.bin holds 8 bytes, the manifest describes 16/);
    await expect(store.save('../escape', model, {})).rejects.toThrow(/not a plain folder name/);
    model.dispose();
  });
});
