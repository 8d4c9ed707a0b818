import { and, eq, inArray, like, lt, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { GroupCommit } from './group-commit.js';
import { kvState } from './schema.js';

/** Values are wrapped: a bare JSON string or number would not come back as the same type. */
type Stored<T> = { v: T };

/**
 * A small key → JSON store in the database: conversation state lives here, so a
 * conversation survives a restart and any instance can continue it.
 */
export class KvStoreRepo<T> {
  private readonly reads: GroupCommit<string, T | undefined>;

  constructor(
    private readonly db: Db,
    private readonly prefix: string,
    options: { parallel?: number } = {},
  ) {
    // Every update asks whether a conversation is open: many asks, one query (see GroupCommit).
    this.reads = new GroupCommit(async (keys) => {
      const rows = await this.db.select().from(kvState).where(inArray(kvState.key, [...new Set(keys)]));
      const found = new Map(rows.map((r) => [r.key, (r.value as Stored<T>).v]));
      return keys.map((k) => found.get(k));
    }, options);
  }

  read(key: string): Promise<T | undefined> {
    return this.reads.run(this.prefix + key);
  }

  async write(key: string, value: T): Promise<void> {
    const now = new Date();
    const stored: Stored<T> = { v: value };
    await this.db
      .insert(kvState)
      .values({ key: this.prefix + key, value: stored, updatedAt: now })
      .onConflictDoUpdate({ target: kvState.key, set: { value: stored, updatedAt: now } });
  }

  /**
   * Stores `value` unless it is already the stored one, in one statement; true when it changed.
   * Two racing callers with the same value: exactly one gets true (say-it-once semantics).
   */
  async writeIfChanged(key: string, value: T): Promise<boolean> {
    const stored: Stored<T> = { v: value };
    const rows = await this.db
      .insert(kvState)
      .values({ key: this.prefix + key, value: stored, updatedAt: new Date() })
      .onConflictDoUpdate({ target: kvState.key, set: { value: stored, updatedAt: new Date() }, setWhere: sql`${kvState.value} is distinct from excluded.value` })
      .returning({ key: kvState.key });
    return rows.length > 0;
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
