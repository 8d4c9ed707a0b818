/**
 * Group commit: calls made while a statement is running are sent together as the next one.
 * An idle system sends each call at once (no added latency); a busy one sends one statement
 * for many callers — on PGlite, where every statement costs main-thread time, this is what
 * keeps the webhook path fast under load. Each caller's promise settles with its own batch.
 */
export class GroupCommit<I, R> {
  private readonly queue: Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private running = 0;

  constructor(
    private readonly flush: (items: I[]) => Promise<R[]>,
    private readonly options: { maxBatch?: number; parallel?: number } = {},
  ) {}

  run(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.running < (this.options.parallel ?? 1)) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running++;
    try {
      // PGlite runs a statement synchronously on this thread, so nothing can queue up while
      // it runs: yield once, letting callers woken by the same I/O turn join the batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch ?? 500);
        try {
          const results = await this.flush(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve(results[i] as R));
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      this.running--;
    }
  }
}
