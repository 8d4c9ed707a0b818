import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { UpdateClaim, UpdateDedupe } from '../bot/ports.js';
import type { Db } from './client.js';
import { GroupCommit } from './group-commit.js';
import { processedUpdates } from './schema.js';

export interface UpdateDedupeOptions {
  /** How long a claim holds without being renewed (default 15 s). */
  leaseMs?: number;
  /** This process, in the claims it writes (default: random per start). */
  owner?: string;
  parallel?: number;
}

/**
 * Telegram may deliver an update twice (retries, two instances): the first claim wins. A claim
 * is a lease, renewed while its update is handled and closed when it is done: a redelivery of an
 * update whose handler died with its process takes it over once the lease has lapsed, instead of
 * being dropped as a duplicate — a ✅ pressed as the app was killed is not lost.
 */
export class UpdateDedupeRepo implements UpdateDedupe {
  readonly owner: string;
  readonly leaseMs: number;
  private readonly claims: GroupCommit<number, UpdateClaim>;
  private readonly closes: GroupCommit<number, undefined>;

  constructor(
    private readonly db: Db,
    options: UpdateDedupeOptions = {},
  ) {
    this.owner = options.owner ?? randomBytes(6).toString('hex');
    this.leaseMs = options.leaseMs ?? 15_000;
    this.claims = new GroupCommit((ids) => this.claimAll(ids), options);
    this.closes = new GroupCommit(async (ids) => {
      await this.db
        .update(processedUpdates)
        .set({ handledAt: sql`now()` })
        .where(inArray(processedUpdates.updateId, [...new Set(ids)]));
      return ids.map(() => undefined);
    }, options);
  }

  /**
   * 'mine': handle it. 'done': handled already. 'busy': being handled — by this process (an
   * answer is on its way), or by another whose lease has not lapsed yet.
   */
  claim(updateId: number): Promise<UpdateClaim> {
    return this.claims.run(updateId);
  }

  /** The update is handled: no redelivery will touch it again. */
  async done(updateId: number): Promise<void> {
    await this.closes.run(updateId);
  }

  /** Keeps a long-running claim alive. */
  async renew(updateId: number): Promise<void> {
    await this.db
      .update(processedUpdates)
      .set({ claimedAt: sql`now()` })
      .where(and(eq(processedUpdates.updateId, updateId), eq(processedUpdates.claimedBy, this.owner), isNull(processedUpdates.handledAt)));
  }

  /** Forget ids older than `before`; Telegram stops retrying long before. */
  async prune(before: Date): Promise<number> {
    const rows = await this.db.delete(processedUpdates).where(lt(processedUpdates.receivedAt, before)).returning({ id: processedUpdates.updateId });
    return rows.length;
  }

  private async claimAll(ids: number[]): Promise<UpdateClaim[]> {
    const unique = [...new Set(ids)];
    const lapsed = sql`now() - make_interval(secs => ${this.leaseMs / 1000})`;
    // New ids are inserted; a lapsed, unfinished claim of another process is taken over.
    const won = await this.db
      .insert(processedUpdates)
      .values(unique.map((updateId) => ({ updateId, claimedBy: this.owner })))
      .onConflictDoUpdate({
        target: processedUpdates.updateId,
        set: { claimedBy: this.owner, claimedAt: sql`now()` },
        setWhere: sql`${processedUpdates.handledAt} is null and ${processedUpdates.claimedAt} < ${lapsed}`,
      })
      .returning({ id: processedUpdates.updateId });
    const mine = new Set(won.map((r) => r.id));
    const lost = unique.filter((id) => !mine.has(id));
    const handled = new Set<number>();
    if (lost.length > 0) {
      const rows = await this.db
        .select({ id: processedUpdates.updateId })
        .from(processedUpdates)
        .where(and(inArray(processedUpdates.updateId, lost), isNotNull(processedUpdates.handledAt)));
      for (const r of rows) handled.add(r.id);
    }
    // The same id twice in one batch: only its first caller gets it.
    return ids.map((id) => (mine.delete(id) ? 'mine' : handled.has(id) ? 'done' : 'busy'));
  }
}
