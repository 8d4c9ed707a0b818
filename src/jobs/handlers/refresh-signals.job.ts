import { userMessageOf } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { SignalAnswer } from '../../signals/signal-answer.js';
import type { SignalSource } from '../../signals/signal-desk.js';
import type { JobHandler } from '../job-queue.js';

export interface RefreshSignalsDeps {
  /** The pairs to read (the listed majors and every pair someone watches). */
  pairs(): Promise<string[]>;
  signals: SignalSource;
  /** Stores a candle's readings; false when they were stored already. */
  store: { record(signal: SignalAnswer): Promise<boolean> };
  /** A new candle's reading, once (advisor mode turns a strong one into proposals). */
  onNew?: (signal: SignalAnswer) => Promise<unknown>;
  logger: Logger;
  timeframe?: string;
}

/**
 * On each closed candle: every pair's technical reading and combined call stored in
 * trading_signals (with its indicator values and expiry), once per candle however often the job
 * runs, and handed to the advisor.
 */
export function refreshSignalsJob(deps: RefreshSignalsDeps): JobHandler {
  return async () => {
    const failed: Record<string, string> = {};
    let stored = 0;
    for (const symbol of await deps.pairs()) {
      try {
        const signal = await deps.signals.signalFor(symbol, deps.timeframe ?? '1h');
        if (!(await deps.store.record(signal))) continue;
        stored++;
        await deps.onNew?.(signal);
      } catch (error) {
        failed[symbol] = userMessageOf(error);
      }
    }
    if (stored > 0 || Object.keys(failed).length > 0) deps.logger.info({ stored, failed }, 'signals: readings of the closed candle stored');
  };
}
