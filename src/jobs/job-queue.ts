/**
 * The queue port: alerts, preview expiry, reconciliation and other background work go
 * through it. Two runners implement it: in-process (the embedded default) and BullMQ
 * (with REDIS_URL, shared by every instance).
 */
export type JobHandler<T = unknown> = (data: T) => Promise<void>;

export interface JobOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** Adding a job whose id is already waiting is a no-op (no double work). */
  jobId?: string;
  /** Attempts for temporary failures (default 3). Non-temporary errors are not retried. */
  attempts?: number;
}

export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  /** Registers the handler of a job name; call before start(). */
  register<T>(name: string, handler: JobHandler<T>): void;
  add<T>(name: string, data: T, options?: JobOptions): Promise<void>;
  /** Runs `name` every `intervalMs`: one schedule however many instances ask for it. */
  every(name: string, intervalMs: number, data?: unknown): Promise<void>;
  start(): Promise<void>;
  /** Stops taking work and waits for running jobs to end. */
  close(): Promise<void>;
}

/** Exponential backoff between attempts for temporary failures. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** (attempt - 1));
}
