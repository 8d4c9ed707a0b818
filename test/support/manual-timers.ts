import type { Timers } from '../../src/market/tick.js';

/** Timers that fire only when the test says so: `round()` runs every callback pending now (not the ones they schedule). */
export class ManualTimers implements Timers {
  private next = 1;
  private readonly pending = new Map<number, () => void>();

  setTimeout(fn: () => void): unknown {
    const id = this.next++;
    this.pending.set(id, fn);
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Runs what is pending, then lets the promises they started settle. */
  async round(): Promise<void> {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, fn] of due) fn();
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  }
}
