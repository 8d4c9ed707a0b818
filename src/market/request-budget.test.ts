import { describe, expect, it } from 'vitest';
import { burstFor, RequestBudget, type BudgetTimers } from './request-budget.js';

/** A clock and timers that move only when told to. */
class ManualTimers implements BudgetTimers {
  private time = 0;
  private timers: Array<{ at: number; run: () => void }> = [];
  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): void {
    this.timers.push({ at: this.time + ms, run });
  }
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.run();
      await Promise.resolve();
    }
    this.time = end;
    await Promise.resolve();
  }
}

function track(budget: RequestBudget, cost = 1): { done: () => boolean } {
  let done = false;
  void budget.take(cost).then(() => (done = true));
  return { done: () => done };
}

describe('RequestBudget', () => {
  it('lets a request through at once after a quiet spell (ccxt’s throttler would make it wait)', async () => {
    const timers = new ManualTimers();
    const budget = new RequestBudget({ intervalMs: 50, burst: 10, timers });
    for (let i = 0; i < 10; i++) {
      const t = track(budget);
      await Promise.resolve();
      expect(t.done()).toBe(true);
    }
    await timers.advance(60_000);
    const lone = track(budget);
    await Promise.resolve();
    expect(lone.done()).toBe(true);
  });

  it('holds a busy client to the exchange’s average rate, first come first served', async () => {
    const timers = new ManualTimers();
    const budget = new RequestBudget({ intervalMs: 50, burst: 2, timers });
    const order: number[] = [];
    const all = Array.from({ length: 6 }, (_, i) => budget.take(1).then(() => order.push(i)));
    await Promise.resolve();
    expect(order).toEqual([0, 1, 2]); // burst of 2, then one more on the last unit's debt
    await timers.advance(49);
    expect(order).toEqual([0, 1, 2]);
    await timers.advance(1);
    expect(order).toEqual([0, 1, 2, 3]);
    await timers.advance(100);
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('never starves a request dearer than the burst: it goes and leaves a debt', async () => {
    const timers = new ManualTimers();
    const budget = new RequestBudget({ intervalMs: 10, burst: 5, timers });
    const dear = track(budget, 20);
    await Promise.resolve();
    expect(dear.done()).toBe(true);
    expect(budget.available()).toBe(-15);
    const next = track(budget);
    await timers.advance(149);
    expect(next.done()).toBe(false);
    await timers.advance(1);
    expect(next.done()).toBe(true);
  });

  it('treats a missing or nonsensical cost as one unit and refuses a nonsensical budget', () => {
    const timers = new ManualTimers();
    const budget = new RequestBudget({ intervalMs: 10, burst: 3, timers });
    void budget.take(Number.NaN);
    void budget.take(-4);
    expect(budget.available()).toBe(1);
    expect(() => new RequestBudget({ intervalMs: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new RequestBudget({ intervalMs: 10, burst: 0 })).toThrow(RangeError);
  });

  it('allows one second of requests at once, between 1 and 10 units', () => {
    expect(burstFor(50)).toBe(10);
    expect(burstFor(200)).toBe(5);
    expect(burstFor(3000)).toBe(1);
  });
});
