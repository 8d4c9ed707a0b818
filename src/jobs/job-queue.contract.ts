import { afterEach, beforeEach, expect, it } from 'vitest';
import { InvalidOrder, TemporaryError } from '../shared/errors.js';
import type { JobQueue } from './job-queue.js';

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** The behaviour every JobQueue must have, run against each runner. */
export function jobQueueContract(makeQueue: () => Promise<JobQueue>): void {
  let queue: JobQueue;
  beforeEach(async () => {
    queue = await makeQueue();
  });
  afterEach(async () => {
    await queue.close();
  });

  it('runs an added job with its data', async () => {
    const seen: unknown[] = [];
    queue.register<{ n: number }>('echo', async (data) => void seen.push(data));
    await queue.start();
    await queue.add('echo', { n: 1 });
    await until(() => seen.length === 1);
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('waits for a delay before running', async () => {
    const ranAt: number[] = [];
    queue.register('late', async () => void ranAt.push(Date.now()));
    await queue.start();
    const addedAt = Date.now();
    await queue.add('late', {}, { delayMs: 300 });
    await until(() => ranAt.length === 1);
    expect(ranAt[0]! - addedAt).toBeGreaterThanOrEqual(250);
  });

  it('runs a job id once even when added twice', async () => {
    let runs = 0;
    queue.register('once', async () => void runs++);
    await queue.start();
    await queue.add('once', {}, { jobId: 'abc', delayMs: 100 });
    await queue.add('once', {}, { jobId: 'abc', delayMs: 100 });
    await until(() => runs >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toBe(1);
  });

  it('retries temporary failures and not others', async () => {
    let temporary = 0;
    let permanent = 0;
    queue.register('flaky', async () => {
      temporary++;
      if (temporary < 2) throw new TemporaryError();
    });
    queue.register('broken', async () => {
      permanent++;
      throw new InvalidOrder('no');
    });
    await queue.start();
    await queue.add('flaky', {}, { attempts: 3 });
    await queue.add('broken', {}, { attempts: 3 });
    await until(() => temporary === 2, 8000);
    await new Promise((r) => setTimeout(r, 1200));
    expect(temporary).toBe(2);
    expect(permanent).toBe(1);
  });

  it('repeats a job on an interval', async () => {
    let runs = 0;
    queue.register('tick', async () => void runs++);
    await queue.start();
    await queue.every('tick', 100);
    await until(() => runs >= 3, 5000);
  });
}
