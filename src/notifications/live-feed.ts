import type { Logger } from '../shared/logger.js';
import type { Notification } from './notification.js';

/** The outbox read as a stream (the db's NotificationRepo). */
export interface LiveFeedSource {
  /** Rows after `cursor` for these users, oldest first. */
  after(cursor: number, userIds: readonly number[], limit: number): Promise<Notification[]>;
  /** The newest row's id (0 when there is none). */
  lastId(): Promise<number>;
}

export type LiveListener = (notification: Notification) => void;

const BATCH = 500;

/**
 * The notification outbox as a live feed for browsers and API clients: whatever the core
 * publishes for a user (an order filled, a stop triggered, an alert fired…) reaches that user's
 * open websockets on whichever web process they are connected to, because every process reads
 * the same table — no Redis needed, and nothing is published twice. Listeners get the event; the
 * web view then reads a fresh snapshot, so a row this feed misses (ids are taken before commit,
 * so a slow transaction can commit a lower id after a pass moved past it) costs a stale number
 * until the next event or the page's periodic refresh, never a wrong one.
 */
export class LiveFeed {
  private readonly listeners = new Map<number, Set<LiveListener>>();
  private cursor: number | null = null;
  private running: Promise<number> | null = null;

  constructor(private readonly deps: { source: LiveFeedSource; logger: Logger }) {}

  /**
   * Calls `listener` with each notification for `userId` published from now on; resolves (with
   * the way to stop) once "now" is fixed, so a snapshot read after it misses nothing.
   */
  async subscribe(userId: number, listener: LiveListener): Promise<() => void> {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    // The first listener starts the feed at the newest row: a page shows the present, not history.
    if (this.cursor === null) {
      const last = await this.deps.source.lastId();
      this.cursor ??= last;
    }
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
      if (this.listeners.size === 0) this.cursor = null;
    };
  }

  /** How many listeners are connected (the websocket clients gauge). */
  get size(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** One pass (never two at once): rows past the cursor for the users listening, handed to their listeners. */
  poll(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    if (this.listeners.size === 0) return 0;
    const { source, logger } = this.deps;
    if (this.cursor === null) return 0;
    const rows = await source.after(this.cursor, [...this.listeners.keys()], BATCH);
    for (const row of rows) {
      this.cursor = Math.max(this.cursor ?? 0, row.id);
      for (const listener of this.listeners.get(row.userId) ?? []) {
        try {
          listener(row);
        } catch (error) {
          logger.warn({ err: error, kind: row.kind }, 'live feed listener failed');
        }
      }
    }
    return rows.length;
  }
}
