import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { JobHandler } from '../job-queue.js';

const DAY = 24 * 3600_000;

export interface Prunable {
  prune(before: Date): Promise<number>;
}

/** Short-lived notes that would otherwise pile up: each is dropped once untouched for `days`. */
export interface StaleNotes {
  name: string;
  store: Prunable;
  days: number;
}

/**
 * Old rows go: processed updates (a day), history (the retention setting), idle conversations (a
 * week), delivered notifications and preview messages (30 days), web links a day after they ended,
 * and the short-lived notes (`notes`, each after its own days).
 */
export function pruneJob(deps: { updates: Prunable; history: Prunable; conversations: Prunable; notifications: Prunable; targets: Prunable; webLinks?: Prunable; notes?: readonly StaleNotes[]; historyRetentionDays: number; clock: Clock; logger: Logger }): JobHandler {
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
    } as Record<string, number>;
    for (const note of deps.notes ?? []) pruned[note.name] = await note.store.prune(ago(note.days));
    deps.logger.info(pruned, 'pruned old updates, history, conversations, notifications, preview targets, web links and stale notes');
  };
}
