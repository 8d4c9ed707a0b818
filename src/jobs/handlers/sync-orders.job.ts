import type { TradingService } from '../../trading/trading-service.js';
import type { JobHandler } from '../job-queue.js';

/**
 * Paper limit orders are matched first (the paper exchange's own matching), then every order that
 * can still change is read from its exchange: fills booked, watched stops fired, interrupted
 * confirmations settled. What their owners are told goes to the outbox with each change.
 */
export function syncOrdersJob(deps: { matchPaperOrders: () => Promise<unknown>; trading: Pick<TradingService, 'syncOrders'>; submittingGraceMs: number }): JobHandler {
  return async () => {
    await deps.matchPaperOrders();
    await deps.trading.syncOrders({ submittingGraceMs: deps.submittingGraceMs });
  };
}
