import { and, eq, like, lt } from 'drizzle-orm';
import type { Db } from './client.js';
import { kvState } from './schema.js';

/**
 * A small key → JSON store in the database: conversation state lives here, so a
 * conversation survives a restart and any instance can continue it.
 */
export class KvStoreRepo<T> {
  constructor(
    private readonly db: Db,
    private readonly prefix: string,
  ) {}

  async read(key: string): Promise<T | undefined> {
    const [row] = await this.db.select({ value: kvState.value }).from(kvState).where(eq(kvState.key, this.prefix + key)).limit(1);
    return row ? (row.value as T) : undefined;
  }

  async write(key: string, value: T): Promise<void> {
    const now = new Date();
    await this.db
      .insert(kvState)
      .values({ key: this.prefix + key, value: value as object, updatedAt: now })
      .onConflictDoUpdate({ target: kvState.key, set: { value: value as object, updatedAt: now } });
  }

  async delete(key: string): Promise<void> {
    await this.db.delete(kvState).where(eq(kvState.key, this.prefix + key));
  }

  /** Drops entries untouched since `before` (abandoned conversations). */
  async prune(before: Date): Promise<number> {
    const rows = await this.db
      .delete(kvState)
      .where(and(like(kvState.key, `${this.prefix}%`), lt(kvState.updatedAt, before)))
      .returning({ key: kvState.key });
    return rows.length;
  }
}
