import { RateLimited, TemporaryError } from '../shared/errors.js';

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** First backoff; doubles on each retry. */
  baseDelayMs: number;
  /** A wait longer than this (a long Retry-After, an IP ban) is not sat out: the error goes to the caller. */
  maxWaitMs: number;
  sleep(ms: number): Promise<void>;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a read again after a TemporaryError, with exponential backoff, never sooner than a
 * RateLimited error's Retry-After. Only for calls that change nothing: an order is never sent twice.
 */
export async function retryTemporary<T>(
  run: () => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (error: TemporaryError, attempt: number, waitMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof TemporaryError) || attempt > policy.retries) throw error;
      const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
      const waitMs = error instanceof RateLimited ? Math.max(error.retryAfterMs, backoff) : backoff;
      if (waitMs > policy.maxWaitMs) throw error;
      onRetry?.(error, attempt, waitMs);
      await policy.sleep(waitMs);
    }
  }
}
