import type { Logger } from '../../shared/logger.js';
import type { JobHandler } from '../job-queue.js';
import { retrainInWorker, type RetrainOrders } from '../retrain-in-worker.js';

/**
 * The signal model retrained and re-evaluated walk-forward (track records and weights), in a worker
 * thread: the bot keeps answering meanwhile. The signal service picks the new report up within its
 * refresh period (10 minutes).
 */
export function retrainSignalsJob(deps: { orders: RetrainOrders | undefined; logger: Logger }): JobHandler {
  return async () => {
    if (!deps.orders) {
      deps.logger.info({}, 'signals retrain skipped: DATA_DIR is in memory, there is nowhere to keep the models');
      return;
    }
    const summary = await retrainInWorker(deps.orders);
    deps.logger.info({ pairs: summary.pairs, folds: summary.folds, ms: Math.round(summary.totalMs), model: summary.model }, 'signals retrained');
  };
}
