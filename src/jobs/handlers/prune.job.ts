import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { JobHandler } from '../job-queue.js';

const DAY = 24 * 3600_000;

export interface Prunable {
  prune(before: Date): Promise<number>;
}

/** Old rows go: processed updates (a day), history (the retention setting), idle conversations (a week), delivered notifications and preview messages (30 days), web links a day after they ended, lab runs after 30 days. */
export function pruneJob(deps: { updates: Prunable; history: Prunable; conversations: Prunable; notifications: Prunable; targets: Prunable; webLinks?: Prunable; labRuns?: Prunable; historyRetentionDays: number; clock: Clock; logger: Logger }): JobHandler {
  return async () => {
    const now = deps.clock.now();
    const ago = (days: number) => new Date(now - days * DAY);
    const pruned = {
      updates: await deps.updates.prune(ago(1)),
      commands: await deps.history.prune(ago(deps.historyRetentionDays)),
      // Conversations idle for a week are abandoned; their questions answer "closed".
      conversations: await deps.conversations.prune(ago(7)),
      notifications: await deps.notifications.prune(ago(30)),
      targets: await deps.targets.prune(ago(30)),
      webLinks: deps.webLinks ? await deps.webLinks.prune(ago(1)) : 0,
      // Lab runs (backtests from the chat and the API) can be polled for 30 days.
      labRuns: deps.labRuns ? await deps.labRuns.prune(ago(30)) : 0,
    };
    deps.logger.info(pruned, 'pruned old updates, history, conversations, notifications, preview targets, web links and lab runs');
  };
}
