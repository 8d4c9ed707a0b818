import { describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/logger.js';
import { LiveFeed, type LiveFeedSource } from './live-feed.js';
import type { Notification } from './notification.js';

/** An outbox in memory, read the way the repository reads it. */
class MemoryFeed implements LiveFeedSource {
  rows: Notification[] = [];
  reads = 0;
  add(userId: number, kind: string): void {
    this.rows.push({ id: this.rows.length + 1, key: `k${this.rows.length + 1}`, userId, kind, subject: null, payload: {}, urgent: true, deliverAfter: 0, status: 'pending', attempts: 0, createdAt: new Date(0) });
  }
  async after(cursor: number, userIds: readonly number[], limit: number): Promise<Notification[]> {
    this.reads++;
    return this.rows.filter((r) => r.id > cursor && userIds.includes(r.userId)).slice(0, limit);
  }
  async lastId(): Promise<number> {
    return this.rows.at(-1)?.id ?? 0;
  }
}

describe('LiveFeed', () => {
  it('hands each user only their own events published after they subscribed, each once', async () => {
    const source = new MemoryFeed();
    source.add(1, 'order.filled'); // before anyone listened: history, not news
    const feed = new LiveFeed({ source, logger: silentLogger() });
    const seen: Array<[string, string]> = [];
    await feed.subscribe(1, (n) => seen.push(['a', n.kind]));
    await feed.subscribe(2, (n) => seen.push(['b', n.kind]));
    source.add(1, 'order.cancelled');
    source.add(3, 'alert.fired'); // nobody here listens for user 3
    source.add(2, 'alert.fired');
    expect(await feed.poll()).toBe(2);
    expect(await feed.poll()).toBe(0);
    expect(seen).toEqual([
      ['a', 'order.cancelled'],
      ['b', 'alert.fired'],
    ]);
  });

  it('stops reading when the last listener leaves, and starts at the present when one comes back', async () => {
    const source = new MemoryFeed();
    const feed = new LiveFeed({ source, logger: silentLogger() });
    const seen: string[] = [];
    const stop = await feed.subscribe(1, (n) => seen.push(n.kind));
    expect(feed.size).toBe(1);
    stop();
    expect(feed.size).toBe(0);
    source.add(1, 'missed.while.away');
    const reads = source.reads;
    expect(await feed.poll()).toBe(0);
    expect(source.reads).toBe(reads);
    await feed.subscribe(1, (n) => seen.push(n.kind));
    source.add(1, 'order.filled');
    await feed.poll();
    expect(seen).toEqual(['order.filled']);
  });

  it('keeps delivering to the others when one listener throws, and runs one pass at a time', async () => {
    const source = new MemoryFeed();
    const feed = new LiveFeed({ source, logger: silentLogger() });
    const seen: string[] = [];
    await feed.subscribe(1, () => {
      throw new Error('a closed socket');
    });
    await feed.subscribe(1, (n) => seen.push(n.kind));
    source.add(1, 'order.filled');
    const [a, b] = await Promise.all([feed.poll(), feed.poll()]);
    expect([a, b]).toEqual([1, 1]); // the same pass, shared
    expect(source.reads).toBe(1);
    expect(seen).toEqual(['order.filled']);
  });
});
