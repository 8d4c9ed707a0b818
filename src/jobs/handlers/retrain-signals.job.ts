import type { Logger } from '../../shared/logger.js';
import type { JobHandler } from '../job-queue.js';
import { retrainInWorker, type RetrainOrders } from '../retrain-in-worker.js';

/**
 * The signal model retrained and re-evaluated walk-forward (track records and weights), in a worker
 * thread: the bot keeps answering meanwhile. The signal service picks the new report up within its
 * refresh period (10 minutes).
 */
export function retrainSignalsJob(deps: {
  orders: RetrainOrders | undefined;
  /** Retrain once the newest set of models is this old; 0: never (SIGNALS_RETRAIN_DAYS). */
  everyDays: number;
  /** When the newest set was made (ms), or undefined when there is none. */
  newestAt: () => Promise<number | undefined>;
  now: () => number;
  logger: Logger;
}): JobHandler {
  return async () => {
    if (!deps.orders) {
      deps.logger.info({}, 'signals retrain skipped: DATA_DIR is in memory, there is nowhere to keep the models');
      return;
    }
    if (deps.everyDays === 0) return;
    // The job is scheduled at every start too: a set younger than the period is kept, so a restart costs no retrain.
    const newest = await deps.newestAt();
    if (newest !== undefined && deps.now() - newest < deps.everyDays * 86_400_000) return;
    const summary = await retrainInWorker(deps.orders);
    deps.logger.info({ pairs: summary.pairs, folds: summary.folds, ms: Math.round(summary.totalMs), model: summary.model }, 'signals retrained');
  };
}
