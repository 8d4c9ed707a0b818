// The retrain job's thread: walk-forward evaluation and the live models, trained off the main
// thread so the bot keeps answering while it runs (see retrain-in-worker.ts). Reads its orders from
// workerData, posts progress lines and, at the end, a summary.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadCandleDir, type CandleSeries } from '../market/candle-file.js';
import { systemClock } from '../shared/clock.js';
import { TfjsDirectionTrainer, TfjsModelFolderStore } from '../signals/ml/tfjs-direction-model.js';
import { tfjsRuntime } from '../signals/ml/tfjs-runtime.js';
import { retrainSignals } from '../signals/retrain-signals.js';
import { SignalReportFile } from '../signals/signal-report-file.js';
import type { RetrainOrders, RetrainMessage } from './retrain-in-worker.js';

const orders = workerData as RetrainOrders;
const post = (message: RetrainMessage) => parentPort!.postMessage(message);

try {
  const all = await loadCandleDir(orders.candlesDir, '1h');
  const series = orders.pairs ? all.filter((s) => orders.pairs!.includes(s.symbol)) : all;
  const bySymbol = new Map<string, CandleSeries>(series.map((s) => [s.symbol, s]));
  const loader = tfjsRuntime({ prefer: orders.backend ?? 'wasm' });
  const trainer = new TfjsDirectionTrainer(loader);
  const report = await retrainSignals(
    {
      history: { history: async (symbol) => bySymbol.get(symbol)! },
      trainer,
      models: new TfjsModelFolderStore(loader, join(orders.outDir, 'models')),
      reports: new SignalReportFile(join(orders.outDir, 'report.json')),
      clock: systemClock,
      stopwatch: () => performance.now(),
    },
    {
      pairs: series.map((s) => ({ symbol: s.symbol, timeframe: s.timeframe })),
      ...(orders.walkForward ? { walkForward: orders.walkForward } : {}),
      onProgress: (line) => post({ type: 'progress', line }),
    },
  );
  post({ type: 'done', pairs: report.pairs.length, folds: report.timing.folds, totalMs: report.timing.totalMs, model: report.model });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
