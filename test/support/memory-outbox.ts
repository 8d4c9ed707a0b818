import type { DigestPeriod, NewNotification, Notification } from '../../src/notifications/notification.js';
import type { Leases, Outbox } from '../../src/notifications/ports.js';
import type { Clock } from '../../src/shared/clock.js';

/** The outbox in memory, for the sender's unit tests (the repository runs the same moves in SQL). */
export class MemoryOutbox implements Outbox {
  readonly rows: Array<Notification & { claimedUntil: number | null; error: string | null }> = [];
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  async publish(notifications: readonly NewNotification[]): Promise<number> {
    let added = 0;
    for (const n of notifications) {
      if (this.rows.some((r) => r.key === n.key)) continue;
      this.rows.push({ ...n, id: ++this.seq, status: 'pending', attempts: 0, createdAt: new Date(this.clock.now()), deliverAfter: n.deliverAfter ?? this.clock.now(), claimedUntil: null, error: null });
      added++;
    }
    return added;
  }

  async due(now: Date, limit: number, userId?: number): Promise<Notification[]> {
    const t = now.getTime();
    return this.rows
      .filter((r) => (userId === undefined || r.userId === userId) && r.deliverAfter! <= t && (r.status === 'pending' || (r.status === 'sending' && r.claimedUntil! < t)))
      .slice(0, limit)
      .map((r) => ({ ...r }));
  }

  async claim(ids: readonly number[], now: Date, until: Date): Promise<number[]> {
    const claimed: number[] = [];
    for (const r of this.rows) {
      if (!ids.includes(r.id)) continue;
      if (r.status === 'pending' || (r.status === 'sending' && r.claimedUntil! < now.getTime())) {
        Object.assign(r, { status: 'sending', claimedUntil: until.getTime(), attempts: r.attempts + 1 });
        claimed.push(r.id);
      }
    }
    return claimed;
  }

  async markSent(ids: readonly number[]): Promise<void> {
    for (const r of this.rows) if (ids.includes(r.id) && r.status === 'sending') Object.assign(r, { status: 'sent', claimedUntil: null });
  }

  async reschedule(ids: readonly number[], at: Date, error: string | null): Promise<void> {
    for (const r of this.rows) if (ids.includes(r.id) && (r.status === 'pending' || r.status === 'sending')) Object.assign(r, { status: 'pending', deliverAfter: at.getTime(), claimedUntil: null, error });
  }

  async close(ids: readonly number[], status: 'failed' | 'skipped', error: string): Promise<void> {
    for (const r of this.rows) if (ids.includes(r.id) && (r.status === 'pending' || r.status === 'sending')) Object.assign(r, { status, error });
  }

  async ack(key: string): Promise<boolean> {
    const row = this.rows.find((r) => r.key === key && r.status === 'pending');
    if (row) row.status = 'sent';
    return Boolean(row);
  }

  async digestsDue(): Promise<Array<{ userId: number; period: DigestPeriod }>> {
    return [];
  }

  async gatherDigest(): Promise<number> {
    return 0;
  }

  async depth(now: Date): Promise<{ due: number; held: number }> {
    return { due: (await this.due(now, 1e9)).length, held: 0 };
  }

  async prune(): Promise<number> {
    return 0;
  }
}

/** One lease holder at a time, by the given clock. */
export class MemoryLeases implements Leases {
  private readonly held = new Map<string, { holder: string; until: number }>();
  constructor(private readonly clock: Clock) {}
  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const current = this.held.get(name);
    if (current && current.holder !== holder && current.until > now) return false;
    this.held.set(name, { holder, until: now + ttlMs });
    return true;
  }
  async release(name: string, holder: string): Promise<void> {
    if (this.held.get(name)?.holder === holder) this.held.delete(name);
  }
}
