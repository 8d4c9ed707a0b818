import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logger.js';
import type { ParleyContext } from '../context.js';
import type { UpdateClaim, UpdateDedupe } from '../ports.js';
import { dedupeUpdates, retryLaterOf, RetryUpdateLater } from './dedupe-updates.js';

/** Claims in memory; `elsewhere` marks ids another process holds, and what becomes of them. */
class MemoryDedupe implements UpdateDedupe {
  readonly leaseMs = 60;
  readonly claims = new Map<number, 'busy' | 'done'>();
  readonly elsewhere = new Map<number, { after: number; then: 'lapses' | 'finishes' }>();
  readonly doneIds: number[] = [];
  readonly releasedIds: number[] = [];
  renewals = 0;

  async claim(id: number): Promise<UpdateClaim> {
    const other = this.elsewhere.get(id);
    if (other) {
      if (other.after-- > 0) return 'busy';
      this.elsewhere.delete(id);
      if (other.then === 'finishes') this.claims.set(id, 'done');
      else this.claims.delete(id);
    }
    const state = this.claims.get(id);
    if (state) return state;
    this.claims.set(id, 'busy');
    return 'mine';
  }
  async renew(): Promise<void> {
    this.renewals++;
  }
  async done(id: number): Promise<void> {
    this.claims.set(id, 'done');
    this.doneIds.push(id);
  }
  async release(id: number): Promise<void> {
    this.claims.delete(id);
    this.releasedIds.push(id);
  }
}

const ctxFor = (updateId: number) => ({ update: { update_id: updateId } }) as unknown as ParleyContext;

function setUp() {
  const dedupe = new MemoryDedupe();
  const handled: number[] = [];
  const middleware = dedupeUpdates(dedupe, silentLogger());
  const deliver = (updateId: number, work: () => Promise<void> = async () => {}) =>
    middleware(ctxFor(updateId), async () => {
      handled.push(updateId);
      await work();
    });
  return { dedupe, handled, deliver };
}

describe('dedupeUpdates', () => {
  it('handles an update delivered twice at once in this process only once', async () => {
    const { dedupe, handled, deliver } = setUp();
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const first = deliver(1, () => slow);
    await deliver(1); // returns at once: this process is on it
    release();
    await first;
    expect(handled).toEqual([1]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dedupe.doneIds).toEqual([1]);
  });

  it('sends a redelivery of an update held by another process back (“later”) until that claim lapses, then handles it', async () => {
    const { dedupe, handled, deliver } = setUp();
    dedupe.elsewhere.set(7, { after: 2, then: 'lapses' });
    for (let i = 0; i < 2; i++) {
      const error: unknown = await Promise.resolve(deliver(7)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RetryUpdateLater);
      expect(retryLaterOf({ error })).toMatchObject({ updateId: 7, retryAfterSeconds: 1 }); // as grammY wraps it
    }
    await deliver(7);
    expect(handled).toEqual([7]);
  });

  it('drops a redelivery once the process that held it has finished', async () => {
    const { dedupe, handled, deliver } = setUp();
    dedupe.elsewhere.set(8, { after: 1, then: 'finishes' });
    await expect(deliver(8)).rejects.toBeInstanceOf(RetryUpdateLater);
    await deliver(8);
    expect(handled).toEqual([]);
    expect(retryLaterOf(new Error('other'))).toBeUndefined();
  });

  it('asks for the update again later when the claim cannot be made (the database is away), and handles nothing', async () => {
    const { dedupe, handled, deliver } = setUp();
    dedupe.claim = () => Promise.reject(new Error('connection refused'));
    const error: unknown = await Promise.resolve(deliver(12)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(retryLaterOf(error)).toMatchObject({ updateId: 12, retryAfterSeconds: 5 });
    expect(handled).toEqual([]);
  });

  it('renews a long update’s claim and marks it done even when its handler throws', async () => {
    const { dedupe, deliver } = setUp();
    await expect(
      deliver(11, async () => {
        await new Promise((resolve) => setTimeout(resolve, dedupe.leaseMs));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dedupe.renewals).toBeGreaterThanOrEqual(1);
    expect(dedupe.doneIds).toEqual([11]);
  });

  it('releases the claim, rather than marking it done, when the handler says “send it again” — a redelivery is then handled', async () => {
    const { dedupe, handled, deliver } = setUp();
    await expect(
      deliver(13, async () => {
        throw new RetryUpdateLater(13, 30, 'the Bot API did not take a call');
      }),
    ).rejects.toBeInstanceOf(RetryUpdateLater);
    expect(dedupe.releasedIds).toEqual([13]);
    expect(dedupe.doneIds).toEqual([]);
    await deliver(13);
    expect(handled).toEqual([13, 13]);
  });
});
