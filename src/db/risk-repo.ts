import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { NewNotification } from '../notifications/notification.js';
import type { RiskLimits } from '../risk/limits.js';
import { RISK_TOLERANCES, type LimitSettings, type RiskTolerance } from '../risk/limit-settings.js';
import type { Decimal } from '../shared/decimal.js';
import type { EquityBook, EquityDay, EquityMark, PauseReason, RiskSettingsStore, StoredRiskSettings } from '../trading/risk-ports.js';
import type { Db } from './client.js';
import { insertNotifications } from './notification-rows.js';
import { toDec, toNumeric } from './numeric.js';
import { equityPeaks, performanceMetrics, riskSettings } from './schema.js';

type Row = typeof riskSettings.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const DAY_MS = 86_400_000;
const tolerance = (value: string | null): RiskTolerance | null => (RISK_TOLERANCES as readonly string[]).includes(value ?? '') ? (value as RiskTolerance) : null;
const overrides = (value: unknown): Partial<RiskLimits> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<RiskLimits>) : {});

const toSettings = (row: Row | undefined): StoredRiskSettings => ({
  limits: overrides(row?.limits),
  tolerance: tolerance(row?.riskTolerance ?? null),
  pending: row?.pendingLimits && row.pendingAt ? { limits: overrides(row.pendingLimits), tolerance: tolerance(row.pendingTolerance), effectiveAt: row.pendingAt.getTime() } : null,
  pausedAt: row?.pausedAt?.getTime() ?? null,
  pauseReason: row?.pauseReason === 'drawdown' || row?.pauseReason === 'panic' ? row.pauseReason : null,
});

/** 'YYYY-MM-DD' of the UTC day `at` falls in. */
const utcDay = (at: Date): string => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/**
 * Risk settings (limits, what waits, the kill switch), daily equity snapshots and each account's
 * peak. It stores and loads: what a change makes of the limits is decided by the domain function
 * it is given, inside the transaction that holds the user's row.
 */
export class RiskRepo implements RiskSettingsStore, EquityBook {
  constructor(private readonly db: Db) {}

  async get(userId: number): Promise<StoredRiskSettings> {
    const [row] = await this.db.select().from(riskSettings).where(eq(riskSettings.userId, userId)).limit(1);
    return toSettings(row);
  }

  async updateLimits(userId: number, change: (current: StoredRiskSettings) => LimitSettings | null, at: Date): Promise<StoredRiskSettings> {
    return this.db.transaction(async (tx) => {
      const current = toSettings(await this.locked(tx, userId));
      const next = change(current);
      if (!next) return current;
      const [row] = await tx
        .update(riskSettings)
        .set({
          limits: next.limits,
          riskTolerance: next.tolerance,
          pendingLimits: next.pending?.limits ?? null,
          pendingTolerance: next.pending?.tolerance ?? null,
          pendingAt: next.pending ? new Date(next.pending.effectiveAt) : null,
          updatedAt: at,
        })
        .where(eq(riskSettings.userId, userId))
        .returning();
      return toSettings(row);
    });
  }

  async pause(userId: number, at: Date, reason: PauseReason, notify: (pausedAt: number) => NewNotification[]): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await this.locked(tx, userId);
      const moved = await tx
        .update(riskSettings)
        .set({ pausedAt: at, pauseReason: reason, updatedAt: at })
        .where(and(eq(riskSettings.userId, userId), isNull(riskSettings.pausedAt)))
        .returning({ userId: riskSettings.userId });
      if (moved.length === 0) return false;
      await insertNotifications(tx, notify(at.getTime()), at);
      return true;
    });
  }

  async resume(userId: number, at: Date, peaks: ReadonlyArray<{ accountId: number; equity: Decimal }>): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const moved = await tx
        .update(riskSettings)
        .set({ pausedAt: null, pauseReason: null, updatedAt: at })
        .where(and(eq(riskSettings.userId, userId), isNotNull(riskSettings.pausedAt)))
        .returning({ userId: riskSettings.userId });
      if (moved.length === 0) return false;
      for (const { accountId, equity } of peaks) {
        const value = toNumeric(equity);
        await tx
          .insert(equityPeaks)
          .values({ accountId, peakEquity: value, peakAt: at, resetAt: at })
          .onConflictDoUpdate({ target: equityPeaks.accountId, set: { peakEquity: value, peakAt: at, resetAt: at } });
      }
      return true;
    });
  }

  async mark(accountId: number, at: Date, equity: Decimal): Promise<EquityMark> {
    const value = toNumeric(equity);
    const day = utcDay(at);
    return this.db.transaction(async (tx) => {
      const [today] = await tx
        .insert(performanceMetrics)
        .values({ accountId, day, equityUsdt: value, pnlUsdt: '0', lowEquityUsdt: value, highEquityUsdt: value, lastEquityUsdt: value, updatedAt: at })
        .onConflictDoUpdate({
          target: [performanceMetrics.accountId, performanceMetrics.day],
          set: {
            lowEquityUsdt: sql`least(coalesce(${performanceMetrics.lowEquityUsdt}, ${performanceMetrics.equityUsdt}), excluded.last_equity_usdt)`,
            highEquityUsdt: sql`greatest(coalesce(${performanceMetrics.highEquityUsdt}, ${performanceMetrics.equityUsdt}), excluded.last_equity_usdt)`,
            lastEquityUsdt: sql`excluded.last_equity_usdt`,
            pnlUsdt: sql`excluded.last_equity_usdt - ${performanceMetrics.equityUsdt}`,
            updatedAt: sql`excluded.updated_at`,
          },
        })
        .returning();
      const [peak] = await tx
        .insert(equityPeaks)
        .values({ accountId, peakEquity: value, peakAt: at })
        .onConflictDoUpdate({
          target: equityPeaks.accountId,
          set: {
            peakEquity: sql`greatest(${equityPeaks.peakEquity}, excluded.peak_equity)`,
            peakAt: sql`case when excluded.peak_equity > ${equityPeaks.peakEquity} then excluded.peak_at else ${equityPeaks.peakAt} end`,
          },
        })
        .returning({ peakEquity: equityPeaks.peakEquity });
      return { today: dayOf(today!), peak: toDec(peak!.peakEquity) };
    });
  }

  async days(accountId: number, limit = 400): Promise<EquityDay[]> {
    const rows = await this.db.select().from(performanceMetrics).where(eq(performanceMetrics.accountId, accountId)).orderBy(desc(performanceMetrics.day)).limit(limit);
    return rows.reverse().map(dayOf);
  }

  /** The user's row, created if missing, locked for the rest of the transaction. */
  private async locked(tx: Tx, userId: number): Promise<Row | undefined> {
    await tx.insert(riskSettings).values({ userId }).onConflictDoNothing();
    const [row] = await tx.select().from(riskSettings).where(eq(riskSettings.userId, userId)).for('update');
    return row;
  }
}

function dayOf(row: typeof performanceMetrics.$inferSelect): EquityDay {
  const open = toDec(row.equityUsdt);
  return {
    day: Date.parse(`${row.day}T00:00:00Z`),
    open,
    low: row.lowEquityUsdt === null ? open : toDec(row.lowEquityUsdt),
    high: row.highEquityUsdt === null ? open : toDec(row.highEquityUsdt),
    last: row.lastEquityUsdt === null ? open : toDec(row.lastEquityUsdt),
  };
}
