// The port between the signal domain and whatever learns: the walk-forward evaluation, the retrain
// job and the signal service speak only these interfaces. The TensorFlow.js implementation is in
// tfjs-*.ts (the only files that import tfjs); tests use small pure fakes.

/** Standardised feature rows (row-major, `rows × columns`) with a 0/1 label each (1: the price rose). */
export interface TrainingSet {
  readonly x: Float32Array;
  readonly y: Uint8Array;
  readonly rows: number;
  readonly columns: number;
}

/** A trained classifier: the probability that the price is higher after the horizon. */
export interface DirectionModel {
  /** P(up) for each row of `x` (standardised as in training). */
  predictUp(x: Float32Array, rows: number): Promise<Float32Array>;
  /** Frees what the model holds (tensors); the model cannot be used afterwards. */
  dispose(): void;
}

export interface DirectionTrainer {
  /** What is trained and on what, e.g. "logistic regression (TensorFlow.js, wasm backend)". Known after the first train. */
  describe(): string;
  train(set: TrainingSet): Promise<DirectionModel>;
}

/** Plain JSON saved beside a model (feature layout, standardiser, training period). */
export type ModelMetadata = { readonly [key: string]: unknown };

/** Where trained models are kept between the retrain job and the signal service, by a key such as `BTC-USDT_1h`. */
export interface DirectionModelStore {
  save(key: string, model: DirectionModel, metadata: ModelMetadata): Promise<void>;
  /** undefined when nothing was saved under that key. */
  load(key: string): Promise<{ model: DirectionModel; metadata: ModelMetadata } | undefined>;
}

/** The store key of a pair's model: `BTC/USDT`, `1h` → `BTC-USDT_1h`. */
export function modelKey(symbol: string, timeframe: string): string {
  return `${symbol.replace('/', '-')}_${timeframe}`;
}
