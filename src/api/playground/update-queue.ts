import type { Update } from 'grammy/types';
import { BotApiError } from './bot-api-errors.js';

interface Waiter {
  limit: number;
  resolve: (updates: Update[]) => void;
  reject: (error: unknown) => void;
  cleanup: () => void;
}

export interface TakeOptions {
  offset?: number;
  limit?: number;
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

/**
 * The updates a bot has not confirmed yet, served by getUpdates with Telegram's
 * semantics: an offset confirms everything before it; a call with a timeout really
 * waits until an update arrives or the time is up; a second concurrent call ends the
 * first with 409, as a second bot instance would.
 */
export class UpdateQueue {
  private pending: Update[] = [];
  private waiter: Waiter | undefined;

  /** Telegram keeps unconfirmed updates for 24 hours; a bound keeps an unpolled playground from growing forever. */
  constructor(private readonly capacity = 1000) {}

  get size(): number {
    return this.pending.length;
  }

  push(update: Update): void {
    this.pending.push(update);
    if (this.pending.length > this.capacity) this.pending.splice(0, this.pending.length - this.capacity);
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.cleanup();
      waiter.resolve(this.pending.slice(0, waiter.limit));
    }
  }

  clear(): void {
    this.pending = [];
  }

  take({ offset, limit = 100, timeoutSeconds = 0, signal }: TakeOptions): Promise<Update[]> {
    if (offset !== undefined && offset !== 0) this.confirm(offset);
    const boundedLimit = Math.min(Math.max(limit, 1), 100);
    const previous = this.waiter;
    if (previous !== undefined) {
      this.waiter = undefined;
      previous.cleanup();
      previous.reject(new BotApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
    }
    if (signal?.aborted === true) return Promise.reject(abortError());
    if (this.pending.length > 0 || timeoutSeconds <= 0) return Promise.resolve(this.pending.slice(0, boundedLimit));

    return new Promise<Update[]>((resolve, reject) => {
      const finish = (): void => {
        if (this.waiter === waiter) this.waiter = undefined;
        waiter.cleanup();
      };
      const timer = setTimeout(() => {
        finish();
        resolve([]);
      }, timeoutSeconds * 1000);
      const onAbort = (): void => {
        finish();
        reject(abortError());
      };
      const waiter: Waiter = {
        limit: boundedLimit,
        resolve,
        reject,
        cleanup: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        },
      };
      signal?.addEventListener('abort', onAbort);
      this.waiter = waiter;
    });
  }

  private confirm(offset: number): void {
    if (offset < 0) {
      this.pending = this.pending.slice(offset);
      return;
    }
    this.pending = this.pending.filter((update) => update.update_id >= offset);
  }
}

export function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}
