import type { Logger } from '../../shared/logger.js';
import type { RiskService } from '../../trading/risk-service.js';
import type { JobHandler } from '../job-queue.js';

/**
 * Every account's equity marked — the first mark of a UTC day is that day's opening snapshot, later
 * ones its low and the drawdown peak — and an account past its drawdown limit paused now, its owner
 * told through the outbox, without waiting for their next order.
 */
export function watchRiskJob(deps: { risk: Pick<RiskService, 'watch'>; logger: Logger }): JobHandler {
  return async () => {
    const result = await deps.risk.watch();
    if (result.paused > 0 || result.failed > 0) deps.logger.info(result, 'risk watch: equity marked');
  };
}
