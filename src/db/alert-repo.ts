import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { AlertStore, CreateOutcome, NewAlert, RelevelOutcome, RemoveOutcome, SnoozeOutcome } from '../alerts/ports.js';
import type { NewNotification } from '../notifications/notification.js';
import type { AlertDirection, AlertStatus, MoveDirection, PriceAlert } from '../alerts/types.js';
import { decString } from '../shared/decimal.js';
import type { Db } from './client.js';
import { insertNotifications } from './notification-rows.js';
import { toDec, toNumeric } from './numeric.js';
import { priceAlerts, users } from './schema.js';

type Row = typeof priceAlerts.$inferSelect;

const num = (value: string | null): string => decString(toDec(value ?? '0'));

const toAlert = (row: Row): PriceAlert => {
  const common = {
    id: row.id,
    userId: row.userId,
    symbol: row.symbol,
    status: row.status as AlertStatus,
    createdAt: row.createdAt,
    triggeredAt: row.triggeredAt,
    triggeredPrice: row.triggeredPrice === null ? null : num(row.triggeredPrice),
    cancelledAt: row.cancelledAt,
    cooldownMs: row.cooldownMs,
    armed: row.armed,
    snoozedUntil: row.snoozedUntil,
    expiresAt: row.expiresAt,
    fireCount: row.fireCount,
  };
  return row.kind === 'move'
    ? { ...common, kind: 'move', direction: row.direction as MoveDirection, pct: num(row.movePct), windowMs: row.windowMs ?? 0 }
    : { ...common, kind: 'level', direction: row.direction as AlertDirection, price: num(row.price) };
};

/**
 * The alert book. Every status move is one conditional UPDATE … RETURNING: the database decides
 * which of two racing passes fires an alert (or whether a removal came first), never memory.
 */
export class AlertRepo implements AlertStore {
  constructor(private readonly db: Db) {}

  async create(alert: NewAlert, options: { maxActive: number }): Promise<CreateOutcome> {
    return this.db.transaction(async (tx) => {
      // The user's row is the lock: alerts set at once by one user are counted one after the
      // other, so the cap holds (a count alone would let two racing inserts both pass).
      await tx.select({ id: users.id }).from(users).where(eq(users.id, alert.userId)).for('update');
      const mine = and(eq(priceAlerts.userId, alert.userId), eq(priceAlerts.status, 'active'));
      const what =
        alert.kind === 'move'
          ? and(eq(priceAlerts.kind, 'move'), eq(priceAlerts.movePct, toNumeric(toDec(alert.pct))), eq(priceAlerts.windowMs, alert.windowMs))
          : and(eq(priceAlerts.kind, 'level'), eq(priceAlerts.price, toNumeric(toDec(alert.price))));
      const [same] = await tx
        .select()
        .from(priceAlerts)
        .where(and(mine, eq(priceAlerts.symbol, alert.symbol), eq(priceAlerts.direction, alert.direction), what))
        .limit(1);
      if (same) return { outcome: 'duplicate', alert: toAlert(same) };
      const [counted] = await tx.select({ n: sql<number>`count(*)::int` }).from(priceAlerts).where(mine);
      const active = Number(counted?.n ?? 0);
      if (active >= options.maxActive) return { outcome: 'limit', active };
      const [row] = await tx
        .insert(priceAlerts)
        .values({
          id: alert.id,
          userId: alert.userId,
          symbol: alert.symbol,
          kind: alert.kind ?? 'level',
          direction: alert.direction,
          price: alert.kind === 'move' ? null : toNumeric(toDec(alert.price)),
          movePct: alert.kind === 'move' ? toNumeric(toDec(alert.pct)) : null,
          windowMs: alert.kind === 'move' ? alert.windowMs : null,
          cooldownMs: alert.cooldownMs ?? null,
          expiresAt: alert.expiresAt ?? null,
          armed: alert.armed ?? true,
          status: 'active',
          createdAt: alert.createdAt,
        })
        .returning();
      return { outcome: 'created', alert: toAlert(row!) };
    });
  }

  async active(page: { afterId?: string | undefined; limit: number }): Promise<PriceAlert[]> {
    const rows = await this.db
      .select()
      .from(priceAlerts)
      .where(and(eq(priceAlerts.status, 'active'), page.afterId === undefined ? undefined : gt(priceAlerts.id, page.afterId)))
      .orderBy(asc(priceAlerts.id))
      .limit(page.limit);
    return rows.map(toAlert);
  }

  async trigger(ids: readonly string[], at: Date, price: string, notify: (fired: PriceAlert) => NewNotification): Promise<PriceAlert[]> {
    if (ids.length === 0) return [];
    return this.db.transaction(async (tx) => {
      // A racing pass that updated a row first leaves it triggered or disarmed: this WHERE no longer matches it.
      const rows = await tx
        .update(priceAlerts)
        .set({
          status: sql`case when ${priceAlerts.cooldownMs} is null then 'triggered' else 'active' end`,
          armed: false,
          snoozedUntil: null,
          fireCount: sql`${priceAlerts.fireCount} + 1`,
          triggeredAt: at,
          triggeredPrice: toNumeric(toDec(price)),
        })
        .where(
          and(
            inArray(priceAlerts.id, [...ids]),
            eq(priceAlerts.status, 'active'),
            eq(priceAlerts.armed, true),
            or(isNull(priceAlerts.snoozedUntil), lte(priceAlerts.snoozedUntil, at)),
            or(isNull(priceAlerts.expiresAt), gt(priceAlerts.expiresAt, at)),
          ),
        )
        .returning();
      const fired = rows.map(toAlert);
      await insertNotifications(tx, fired.map(notify), at);
      return fired;
    });
  }

  async rearm(ids: readonly string[], at: Date): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .update(priceAlerts)
      .set({ armed: true })
      .where(
        and(
          inArray(priceAlerts.id, [...ids]),
          eq(priceAlerts.status, 'active'),
          eq(priceAlerts.armed, false),
          isNotNull(priceAlerts.cooldownMs),
          or(isNull(priceAlerts.triggeredAt), sql`${priceAlerts.triggeredAt} + ${priceAlerts.cooldownMs} * interval '1 millisecond' <= ${at.toISOString()}::timestamptz`),
        ),
      )
      .returning({ id: priceAlerts.id });
    return rows.map((r) => r.id);
  }

  async expire(ids: readonly string[], at: Date): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .update(priceAlerts)
      .set({ status: 'expired', cancelledAt: at })
      .where(and(inArray(priceAlerts.id, [...ids]), eq(priceAlerts.status, 'active'), lte(priceAlerts.expiresAt, at)))
      .returning({ id: priceAlerts.id });
    return rows.map((r) => r.id);
  }

  async cancel(id: string, userId: number, at: Date): Promise<RemoveOutcome> {
    const [row] = await this.db
      .update(priceAlerts)
      .set({ status: 'cancelled', cancelledAt: at })
      .where(and(eq(priceAlerts.id, id), eq(priceAlerts.userId, userId), eq(priceAlerts.status, 'active')))
      .returning();
    if (row) return { outcome: 'removed', alert: toAlert(row) };
    const found = await this.get(id);
    if (!found) return { outcome: 'not_found' };
    if (found.userId !== userId) return { outcome: 'not_owner' };
    return { outcome: 'already', alert: found };
  }

  async snooze(id: string, userId: number, until: Date, options: { maxActive: number }): Promise<SnoozeOutcome> {
    const done = await this.db.transaction(async (tx): Promise<SnoozeOutcome | undefined> => {
      // As in create: the user's row is the lock, so a fired alert brought back counts against the cap.
      await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
      const [current] = await tx.select().from(priceAlerts).where(and(eq(priceAlerts.id, id), eq(priceAlerts.userId, userId))).limit(1);
      if (current?.status === 'triggered') {
        const [counted] = await tx.select({ n: sql<number>`count(*)::int` }).from(priceAlerts).where(and(eq(priceAlerts.userId, userId), eq(priceAlerts.status, 'active')));
        const active = Number(counted?.n ?? 0);
        if (active >= options.maxActive) return { outcome: 'limit', active };
      }
      const [row] = await tx
        .update(priceAlerts)
        .set({ status: 'active', armed: true, snoozedUntil: until })
        .where(and(eq(priceAlerts.id, id), eq(priceAlerts.userId, userId), inArray(priceAlerts.status, ['active', 'triggered'])))
        .returning();
      return row ? { outcome: 'snoozed', alert: toAlert(row) } : undefined;
    });
    if (done) return done;
    const found = await this.get(id);
    if (!found) return { outcome: 'not_found' };
    if (found.userId !== userId) return { outcome: 'not_owner' };
    return { outcome: 'already', alert: found };
  }

  async relevel(id: string, userId: number, price: string): Promise<RelevelOutcome> {
    const [row] = await this.db
      .update(priceAlerts)
      .set({ price: toNumeric(toDec(price)) })
      .where(and(eq(priceAlerts.id, id), eq(priceAlerts.userId, userId), eq(priceAlerts.status, 'active'), eq(priceAlerts.kind, 'level')))
      .returning();
    if (row) return { outcome: 'changed', alert: toAlert(row) };
    const found = await this.get(id);
    if (!found) return { outcome: 'not_found' };
    if (found.userId !== userId) return { outcome: 'not_owner' };
    return { outcome: 'already', alert: found };
  }

  async get(id: string): Promise<PriceAlert | undefined> {
    const [row] = await this.db.select().from(priceAlerts).where(eq(priceAlerts.id, id)).limit(1);
    return row ? toAlert(row) : undefined;
  }

  async forUser(userId: number, filter: { activeOnly?: boolean; limit?: number } = {}): Promise<PriceAlert[]> {
    const rows = await this.db
      .select()
      .from(priceAlerts)
      .where(and(eq(priceAlerts.userId, userId), filter.activeOnly ? eq(priceAlerts.status, 'active') : undefined))
      .orderBy(desc(priceAlerts.createdAt), desc(priceAlerts.id))
      .limit(filter.limit ?? 50);
    return rows.map(toAlert);
  }
}
