import type { Logger } from '../../shared/logger.js';
import type { TradingService } from '../../trading/trading-service.js';
import type { Account } from '../../trading/types.js';
import type { JobHandler } from '../job-queue.js';

/** Every connected live account against its exchange; what is found goes to its owner through the outbox. */
export function reconcileAccountsJob(deps: { connected: () => Promise<Account[]>; trading: Pick<TradingService, 'reconcile'>; logger: Logger }): JobHandler {
  return async () => {
    for (const account of await deps.connected()) {
      try {
        await deps.trading.reconcile(account);
      } catch (error) {
        deps.logger.warn({ accountId: account.id, err: error }, 'reconciliation failed; next pass retries');
      }
    }
  };
}
