import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { ClaimOutcome, ConfirmationStore, NewConfirmation } from '../trading/ports.js';
import type { Confirmation, ConfirmationStatus, ExecutionResult, OrderPlan, TradeRequest } from '../trading/types.js';
import type { Db } from './client.js';
import { confirmations } from './schema.js';

type Row = typeof confirmations.$inferSelect;

const toConfirmation = (row: Row): Confirmation => ({
  id: row.id,
  userId: row.userId,
  accountId: row.accountId,
  chatId: row.chatId,
  messageId: row.messageId,
  kind: 'order',
  request: row.request as TradeRequest,
  plan: row.preview as OrderPlan,
  status: row.status as ConfirmationStatus,
  result: (row.result as ExecutionResult | null) ?? null,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
});

/**
 * Every status move is one conditional UPDATE … RETURNING: the database decides which of
 * two racing presses (or two instances) wins, never memory.
 */
export class ConfirmationRepo implements ConfirmationStore {
  constructor(private readonly db: Db) {}

  async create(c: NewConfirmation): Promise<void> {
    await this.db.insert(confirmations).values({
      id: c.id,
      userId: c.userId,
      accountId: c.accountId,
      chatId: c.chatId,
      kind: 'order',
      request: c.request,
      preview: c.plan,
      status: 'pending',
      createdAt: c.createdAt,
      expiresAt: c.expiresAt,
    });
  }

  async attachMessage(id: string, messageId: number): Promise<void> {
    await this.db.update(confirmations).set({ messageId }).where(eq(confirmations.id, id));
  }

  async get(id: string): Promise<Confirmation | null> {
    const [row] = await this.db.select().from(confirmations).where(eq(confirmations.id, id)).limit(1);
    return row ? toConfirmation(row) : null;
  }

  async statusOf(id: string): Promise<ConfirmationStatus | null> {
    const [row] = await this.db.select({ status: confirmations.status }).from(confirmations).where(eq(confirmations.id, id)).limit(1);
    return (row?.status as ConfirmationStatus | undefined) ?? null;
  }

  claim(id: string, userId: number, now: Date): Promise<ClaimOutcome> {
    return this.move(id, userId, now, 'executing', 'claimed');
  }

  cancel(id: string, userId: number, now: Date): Promise<ClaimOutcome> {
    return this.move(id, userId, now, 'cancelled', 'claimed');
  }

  async fail(id: string, result: ExecutionResult): Promise<void> {
    await this.db
      .update(confirmations)
      .set({ status: 'failed', result })
      .where(and(eq(confirmations.id, id), eq(confirmations.status, 'executing')));
  }

  async expireDue(now: Date, limit: number): Promise<Confirmation[]> {
    const due = this.db
      .select({ id: confirmations.id })
      .from(confirmations)
      .where(and(eq(confirmations.status, 'pending'), lte(confirmations.expiresAt, now)))
      .orderBy(asc(confirmations.expiresAt))
      .limit(limit);
    const rows = await this.db
      .update(confirmations)
      .set({ status: 'expired', resolvedAt: now })
      .where(and(sql`${confirmations.id} in ${due}`, eq(confirmations.status, 'pending')))
      .returning();
    return rows.map(toConfirmation);
  }

  async listStuck(olderThan: Date): Promise<Confirmation[]> {
    const rows = await this.db
      .select()
      .from(confirmations)
      .where(and(eq(confirmations.status, 'executing'), lte(confirmations.resolvedAt, olderThan)));
    return rows.map(toConfirmation);
  }

  private async move(id: string, userId: number, now: Date, to: ConfirmationStatus, won: 'claimed'): Promise<ClaimOutcome> {
    const [row] = await this.db
      .update(confirmations)
      .set({ status: to, resolvedAt: now })
      .where(and(eq(confirmations.id, id), eq(confirmations.userId, userId), eq(confirmations.status, 'pending'), gt(confirmations.expiresAt, now)))
      .returning();
    if (row) return { outcome: won, confirmation: toConfirmation(row) };

    const current = await this.get(id);
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
}
