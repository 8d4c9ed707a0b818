// The direction model in TensorFlow.js: by default a logistic regression (one sigmoid unit over the
// standardised features, L2-penalised), optionally a small MLP (`hidden` ReLU units first).
//
// Why logistic regression: a training window is 60 days of hourly candles, ~1,400 rows whose
// 4-hour-ahead labels overlap (only ~360 independent outcomes), and the direction of crypto prices
// over 4 hours is close to a coin flip. A model with more parameters than that can carry fits the
// noise of its window; a linear one has 12 weights, converges to the same answer from any start
// (the loss is convex), and its weights can be read. The MLP is here to be measured against it
// (`npm run -s signals-eval -- --hidden 8`), not because it is expected to do better.
//
// Training is deterministic: full-batch Adam from zero (or seeded) initial weights, no shuffling,
// stopping when the loss stops falling.
import type { LayersModel, Tensor, Scalar } from '@tensorflow/tfjs';
import type { DirectionModel, DirectionModelStore, DirectionTrainer, ModelMetadata, TrainingSet } from './direction-model.js';
import { modelFolderHandler, readModelMetadata } from './model-files.js';
import type { TfjsRuntime, TfjsRuntimeLoader } from './tfjs-runtime.js';
import { join } from 'node:path';

export interface TfjsTrainerOptions {
  /** ReLU units in a hidden layer; 0 (default) is logistic regression. */
  hidden?: number;
  /** Adam's step size (default 0.05 for logistic regression, 0.01 with a hidden layer). */
  learningRate?: number;
  /** L2 penalty on the kernels (default 1e-3). */
  l2?: number;
  /** Most full-batch steps (default 300). */
  maxSteps?: number;
  /** Stop when the loss falls by less than this over 10 steps (default 1e-5). */
  tolerance?: number;
  /** Seed of the hidden layer's initial weights (default 1). */
  seed?: number;
}

/** How the last training went (for the report and the tests). */
export interface TrainingRun {
  steps: number;
  loss: number;
}

export class TfjsDirectionTrainer implements DirectionTrainer {
  private runtime: TfjsRuntime | undefined;
  lastRun: TrainingRun | undefined;
  private readonly hidden: number;

  constructor(
    private readonly loader: TfjsRuntimeLoader,
    private readonly options: TfjsTrainerOptions = {},
  ) {
    this.hidden = options.hidden ?? 0;
    if (!Number.isInteger(this.hidden) || this.hidden < 0) throw new RangeError(`hidden must be a whole number ≥ 0, got ${this.hidden}`);
  }

  describe(): string {
    const kind = this.hidden ? `MLP (${this.hidden} ReLU units)` : 'logistic regression';
    return this.runtime ? `${kind} (TensorFlow.js ${this.runtime.tf.version.tfjs}, ${this.runtime.backend} backend)` : `${kind} (TensorFlow.js, backend not started yet)`;
  }

  /** The backend in use, once started. */
  async backend(): Promise<TfjsRuntime> {
    this.runtime ??= await this.loader.ready();
    return this.runtime;
  }

  async train(set: TrainingSet): Promise<DirectionModel> {
    if (set.rows === 0) throw new RangeError('cannot train on an empty set');
    const rt = await this.backend();
    const { tf } = rt;
    const hidden = this.hidden;
    const l2 = this.options.l2 ?? 1e-3;
    const model = tf.sequential();
    if (hidden) {
      model.add(tf.layers.dense({ units: hidden, inputShape: [set.columns], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: this.options.seed ?? 1 }) }));
    }
    model.add(tf.layers.dense({ units: 1, ...(hidden ? {} : { inputShape: [set.columns] }), activation: 'sigmoid', kernelInitializer: hidden ? tf.initializers.glorotUniform({ seed: (this.options.seed ?? 1) + 1 }) : 'zeros' }));
    const optimizer = tf.train.adam(this.options.learningRate ?? (hidden ? 0.01 : 0.05));
    const x = tf.tensor2d(set.x, [set.rows, set.columns]);
    const y = tf.tensor2d(Float32Array.from(set.y), [set.rows, 1]);
    const kernels = model.trainableWeights.filter((w) => w.name.includes('kernel'));
    const maxSteps = this.options.maxSteps ?? 300;
    const tolerance = this.options.tolerance ?? 1e-5;
    let previous = Infinity;
    let loss = NaN;
    let steps = 0;
    try {
      while (steps < maxSteps) {
        const check = (steps + 1) % 10 === 0 || steps + 1 === maxSteps;
        const value = optimizer.minimize(
          () =>
            tf.tidy(() => {
              const p = model.apply(x) as Tensor;
              const penalty = tf.addN(kernels.map((k) => tf.sum(tf.square(k.read())))).mul(l2);
              return tf.losses.logLoss(y, p).add(penalty) as Scalar;
            }),
          check,
        );
        steps++;
        if (value) {
          loss = (await value.data())[0]!;
          value.dispose();
          if (previous - loss < tolerance) break;
          previous = loss;
        }
      }
    } finally {
      x.dispose();
      y.dispose();
      optimizer.dispose();
    }
    this.lastRun = { steps, loss };
    return new TfjsDirectionModel(rt, model);
  }
}

export class TfjsDirectionModel implements DirectionModel {
  constructor(
    private readonly runtime: TfjsRuntime,
    readonly layers: LayersModel,
  ) {}

  async predictUp(x: Float32Array, rows: number): Promise<Float32Array> {
    const { tf } = this.runtime;
    const columns = rows ? x.length / rows : 0;
    if (!Number.isInteger(columns)) throw new RangeError(`predictUp: ${x.length} values are not ${rows} whole rows`);
    if (rows === 0) return new Float32Array(0);
    const input = tf.tensor2d(x, [rows, columns]);
    const output = this.layers.predict(input) as Tensor;
    try {
      return Float32Array.from(await output.data());
    } finally {
      input.dispose();
      output.dispose();
    }
  }

  dispose(): void {
    this.layers.dispose();
  }
}

/** Models as folders under `root` (`root/BTC-USDT_1h/model.json` + `weights.bin`). */
export class TfjsModelFolderStore implements DirectionModelStore {
  constructor(
    private readonly loader: TfjsRuntimeLoader,
    private readonly root: string,
  ) {}

  folder(key: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(key) || key.startsWith('.')) throw new RangeError(`model key "${key}" is not a plain folder name`);
    return join(this.root, key);
  }

  async save(key: string, model: DirectionModel, metadata: ModelMetadata): Promise<void> {
    if (!(model instanceof TfjsDirectionModel)) throw new TypeError('TfjsModelFolderStore saves TensorFlow.js models only');
    await model.layers.save(modelFolderHandler(this.folder(key), { ...metadata }));
  }

  async load(key: string): Promise<{ model: DirectionModel; metadata: ModelMetadata } | undefined> {
    const dir = this.folder(key);
    const metadata = await readModelMetadata(dir);
    if (metadata === undefined) return undefined;
    const runtime = await this.loader.ready();
    const layers = await runtime.tf.loadLayersModel(modelFolderHandler(dir));
    return { model: new TfjsDirectionModel(runtime, layers), metadata };
  }
}
