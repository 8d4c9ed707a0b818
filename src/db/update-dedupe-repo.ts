import { lt } from 'drizzle-orm';
import type { Db } from './client.js';
import { GroupCommit } from './group-commit.js';
import { processedUpdates } from './schema.js';

/** Telegram may deliver an update twice (retries, two instances): the first insert wins. */
export class UpdateDedupeRepo {
  private readonly inserts: GroupCommit<number, boolean>;

  constructor(
    private readonly db: Db,
    options: { parallel?: number } = {},
  ) {
    this.inserts = new GroupCommit(async (ids) => {
      const rows = await this.db
        .insert(processedUpdates)
        .values([...new Set(ids)].map((updateId) => ({ updateId })))
        .onConflictDoNothing()
        .returning({ id: processedUpdates.updateId });
      const fresh = new Set(rows.map((r) => r.id));
      // The same id twice in one batch: only its first caller saw it first.
      return ids.map((id) => fresh.delete(id));
    }, options);
  }

  /** True the first time an update id is seen, false ever after. */
  firstSeen(updateId: number): Promise<boolean> {
    return this.inserts.run(updateId);
  }

  /** Forget ids older than `before`; Telegram stops retrying long before. */
  async prune(before: Date): Promise<number> {
    const rows = await this.db.delete(processedUpdates).where(lt(processedUpdates.receivedAt, before)).returning({ id: processedUpdates.updateId });
    return rows.length;
  }
}
