import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { NewNotification } from '../notifications/notification.js';
import type { ClaimOutcome, ConfirmationStore, NewConfirmation, NewOrder } from '../trading/ports.js';
import type { Confirmation, ConfirmationStatus, ExecutionResult } from '../trading/types.js';
import { rowsOf, type Db } from './client.js';
import { GroupCommit } from './group-commit.js';
import { insertNotifications } from './notification-rows.js';
import { confirmations, orderEvents, orders } from './schema.js';

type Row = typeof confirmations.$inferSelect;

/** One leg of a claimAll lost its claim: the transaction is rolled back. */
class LostClaim extends Error {}

export const toConfirmation = (row: Row): Confirmation =>
  ({
    id: row.id,
    userId: row.userId,
    accountId: row.accountId,
    kind: row.kind,
    request: row.request,
    plan: row.preview,
    status: row.status as ConfirmationStatus,
    result: (row.result as ExecutionResult | null) ?? null,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  }) as Confirmation;

/**
 * Every status move is one conditional UPDATE … RETURNING: the database decides which of
 * two racing presses (or two instances) wins, never memory.
 */
export class ConfirmationRepo implements ConfirmationStore {
  private readonly creates: GroupCommit<NewConfirmation, undefined>;

  constructor(
    private readonly db: Db,
    options: { parallel?: number } = {},
  ) {
    // Previews arriving together are stored with one statement (see GroupCommit).
    this.creates = new GroupCommit(async (batch) => {
      await this.db.insert(confirmations).values(
        batch.map((c) => ({
          id: c.id,
          userId: c.userId,
          accountId: c.accountId,
          kind: c.kind,
          request: c.request,
          preview: c.plan,
          status: 'pending',
          createdAt: c.createdAt,
          expiresAt: c.expiresAt,
        })),
      );
      return batch.map(() => undefined);
    }, options);
  }

  async create(c: NewConfirmation): Promise<void> {
    await this.creates.run(c);
  }

  async get(id: string): Promise<Confirmation | null> {
    const [row] = await this.db.select().from(confirmations).where(eq(confirmations.id, id)).limit(1);
    return row ? toConfirmation(row) : null;
  }

  async statusOf(id: string): Promise<ConfirmationStatus | null> {
    const [row] = await this.db.select({ status: confirmations.status }).from(confirmations).where(eq(confirmations.id, id)).limit(1);
    return (row?.status as ConfirmationStatus | undefined) ?? null;
  }

  claim(id: string, userId: number, now: Date, journal?: (confirmation: Confirmation) => NewOrder | null): Promise<ClaimOutcome> {
    return this.move(id, userId, now, 'executing', journal);
  }

  async claimAll(ids: readonly string[], userId: number, now: Date, journal: (c: Confirmation) => NewOrder | null): Promise<{ outcome: 'claimed'; confirmations: Confirmation[] } | Exclude<ClaimOutcome, { outcome: 'claimed' }>> {
    if (ids.length === 0) return { outcome: 'not_found' };
    const seen = await Promise.all(ids.map((id) => this.get(id)));
    const blocking = seen.findIndex((c) => c === null || c.userId !== userId || c.status !== 'pending');
    if (blocking < 0) {
      const won = await this.db
        .transaction(async (tx) => {
          for (const c of seen as Confirmation[]) {
            if (!(await this.claimStatement(c.id, userId, now, 'executing', journal({ ...c, status: 'executing' } as Confirmation), tx))) throw new LostClaim();
          }
          return true;
        })
        .catch((error: unknown) => {
          if (error instanceof LostClaim) return false;
          throw error;
        });
      if (won) return { outcome: 'claimed', confirmations: (seen as Confirmation[]).map((c) => ({ ...c, status: 'executing' }) as Confirmation) };
    }
    // Someone else won, or one leg is not claimable: say why from the first leg that is not pending now.
    const current = await Promise.all(ids.map((id) => this.get(id)));
    const first = current.find((c) => c === null || c.userId !== userId || c.status !== 'pending') ?? current[0]!;
    if (!first) return { outcome: 'not_found' };
    if (first.userId !== userId) return { outcome: 'not_owner' };
    if (first.status === 'pending') {
      // Every leg still pending: the claim failed on their time. Expire them (conditionally: a sweep may have).
      const expired = await this.db
        .update(confirmations)
        .set({ status: 'expired', resolvedAt: now })
        .where(and(inArray(confirmations.id, [...ids]), eq(confirmations.status, 'pending'), lte(confirmations.expiresAt, now)))
        .returning();
      const mine = expired.find((r) => r.id === first.id);
      return { outcome: 'expired', confirmation: mine ? toConfirmation(mine) : { ...first, status: 'expired' } };
    }
    if (first.status === 'expired') return { outcome: 'expired', confirmation: first };
    return { outcome: 'already', confirmation: first };
  }

  cancel(id: string, userId: number, now: Date): Promise<ClaimOutcome> {
    return this.move(id, userId, now, 'cancelled');
  }

  async finish(id: string, status: 'executed' | 'failed', result: ExecutionResult, notify?: (settled: Confirmation) => NewNotification[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(confirmations)
        .set({ status, result })
        .where(and(eq(confirmations.id, id), eq(confirmations.status, 'executing')))
        .returning();
      if (row && notify) await insertNotifications(tx, notify(toConfirmation(row)), new Date());
    });
  }

  async expireDue(now: Date, limit: number, notify?: (expired: Confirmation) => NewNotification[]): Promise<Confirmation[]> {
    return this.db.transaction(async (tx) => {
      const due = tx
        .select({ id: confirmations.id })
        .from(confirmations)
        .where(and(eq(confirmations.status, 'pending'), lte(confirmations.expiresAt, now)))
        .orderBy(asc(confirmations.expiresAt))
        .limit(limit);
      const rows = await tx
        .update(confirmations)
        .set({ status: 'expired', resolvedAt: now })
        .where(and(sql`${confirmations.id} in ${due}`, eq(confirmations.status, 'pending')))
        .returning();
      const expired = rows.map(toConfirmation);
      if (notify) await insertNotifications(tx, expired.flatMap(notify), now);
      return expired;
    });
  }

  private async move(id: string, userId: number, now: Date, to: ConfirmationStatus, journal?: (c: Confirmation) => NewOrder | null): Promise<ClaimOutcome> {
    // The plan never changes after the preview, so the order can be worked out from a plain read;
    // the claim itself is then one statement, one round trip.
    const seen = await this.get(id);
    const claimable = seen !== null && seen.userId === userId && seen.status === 'pending';
    if (claimable && (await this.claimStatement(id, userId, now, to, journal?.({ ...seen, status: to }) ?? null))) {
      return { outcome: 'claimed', confirmation: { ...seen, status: to } as Confirmation };
    }
    // Lost the race (read it again to say why), or never claimable.
    const current = claimable ? await this.get(id) : seen;
    if (!current) return { outcome: 'not_found' };
    if (current.userId !== userId) return { outcome: 'not_owner' };
    if (current.status === 'pending') {
      // Pending but past its time: expire it now (conditionally: a sweep may have done so).
      const [expired] = await this.db
        .update(confirmations)
        .set({ status: 'expired', resolvedAt: now })
        .where(and(eq(confirmations.id, id), eq(confirmations.status, 'pending')))
        .returning();
      return { outcome: 'expired', confirmation: expired ? toConfirmation(expired) : { ...current, status: 'expired' } };
    }
    if (current.status === 'expired') return { outcome: 'expired', confirmation: current };
    return { outcome: 'already', confirmation: current };
  }

  /**
   * pending → `to`, conditionally, and — in the same statement, so in the same transaction — the
   * order it becomes journaled as 'submitting' with its first two events: an 'executing'
   * confirmation always has its order row, so recovery never has to guess. True when this
   * caller won (the confirmation was pending, unexpired and this user's).
   */
  private async claimStatement(id: string, userId: number, now: Date, to: ConfirmationStatus, order: NewOrder | null, db: Pick<Db, 'execute'> = this.db): Promise<boolean> {
    const at = now.toISOString();
    const journaled = order
      ? sql`, placed as (
          insert into ${orders} (user_id, account_id, client_order_id, symbol, side, type, status, amount, price, stop_price, trigger_native, price_decimals, created_at, updated_at)
          select ${order.userId}, ${order.accountId}, ${order.clientOrderId}, ${order.symbol}, ${order.side}, ${order.type}, 'submitting',
                 ${order.amount}::numeric, ${order.price}::numeric, ${order.triggerPrice}::numeric, ${order.triggerNative}, ${order.priceDecimals}::integer, ${at}::timestamptz, ${at}::timestamptz
          from claimed
          returning id
        ), logged as (
          insert into ${orderEvents} (order_id, status, detail)
          select id, 'pending', ${JSON.stringify({ confirmationId: id })}::jsonb from placed
          union all
          select id, 'submitting', ${JSON.stringify({ from: 'pending' })}::jsonb from placed
        )`
      : sql``;
    const result = await db.execute(sql`
      with claimed as (
        update ${confirmations} set status = ${to}, resolved_at = ${at}::timestamptz
        where id = ${id} and user_id = ${userId} and status = 'pending' and expires_at > ${at}::timestamptz
        returning id
      )${journaled}
      select id from claimed`);
    return rowsOf(result).length > 0;
  }
}
