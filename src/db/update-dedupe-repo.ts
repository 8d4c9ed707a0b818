import { lt } from 'drizzle-orm';
import type { Db } from './client.js';
import { processedUpdates } from './schema.js';

/** Telegram may deliver an update twice (retries, two instances): the first insert wins. */
export class UpdateDedupeRepo {
  constructor(private readonly db: Db) {}

  /** True the first time an update id is seen, false ever after. */
  async firstSeen(updateId: number): Promise<boolean> {
    const rows = await this.db.insert(processedUpdates).values({ updateId }).onConflictDoNothing().returning({ id: processedUpdates.updateId });
    return rows.length > 0;
  }

  /** Forget ids older than `before`; Telegram stops retrying long before. */
  async prune(before: Date): Promise<number> {
    const rows = await this.db.delete(processedUpdates).where(lt(processedUpdates.receivedAt, before)).returning({ id: processedUpdates.updateId });
    return rows.length;
  }
}
