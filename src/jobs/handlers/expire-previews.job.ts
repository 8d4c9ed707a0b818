import type { TradingService } from '../../trading/trading-service.js';
import type { JobHandler } from '../job-queue.js';

/** Previews past their time become expired; the outbox takes their buttons away. */
export function expirePreviewsJob(trading: Pick<TradingService, 'expireDue'>): JobHandler {
  return async () => {
    await trading.expireDue();
  };
}
