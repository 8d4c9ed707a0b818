import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from './client.js';
import { GroupCommit } from './group-commit.js';
import { processedUpdates } from './schema.js';

/** 'mine': handle it; 'done': handled already; 'busy': someone is handling it now (the bot's UpdateDedupe port). */
export type UpdateClaim = 'mine' | 'done' | 'busy';

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
export class UpdateDedupeRepo {
  readonly owner: string;
  readonly leaseMs: number;
  /** Claims and "done" marks share one queue: under load a single statement carries both. */
  private readonly batch: GroupCommit<{ op: 'claim' | 'done'; id: number }, UpdateClaim | undefined>;

  constructor(
    private readonly db: Db,
    options: UpdateDedupeOptions = {},
  ) {
    this.owner = options.owner ?? randomBytes(6).toString('hex');
    this.leaseMs = options.leaseMs ?? 15_000;
    this.batch = new GroupCommit((ops) => this.flush(ops), options);
  }

  /**
   * 'mine': handle it. 'done': handled already. 'busy': being handled — by this process (an
   * answer is on its way), or by another whose lease has not lapsed yet.
   */
  async claim(updateId: number): Promise<UpdateClaim> {
    return (await this.batch.run({ op: 'claim', id: updateId }))!;
  }

  /** The update is handled: no redelivery will touch it again. */
  async done(updateId: number): Promise<void> {
    await this.batch.run({ op: 'done', id: updateId });
  }

  /** Not handled after all (it is to be sent again): drops this process's claim, so a redelivery is not a duplicate. */
  async release(updateId: number): Promise<void> {
    await this.db
      .delete(processedUpdates)
      .where(and(eq(processedUpdates.updateId, updateId), eq(processedUpdates.claimedBy, this.owner), isNull(processedUpdates.handledAt)));
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

  private async flush(ops: Array<{ op: 'claim' | 'done'; id: number }>): Promise<Array<UpdateClaim | undefined>> {
    const ids = ops.filter((o) => o.op === 'claim').map((o) => o.id);
    const finished = [...new Set(ops.filter((o) => o.op === 'done').map((o) => o.id))];
    const list = (values: number[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);
    const close = sql`update ${processedUpdates} set handled_at = now() where update_id in (${list(finished)})`;
    // One row must not be changed twice in one statement: an id both finished and claimed here
    // (a redelivery arriving as its handler ends) gets its mark in a statement of its own first.
    const alone = finished.length > 0 && (ids.length === 0 || finished.some((id) => ids.includes(id)));
    if (alone) await this.db.execute(close);
    const claims = await this.claimAll(ids, finished.length > 0 && !alone ? sql`with finished as (${close}) ` : sql``);
    let next = 0;
    return ops.map((o) => (o.op === 'claim' ? claims[next++] : undefined));
  }

  /**
   * New ids are inserted; a lapsed, unfinished claim of another process is taken over. `closing`
   * (the batch's "done" marks) rides along in the same statement.
   */
  private async claimAll(ids: number[], closing: SQL): Promise<UpdateClaim[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const rows = rowsOf(
      await this.db.execute(sql`${closing}insert into ${processedUpdates} (update_id, claimed_by)
        select id, ${this.owner} from unnest(array[${sql.join(unique.map((v) => sql`${v}::bigint`), sql`, `)}]) as id
        on conflict (update_id) do update set claimed_by = excluded.claimed_by, claimed_at = now()
          where ${processedUpdates}.handled_at is null and ${processedUpdates}.claimed_at < now() - make_interval(secs => ${this.leaseMs / 1000})
        returning update_id`),
    ) as Array<{ update_id: number | string }>;
    const mine = new Set(rows.map((r) => Number(r.update_id)));
    const lost = unique.filter((id) => !mine.has(id));
    const handled = new Set<number>();
    if (lost.length > 0) {
      const done = await this.db
        .select({ id: processedUpdates.updateId })
        .from(processedUpdates)
        .where(and(inArray(processedUpdates.updateId, lost), isNotNull(processedUpdates.handledAt)));
      for (const r of done) handled.add(r.id);
    }
    // The same id twice in one batch: only its first caller gets it.
    return ids.map((id) => (mine.delete(id) ? 'mine' : handled.has(id) ? 'done' : 'busy'));
  }
}
