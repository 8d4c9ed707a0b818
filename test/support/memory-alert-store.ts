import type { AlertStore, CreateOutcome, NewAlert, RelevelOutcome, RemoveOutcome, SnoozeOutcome } from '../../src/alerts/ports.js';
import type { NewNotification } from '../../src/notifications/notification.js';
import type { PriceAlert } from '../../src/alerts/types.js';
import { dec } from '../../src/shared/decimal.js';

/** The alert book in memory, for the domain's unit tests; the contract suite holds it to the repository's behaviour. */
export class MemoryAlertStore implements AlertStore {
  private readonly rows = new Map<string, PriceAlert>();
  /** The outbox, as far as this store writes to it. */
  readonly told: NewNotification[] = [];

  async create(alert: NewAlert, options: { maxActive: number }): Promise<CreateOutcome> {
    const mine = [...this.rows.values()].filter((a) => a.userId === alert.userId && a.status === 'active');
    const same = mine.find(
      (a) =>
        a.symbol === alert.symbol &&
        a.direction === alert.direction &&
        (a.kind === 'move' ? alert.kind === 'move' && dec(a.pct).eq(alert.pct) && a.windowMs === alert.windowMs : alert.kind !== 'move' && dec(a.price).eq(alert.price)),
    );
    if (same) return { outcome: 'duplicate', alert: { ...same } };
    if (mine.length >= options.maxActive) return { outcome: 'limit', active: mine.length };
    const common = {
      id: alert.id,
      userId: alert.userId,
      symbol: alert.symbol,
      createdAt: alert.createdAt,
      status: 'active' as const,
      triggeredAt: null,
      triggeredPrice: null,
      cancelledAt: null,
      cooldownMs: alert.cooldownMs ?? null,
      armed: alert.armed ?? true,
      snoozedUntil: null,
      expiresAt: alert.expiresAt ?? null,
      fireCount: 0,
    };
    const row: PriceAlert =
      alert.kind === 'move'
        ? { ...common, kind: 'move', direction: alert.direction, pct: dec(alert.pct).toFixed(), windowMs: alert.windowMs }
        : { ...common, kind: 'level', direction: alert.direction, price: dec(alert.price).toFixed() };
    this.rows.set(row.id, row);
    return { outcome: 'created', alert: { ...row } };
  }

  async active(page: { afterId?: string | undefined; limit: number }): Promise<PriceAlert[]> {
    return [...this.rows.values()]
      .filter((a) => a.status === 'active' && (page.afterId === undefined || a.id > page.afterId))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, page.limit)
      .map((a) => ({ ...a }));
  }

  async trigger(ids: readonly string[], at: Date, price: string, notify: (fired: PriceAlert) => NewNotification): Promise<PriceAlert[]> {
    const moved: PriceAlert[] = [];
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row?.status !== 'active' || !row.armed) continue;
      if (row.snoozedUntil && row.snoozedUntil > at) continue;
      if (row.expiresAt && row.expiresAt <= at) continue;
      Object.assign(row, {
        status: row.cooldownMs === null ? 'triggered' : 'active',
        armed: false,
        snoozedUntil: null,
        fireCount: row.fireCount + 1,
        triggeredAt: at,
        triggeredPrice: dec(price).toFixed(),
      });
      moved.push({ ...row });
    }
    this.told.push(...moved.map(notify));
    return moved;
  }

  async rearm(ids: readonly string[], at: Date): Promise<string[]> {
    const out: string[] = [];
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row?.status !== 'active' || row.armed || row.cooldownMs === null) continue;
      if (row.triggeredAt && row.triggeredAt.getTime() + row.cooldownMs > at.getTime()) continue;
      row.armed = true;
      out.push(id);
    }
    return out;
  }

  async expire(ids: readonly string[], at: Date): Promise<string[]> {
    const out: string[] = [];
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row?.status !== 'active' || !row.expiresAt || row.expiresAt > at) continue;
      Object.assign(row, { status: 'expired', cancelledAt: at });
      out.push(id);
    }
    return out;
  }

  async cancel(id: string, userId: number, at: Date): Promise<RemoveOutcome> {
    const row = this.rows.get(id);
    if (!row) return { outcome: 'not_found' };
    if (row.userId !== userId) return { outcome: 'not_owner' };
    if (row.status !== 'active') return { outcome: 'already', alert: { ...row } };
    Object.assign(row, { status: 'cancelled', cancelledAt: at });
    return { outcome: 'removed', alert: { ...row } };
  }

  async snooze(id: string, userId: number, until: Date, options: { maxActive: number }): Promise<SnoozeOutcome> {
    const row = this.rows.get(id);
    if (!row) return { outcome: 'not_found' };
    if (row.userId !== userId) return { outcome: 'not_owner' };
    if (row.status !== 'active' && row.status !== 'triggered') return { outcome: 'already', alert: { ...row } };
    if (row.status === 'triggered') {
      const active = [...this.rows.values()].filter((r) => r.userId === userId && r.status === 'active').length;
      if (active >= options.maxActive) return { outcome: 'limit', active };
    }
    Object.assign(row, { status: 'active', armed: true, snoozedUntil: until });
    return { outcome: 'snoozed', alert: { ...row } };
  }

  async relevel(id: string, userId: number, price: string): Promise<RelevelOutcome> {
    const row = this.rows.get(id);
    if (!row) return { outcome: 'not_found' };
    if (row.userId !== userId) return { outcome: 'not_owner' };
    if (row.status !== 'active' || row.kind !== 'level') return { outcome: 'already', alert: { ...row } };
    row.price = dec(price).toFixed();
    return { outcome: 'changed', alert: { ...row } };
  }

  async get(id: string): Promise<PriceAlert | undefined> {
    const row = this.rows.get(id);
    return row ? { ...row } : undefined;
  }

  async forUser(userId: number, filter: { activeOnly?: boolean; limit?: number } = {}): Promise<PriceAlert[]> {
    return [...this.rows.values()]
      .filter((a) => a.userId === userId && (!filter.activeOnly || a.status === 'active'))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .slice(0, filter.limit ?? 50)
      .map((a) => ({ ...a }));
  }
}
