// Runs the signal retrain in a worker thread: training a model is seconds of CPU per pair, which on
// the main thread would hold every chat answer and timer behind it.
import { Worker } from 'node:worker_threads';
import type { WalkForwardConfig } from '../signals/evaluation/walk-forward.js';

export interface RetrainOrders {
  /** Folder of candle files (data/candles). */
  readonly candlesDir: string;
  /** Where report.json and models/ are written. */
  readonly outDir: string;
  /** Only these pairs (BASE/QUOTE); default every file's. */
  readonly pairs?: readonly string[];
  readonly walkForward?: WalkForwardConfig;
  readonly backend?: 'wasm' | 'cpu';
}

export type RetrainMessage =
  | { type: 'progress'; line: string }
  | { type: 'done'; pairs: number; folds: number; totalMs: number; model: string }
  | { type: 'failed'; message: string };

export type RetrainSummary = Extract<RetrainMessage, { type: 'done' }>;

/** Resolves when the thread has written the report and the models. */
export function retrainInWorker(orders: RetrainOrders, onProgress?: (line: string) => void): Promise<RetrainSummary> {
  return new Promise((resolve, reject) => {
    // The thread runs TypeScript through tsx, as the app does: a loader registered with --import
    // does not reach worker threads on Node 20, so the thread registers tsx itself, then loads the file.
    // Beside this file: retrain-worker.ts from source (npm start), retrain-worker.js in a build (the image).
    const entry = new URL(`./retrain-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: orders });
    let settled = false;
    worker.on('message', (message: RetrainMessage) => {
      if (message.type === 'progress') onProgress?.(message.line);
      else if (message.type === 'done') {
        settled = true;
        resolve(message);
      } else {
        settled = true;
        reject(new Error(`signal retrain failed: ${message.message}`));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`signal retrain thread exited with code ${code} before finishing`));
    });
  });
}
