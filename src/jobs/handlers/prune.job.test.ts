import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.js';
import { pruneJob, type Prunable } from './prune.job.js';

/** A store of rows written at given times; prune drops those written before the cut-off. */
class RowsAt implements Prunable {
  cutoffs: Date[] = [];
  constructor(public writtenAt: number[]) {}
  async prune(before: Date): Promise<number> {
    this.cutoffs.push(before);
    const kept = this.writtenAt.filter((at) => at >= before.getTime());
    const dropped = this.writtenAt.length - kept.length;
    this.writtenAt = kept;
    return dropped;
  }
}

const DAY = 86_400_000;
const silent: Record<string, unknown> = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

describe('prune job', () => {
  it('drops each kind of short-lived note after its own days and reports what went', async () => {
    const now = 100 * DAY;
    const clock = new ManualClock(now);
    const none = () => new RowsAt([]);
    const idempotency = new RowsAt([now - 2 * DAY, now - DAY / 2]);
    const memory = new RowsAt([now - 3 * DAY, now - 2 * DAY, now - 60_000]);
    const logged: unknown[] = [];
    const logger = { ...silent, info: (fields: unknown) => logged.push(fields) } as never;
    await pruneJob({
      updates: none(),
      history: none(),
      conversations: none(),
      notifications: none(),
      targets: none(),
      notes: [
        { name: 'idempotencyKeys', store: idempotency, days: 1 },
        { name: 'chatMemory', store: memory, days: 1 },
      ],
      historyRetentionDays: 90,
      clock,
      logger,
    })(undefined);
    expect(idempotency.writtenAt).toEqual([now - DAY / 2]);
    expect(memory.writtenAt).toEqual([now - 60_000]);
    expect(idempotency.cutoffs).toEqual([new Date(now - DAY)]);
    expect(logged[0]).toMatchObject({ idempotencyKeys: 1, chatMemory: 2 });
  });
});
