import { isTemporary } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { retryDelayMs, type JobHandler, type JobOptions, type JobQueue } from './job-queue.js';

/**
 * Jobs on timers inside this process: nothing to install, but nothing survives a restart.
 * Whatever must survive (an expiring preview, an open alert) is also stored in the
 * database and swept by a repeating job after start-up.
 */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private started = false;
  private closed = false;
  private readonly backlog: Array<() => void> = [];
  private seq = 0;

  constructor(private readonly logger: Logger) {}

  register<T>(name: string, handler: JobHandler<T>): void {
    this.handlers.set(name, handler as JobHandler);
  }

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    if (this.closed) return;
    const key = options.jobId ? `${name}:${options.jobId}` : `${name}#${++this.seq}`;
    if (this.timers.has(key)) return;
    this.schedule(key, name, data, options.delayMs ?? 0, 1, options.attempts ?? 3);
  }

  async every(name: string, intervalMs: number, data: unknown = {}): Promise<void> {
    const key = `every:${name}`;
    if (this.timers.has(key)) return;
    // The next run is timed from the end of this one: runs of one schedule never overlap.
    const tick = () => {
      if (this.closed) return;
      const running = this.run(name, data, 1, 1).catch(() => {});
      this.track(running);
      void running.finally(() => {
        if (!this.closed) this.timers.set(key, setTimeout(tick, intervalMs).unref());
      });
    };
    this.timers.set(key, setTimeout(tick, intervalMs).unref());
  }

  async start(): Promise<void> {
    this.started = true;
    for (const release of this.backlog.splice(0)) release();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private schedule(key: string, name: string, data: unknown, delayMs: number, attempt: number, attempts: number): void {
    const fire = () => {
      this.timers.delete(key);
      if (this.closed) return;
      if (!this.started) {
        this.backlog.push(fire);
        return;
      }
      this.track(
        this.run(name, data, attempt, attempts).catch((error: unknown) => {
          if (isTemporary(error) && attempt < attempts && !this.closed) {
            this.schedule(key, name, data, retryDelayMs(attempt), attempt + 1, attempts);
          }
        }),
      );
    };
    // A placeholder keeps the job id taken while it waits, so duplicates are dropped.
    this.timers.set(key, setTimeout(fire, Math.max(0, delayMs)).unref());
  }

  private async run(name: string, data: unknown, attempt: number, attempts: number): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) {
      this.logger.error({ job: name }, 'no handler registered for job');
      return;
    }
    try {
      await handler(data);
    } catch (error) {
      const willRetry = isTemporary(error) && attempt < attempts;
      this.logger[willRetry ? 'warn' : 'error']({ job: name, attempt, err: error }, willRetry ? 'job failed, will retry' : 'job failed');
      throw error;
    }
  }

  private track(promise: Promise<void>): void {
    const settled = promise.catch(() => {}).finally(() => this.running.delete(settled));
    this.running.add(settled);
  }
}
