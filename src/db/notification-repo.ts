import { and, asc, count, desc, eq, gt, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { DigestPeriod, NewNotification, Notification, NotificationStatus } from '../notifications/notification.js';
import type { LiveFeedSource } from '../notifications/live-feed.js';
import type { Outbox } from '../notifications/ports.js';
import { rowsOf, type Db } from './client.js';
import { insertNotifications } from './notification-rows.js';
import { notifications } from './schema.js';

type Row = typeof notifications.$inferSelect;

const toNotification = (row: Row): Notification => ({
  id: row.id,
  key: row.key,
  userId: row.userId,
  kind: row.kind,
  subject: row.subject,
  payload: row.payload,
  urgent: row.urgent,
  deliverAfter: row.deliverAfter.getTime(),
  status: row.status as NotificationStatus,
  attempts: row.attempts,
  createdAt: row.createdAt,
});

const PERIOD_MS: Record<DigestPeriod, number> = { hourly: 3600_000, daily: 24 * 3600_000 };

/** The outbox: every status move is a conditional UPDATE, so two senders never both win a row. */
export class NotificationRepo implements Outbox, LiveFeedSource {
  constructor(
    private readonly db: Db,
    /** Called after new notifications were stored here (the in-process sender looks at once). */
    private readonly published: () => void = () => {},
  ) {}

  async publish(rows: readonly NewNotification[]): Promise<number> {
    const added = await insertNotifications(this.db, rows, new Date());
    if (added > 0) this.published();
    return added;
  }

  async due(now: Date, limit: number, userId?: number): Promise<Notification[]> {
    const rows = await this.db
      .select()
      .from(notifications)
      .where(
        and(
          userId === undefined ? undefined : eq(notifications.userId, userId),
          lte(notifications.deliverAfter, now),
          or(eq(notifications.status, 'pending'), and(eq(notifications.status, 'sending'), lt(notifications.claimedUntil, now))),
        ),
      )
      .orderBy(asc(notifications.id))
      .limit(limit);
    return rows.map(toNotification);
  }

  async claim(ids: readonly number[], now: Date, until: Date): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .update(notifications)
      .set({ status: 'sending', claimedUntil: until, attempts: sql`${notifications.attempts} + 1` })
      .where(
        and(
          inArray(notifications.id, [...ids]),
          or(eq(notifications.status, 'pending'), and(eq(notifications.status, 'sending'), lt(notifications.claimedUntil, now))),
        ),
      )
      .returning({ id: notifications.id });
    return rows.map((r) => r.id);
  }

  async markSent(ids: readonly number[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(notifications)
      .set({ status: 'sent', sentAt: at, claimedUntil: null, error: null })
      .where(and(inArray(notifications.id, [...ids]), eq(notifications.status, 'sending')));
  }

  async reschedule(ids: readonly number[], at: Date, error: string | null): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(notifications)
      .set({ status: 'pending', deliverAfter: at, claimedUntil: null, error })
      .where(and(inArray(notifications.id, [...ids]), inArray(notifications.status, ['pending', 'sending'])));
  }

  async close(ids: readonly number[], status: 'failed' | 'skipped', error: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(notifications)
      .set({ status, error, claimedUntil: null })
      .where(and(inArray(notifications.id, [...ids]), inArray(notifications.status, ['pending', 'sending'])));
  }

  async ack(key: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(notifications)
      .set({ status: 'sent', sentAt: at })
      .where(and(eq(notifications.key, key), eq(notifications.status, 'pending')))
      .returning({ id: notifications.id });
    return rows.length > 0;
  }

  async digestsDue(now: Date, limit: number): Promise<Array<{ userId: number; period: DigestPeriod }>> {
    const result = await this.db.execute(sql`
      select n.user_id, s.digest
      from notifications n join user_settings s on s.user_id = n.user_id
      where n.status = 'held'
      group by n.user_id, s.digest
      having (s.digest = 'off')
          or (s.digest = 'hourly' and min(n.created_at) <= ${new Date(now.getTime() - PERIOD_MS.hourly).toISOString()}::timestamptz)
          or (s.digest = 'daily' and min(n.created_at) <= ${new Date(now.getTime() - PERIOD_MS.daily).toISOString()}::timestamptz)
      limit ${limit}`);
    return (rowsOf(result) as Array<{ user_id: number; digest: string }>).map((r) => ({ userId: Number(r.user_id), period: r.digest === 'daily' ? 'daily' : 'hourly' }));
  }

  async gatherDigest(userId: number, build: (held: Notification[]) => NewNotification | null): Promise<number> {
    const added = await this.db.transaction(async (tx) => {
      const held = await tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.status, 'held')))
        .orderBy(asc(notifications.id))
        .for('update');
      const digest = build(held.map(toNotification));
      if (!digest) return 0;
      await tx
        .update(notifications)
        .set({ status: 'digested' })
        .where(inArray(notifications.id, held.map((h) => h.id)));
      return insertNotifications(tx, [digest], new Date());
    });
    if (added > 0) this.published();
    return added;
  }

  async depth(now: Date): Promise<{ due: number; held: number }> {
    const [due] = await this.db
      .select({ n: count() })
      .from(notifications)
      .where(and(inArray(notifications.status, ['pending', 'sending']), lte(notifications.deliverAfter, now)));
    const [held] = await this.db.select({ n: count() }).from(notifications).where(eq(notifications.status, 'held'));
    return { due: Number(due?.n ?? 0), held: Number(held?.n ?? 0) };
  }

  async prune(before: Date): Promise<number> {
    const rows = await this.db
      .delete(notifications)
      .where(and(lt(notifications.createdAt, before), inArray(notifications.status, ['sent', 'failed', 'skipped', 'digested'])))
      .returning({ id: notifications.id });
    return rows.length;
  }

  async after(cursor: number, userIds: readonly number[], limit: number): Promise<Notification[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .select()
      .from(notifications)
      .where(and(gt(notifications.id, cursor), inArray(notifications.userId, [...userIds])))
      .orderBy(asc(notifications.id))
      .limit(limit);
    return rows.map(toNotification);
  }

  async lastId(): Promise<number> {
    const [row] = await this.db.select({ id: notifications.id }).from(notifications).orderBy(desc(notifications.id)).limit(1);
    return row?.id ?? 0;
  }

  /** Tests and benchmarks: every row, oldest first. */
  async all(): Promise<Notification[]> {
    const rows = await this.db.select().from(notifications).orderBy(asc(notifications.id));
    return rows.map(toNotification);
  }
}
