import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryLeases, MemoryOutbox } from '../../test/support/memory-outbox.js';
import { ManualClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import type { NewNotification, Notification } from './notification.js';
import { NotificationSender } from './notification-sender.js';
import type { Channel, DeliveryTarget, Resolved, SendOutcome } from './ports.js';

/** A channel that records what it would send and answers as told. */
class FakeChannel implements Channel {
  readonly name = 'fake';
  readonly sent: Array<{ chatId: number; keys: string[] }> = [];
  readonly blocked: number[] = [];
  answers: SendOutcome[] = [];
  async resolve(batch: readonly Notification[]): Promise<Map<number, Resolved>> {
    return new Map(batch.map((n) => [n.id, n.userId === 99 ? { skip: 'no chat' } : { target: { chatId: n.userId, group: n.userId < 0, messageId: n.kind === 'edit' ? 1 : null } }]));
  }
  canCombine(n: Notification): boolean {
    return n.kind === 'plain';
  }
  async send(batch: readonly Notification[], target: DeliveryTarget): Promise<SendOutcome> {
    const answer = this.answers.shift() ?? { outcome: 'sent' };
    if (answer.outcome === 'sent') this.sent.push({ chatId: target.chatId, keys: batch.map((n) => n.key) });
    return answer;
  }
  async markBlocked(userId: number): Promise<void> {
    this.blocked.push(userId);
  }
}

const note = (key: string, userId: number, kind = 'plain'): NewNotification => ({ key, userId, kind, subject: null, payload: {}, urgent: true });

describe('the notification sender', () => {
  let clock: ManualClock;
  let outbox: MemoryOutbox;
  let channel: FakeChannel;
  let sender: NotificationSender;
  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 0, 1));
    outbox = new MemoryOutbox(clock);
    channel = new FakeChannel();
    sender = new NotificationSender({ outbox, leases: new MemoryLeases(clock), channel, clock, logger: silentLogger() });
  });
  const status = () => Object.fromEntries(outbox.rows.map((r) => [r.key, r.status]));

  it('sends each notification once, plain ones for one chat together in one message', async () => {
    await outbox.publish([note('a1', 1), note('a2', 1), note('b1', 2), note('e1', 1, 'edit')]);
    const first = await sender.pass();
    expect(channel.sent).toEqual([
      { chatId: 1, keys: ['a1', 'a2'] },
      { chatId: 2, keys: ['b1'] },
    ]);
    expect(first.sent).toBe(3);
    // The edit for chat 1 waits for its chat's next slot (one message a second per chat).
    expect((await sender.pass()).sent).toBe(0);
    clock.advance(1_100);
    await sender.pass();
    expect(channel.sent.at(-1)).toEqual({ chatId: 1, keys: ['e1'] });
    await sender.pass();
    expect(channel.sent.flatMap((s) => s.keys).sort()).toEqual(['a1', 'a2', 'b1', 'e1']);
    expect(Object.values(status())).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('never sends more than the overall limit in a second', async () => {
    await outbox.publish(Array.from({ length: 60 }, (_, i) => note(`n${i}`, 1000 + i)));
    await sender.pass();
    expect(channel.sent).toHaveLength(28);
    clock.advance(1_001);
    await sender.pass();
    expect(channel.sent).toHaveLength(56);
  });

  it('waits out a 429 for that chat, then sends; a blocked person is skipped from then on', async () => {
    await outbox.publish([note('x', 7), note('y', 8)]);
    channel.answers = [{ outcome: 'rate_limited', ms: 5_000, chat: true }, { outcome: 'blocked' }];
    await sender.pass();
    // After a 429 everyone pauses a moment too (it may have been the overall limit).
    expect(status()).toEqual({ x: 'pending', y: 'pending' });
    clock.advance(1_000);
    await sender.pass();
    expect(status()).toEqual({ x: 'pending', y: 'skipped' });
    expect(channel.blocked).toEqual([8]);
    clock.advance(3_000);
    await sender.pass();
    expect(channel.sent).toEqual([]);
    clock.advance(1_100);
    await sender.pass();
    expect(channel.sent).toEqual([{ chatId: 7, keys: ['x'] }]);
  });

  it('tells the metrics how long each sent notification took from being written, the 429 wait included', async () => {
    const delivered: Array<[number, boolean]> = [];
    sender = new NotificationSender({ outbox, leases: new MemoryLeases(clock), channel, clock, logger: silentLogger(), metrics: { notificationDelivered: (s, urgent) => delivered.push([s, urgent]) } });
    await outbox.publish([note('x', 7), { ...note('d', 8), urgent: false }]);
    channel.answers = [{ outcome: 'rate_limited', ms: 5_000, chat: true }];
    await sender.pass();
    clock.advance(1_000);
    await sender.pass();
    clock.advance(4_500);
    await sender.pass();
    expect(delivered).toEqual([
      [1, false],
      [5.5, true],
    ]);
  });

  it('retries a temporary failure with backoff, and gives up after the attempts allowed', async () => {
    sender = new NotificationSender({ outbox, leases: new MemoryLeases(clock), channel, clock, logger: silentLogger(), maxAttempts: 3 });
    await outbox.publish([note('t', 3)]);
    channel.answers = [{ outcome: 'temporary', error: 'reset' }, { outcome: 'temporary', error: 'reset' }, { outcome: 'temporary', error: 'reset' }];
    await sender.pass();
    expect(outbox.rows[0]).toMatchObject({ status: 'pending', attempts: 1, error: 'reset' });
    clock.advance(1_100);
    await sender.pass();
    expect(outbox.rows[0]).toMatchObject({ status: 'pending', attempts: 2 });
    clock.advance(2_000);
    await sender.pass();
    expect(outbox.rows[0]).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('skips what has nowhere to go, and refuses nothing twice', async () => {
    await outbox.publish([note('nowhere', 99), note('refused', 4)]);
    channel.answers = [{ outcome: 'refused', error: 'sendMessage: 400 chat not found' }];
    await sender.pass();
    expect(status()).toEqual({ nowhere: 'skipped', refused: 'failed' });
    expect(await outbox.publish([note('refused', 4)])).toBe(0);
  });

  it('lets one sender at a time send; another takes over when the lease lapses', async () => {
    const leases = new MemoryLeases(clock);
    const a = new NotificationSender({ outbox, leases, channel, clock, logger: silentLogger(), holder: 'a' });
    const b = new NotificationSender({ outbox, leases, channel, clock, logger: silentLogger(), holder: 'b' });
    await outbox.publish([note('one', 1)]);
    await a.pass();
    await outbox.publish([note('two', 2)]);
    expect((await b.pass()).sent).toBe(0);
    clock.advance(10_001);
    expect((await b.pass()).sent).toBe(1);
    expect(channel.sent.map((s) => s.keys[0])).toEqual(['one', 'two']);
  });

  it('sends again what a dead sender left in flight, once its claim lapses', async () => {
    await outbox.publish([note('inflight', 5)]);
    await outbox.claim([outbox.rows[0]!.id], new Date(clock.now()), new Date(clock.now() + 20_000));
    await sender.pass();
    expect(channel.sent).toEqual([]);
    clock.advance(20_001);
    await sender.pass();
    expect(channel.sent).toEqual([{ chatId: 5, keys: ['inflight'] }]);
  });
});

describe('the notification sender, in a burst for many chats', () => {
  it('gathers one person’s due notices into one message even when the batch spreads them thin', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const outbox = new MemoryOutbox(clock);
    const channel = new FakeChannel();
    const sender = new NotificationSender({ outbox, leases: new MemoryLeases(clock), channel, clock, logger: silentLogger() });
    // 3 notices for each of 300 chats, published round-robin: the first batch of 200 holds one per chat.
    await outbox.publish(Array.from({ length: 900 }, (_, i) => note(`k${i}`, 1 + (i % 300))));
    await sender.pass();
    expect(channel.sent.slice(0, 5).map((s) => s.keys.length)).toEqual([3, 3, 3, 3, 3]);
    expect(channel.sent[0]!.keys).toEqual(['k0', 'k300', 'k600']);
  });
});
