import { and, eq, sql } from 'drizzle-orm';
import type { Leases } from '../notifications/ports.js';
import type { Db } from './client.js';
import { leases } from './schema.js';

/**
 * Named leases in the database: one statement takes a free or lapsed lease, or renews one's own.
 * Time is the database's, so processes with skewed clocks still agree on who holds it.
 */
export class LeaseRepo implements Leases {
  constructor(private readonly db: Db) {}

  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const until = sql`now() + ${`${Math.max(1, Math.round(ttlMs))} milliseconds`}::interval`;
    const rows = await this.db
      .insert(leases)
      .values({ name, holder, expiresAt: until })
      .onConflictDoUpdate({
        target: leases.name,
        set: { holder, expiresAt: until },
        setWhere: sql`${leases.holder} = ${holder} or ${leases.expiresAt} < now()`,
      })
      .returning({ holder: leases.holder });
    return rows.length > 0;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder)));
  }
}
