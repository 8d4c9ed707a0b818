import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { NewNotification } from '../notifications/notification.js';
import type { AdvisorStore, ProposalCard, ProposalDecision, ProposalRecord, QuietHours } from '../signals/advisor-service.js';
import type { TradeRequest } from '../trading/types.js';
import type { Db } from './client.js';
import { insertNotifications } from './notification-rows.js';
import { advisorSettings, advisorWatches, signalProposals } from './schema.js';

type ProposalRow = typeof signalProposals.$inferSelect;

const toRecord = (row: ProposalRow): ProposalRecord => ({
  id: row.id,
  userId: row.userId,
  symbol: row.symbol,
  timeframe: row.timeframe,
  side: row.side as ProposalRecord['side'],
  request: row.request as TradeRequest,
  card: row.details as ProposalCard,
  candleAt: row.candleAt.getTime(),
  createdAt: row.createdAt.getTime(),
  expiresAt: row.expiresAt.getTime(),
  status: row.status as ProposalRecord['status'],
});

/** Advisor mode's rows: watched pairs, quiet hours, proposals. Stores and loads; the advisor decides. */
export class AdvisorRepo implements AdvisorStore {
  constructor(private readonly db: Db) {}

  async watch(userId: number, symbol: string, timeframe: string): Promise<boolean> {
    const rows = await this.db.insert(advisorWatches).values({ userId, symbol, timeframe }).onConflictDoNothing().returning({ symbol: advisorWatches.symbol });
    return rows.length > 0;
  }

  async unwatch(userId: number, symbol: string): Promise<boolean> {
    const rows = await this.db.delete(advisorWatches).where(and(eq(advisorWatches.userId, userId), eq(advisorWatches.symbol, symbol))).returning({ symbol: advisorWatches.symbol });
    return rows.length > 0;
  }

  async watched(userId: number): Promise<string[]> {
    const rows = await this.db.select({ symbol: advisorWatches.symbol }).from(advisorWatches).where(eq(advisorWatches.userId, userId)).orderBy(advisorWatches.symbol);
    return rows.map((r) => r.symbol);
  }

  async watchersOf(symbol: string, timeframe: string): Promise<number[]> {
    const rows = await this.db.select({ userId: advisorWatches.userId }).from(advisorWatches).where(and(eq(advisorWatches.symbol, symbol), eq(advisorWatches.timeframe, timeframe))).orderBy(advisorWatches.userId);
    return rows.map((r) => r.userId);
  }

  async watchedPairs(): Promise<string[]> {
    const rows = await this.db.selectDistinct({ symbol: advisorWatches.symbol }).from(advisorWatches).orderBy(advisorWatches.symbol);
    return rows.map((r) => r.symbol);
  }

  async quietHours(userId: number): Promise<QuietHours | null> {
    const [row] = await this.db.select().from(advisorSettings).where(eq(advisorSettings.userId, userId)).limit(1);
    return row && row.quietFrom !== null && row.quietTo !== null ? { from: row.quietFrom, to: row.quietTo } : null;
  }

  async setQuietHours(userId: number, quiet: QuietHours | null): Promise<void> {
    const values = { quietFrom: quiet?.from ?? null, quietTo: quiet?.to ?? null, updatedAt: new Date() };
    await this.db.insert(advisorSettings).values({ userId, ...values }).onConflictDoUpdate({ target: advisorSettings.userId, set: values });
  }

  async proposalsSince(userId: number, since: number): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(signalProposals).where(and(eq(signalProposals.userId, userId), gte(signalProposals.createdAt, new Date(since))));
    return Number(row?.n ?? 0);
  }

  async propose(proposal: ProposalRecord, notification: NewNotification): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .insert(signalProposals)
        .values({
          id: proposal.id,
          userId: proposal.userId,
          symbol: proposal.symbol,
          timeframe: proposal.timeframe,
          side: proposal.side,
          request: proposal.request,
          details: proposal.card,
          candleAt: new Date(proposal.candleAt),
          status: 'open',
          expiresAt: new Date(proposal.expiresAt),
          // The clock's now, not the database's: the day's cap counts by it.
          createdAt: new Date(proposal.createdAt),
        })
        .onConflictDoNothing()
        .returning({ id: signalProposals.id });
      if (rows.length === 0) return false;
      await insertNotifications(tx as unknown as Db, [notification], new Date(proposal.createdAt));
      return true;
    });
  }

  async decide(id: string, userId: number, decision: 'claimed' | 'rejected', now: number): Promise<ProposalDecision> {
    // One statement: of two presses at once, exactly one finds the row still open.
    const [row] = await this.db
      .update(signalProposals)
      .set({ status: decision, decidedAt: new Date(now) })
      .where(and(eq(signalProposals.id, id), eq(signalProposals.userId, userId), eq(signalProposals.status, 'open'), sql`${signalProposals.expiresAt} > ${new Date(now).toISOString()}::timestamptz`))
      .returning();
    if (row) return { outcome: decision, proposal: toRecord(row) };
    const [found] = await this.db.select().from(signalProposals).where(eq(signalProposals.id, id)).limit(1);
    if (!found) return { outcome: 'not_found' };
    if (found.userId !== userId) return { outcome: 'not_yours' };
    if (found.status === 'rejected') return { outcome: 'rejected_before' };
    if (found.status !== 'open') return { outcome: 'used' };
    return { outcome: 'expired' };
  }
}
