import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import { isTemporary } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { JobHandler, JobOptions, JobQueue } from './job-queue.js';

/**
 * BullMQ on Redis: jobs survive restarts and are shared by every instance; a job id or
 * a job scheduler id makes adding the same work twice a no-op across instances.
 */
export class BullmqQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly queue: Queue;
  private worker: Worker | undefined;
  /** What `every` asked for: asked again now and then, so a Redis that lost its data (a restart without persistence) gets its schedules back. */
  private readonly schedules = new Map<string, { intervalMs: number; data: unknown }>();
  private reassert: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: { redisUrl: string; queueName?: string; concurrency?: number; logger: Logger; reassertMs?: number },
  ) {
    // Adding fails fast while Redis is away (no offline queue): a caller must never hang on it.
    this.queue = new Queue(this.queueName, {
      connection: { ...this.connection(), enableOfflineQueue: false, maxRetriesPerRequest: 1 },
      defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
    });
    this.queue.on('error', (error) => options.logger.warn({ err: error }, 'job queue connection error'));
  }

  private get queueName(): string {
    return this.options.queueName ?? 'parley';
  }

  private connection(): ConnectionOptions {
    const url = new URL(this.options.redisUrl);
    return {
      host: url.hostname,
      port: Number(url.port || 6379),
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
      // BullMQ workers block on Redis: ioredis must not give up on a command.
      maxRetriesPerRequest: null,
    };
  }

  register<T>(name: string, handler: JobHandler<T>): void {
    this.handlers.set(name, handler as JobHandler);
  }

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    await this.queue.add(name, data, {
      ...(options.delayMs ? { delay: Math.max(0, options.delayMs) } : {}),
      // BullMQ job ids may not contain ':' — keep ours readable but safe.
      ...(options.jobId ? { jobId: `${name}-${options.jobId}`.replace(/:/g, '_') } : {}),
      attempts: options.attempts ?? 3,
      backoff: { type: 'exponential', delay: 500 },
    });
  }

  async every(name: string, intervalMs: number, data: unknown = {}): Promise<void> {
    this.schedules.set(name, { intervalMs, data });
    await this.queue.upsertJobScheduler(`every-${name}`, { every: intervalMs }, { name, data, opts: { attempts: 1 } });
  }

  async start(): Promise<void> {
    this.worker = new Worker(
      this.queueName,
      async (job) => {
        const handler = this.handlers.get(job.name);
        if (!handler) throw new UnrecoverableError(`no handler registered for job ${job.name}`);
        try {
          await handler(job.data);
        } catch (error) {
          // Only temporary errors are worth another attempt.
          if (!isTemporary(error)) throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
          throw error;
        }
      },
      { connection: this.connection(), concurrency: this.options.concurrency ?? 20 },
    );
    this.worker.on('failed', (job, error) => this.options.logger.warn({ job: job?.name, err: error }, 'job failed'));
    this.worker.on('error', (error) => this.options.logger.error({ err: error }, 'job worker error'));
    await this.worker.waitUntilReady();
    // Upserting an existing schedule changes nothing; after Redis lost its data it restores it.
    this.reassert = setInterval(() => {
      for (const [name, { intervalMs, data }] of this.schedules) {
        this.queue.upsertJobScheduler(`every-${name}`, { every: intervalMs }, { name, data, opts: { attempts: 1 } }).catch(() => {});
      }
    }, this.options.reassertMs ?? 15_000);
    this.reassert.unref();
  }

  async close(): Promise<void> {
    if (this.reassert) clearInterval(this.reassert);
    await this.worker?.close();
    await this.queue.close();
  }

  /** Tests: remove everything this queue holds in Redis. */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }
}
