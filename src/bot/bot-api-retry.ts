import { GrammyError, HttpError, type Transformer } from 'grammy';
import type { Logger } from '../shared/logger.js';

export interface BotApiRetryOptions {
  logger: Logger;
  /** Tries after the first one (default 3): four calls at most. */
  retries?: number;
  /** Wait before the first retry of a 5xx or a network error (default 500 ms); doubled for each next one. */
  backoffMs?: number;
  /** The longest retry_after of a 429 that is waited out (default 60 s); a longer one gives up at once. */
  maxRetryAfterSeconds?: number;
}

/**
 * Bot API calls that fail for a while: a 429 waits its retry_after, a 5xx or a network error
 * (the connection refused or reset, a timeout) backs off — 0.5, 1, 2 s — and after `retries`
 * more tries the call gives up, with one error line naming the method and the error (never
 * the call's parameters: a message text may quote a user). Any other error (400, 403…) is the
 * caller's at once. Replaces @grammyjs/auto-retry, whose network-error loop has no end: an
 * unreachable Bot API held each update forever without a word. The waits stay under the 5 s
 * in which the webhook answers, so an update that gave up is still sent back to Telegram.
 */
export function boundedRetry(options: BotApiRetryOptions): Transformer {
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const { logger } = options;
  const backoff = (attempt: number): number => backoffMs * 2 ** (attempt - 1);

  return async (prev, method, payload, signal) => {
    for (let attempt = 1; ; attempt++) {
      const last = attempt > retries;
      try {
        const result = await prev(method, payload, signal);
        if (result.ok) return result;
        const code = result.error_code;
        if (code !== 429 && code < 500) return result; // the caller's to handle
        const retryAfter = code === 429 ? result.parameters?.retry_after : undefined;
        const waitMs = retryAfter === undefined ? backoff(attempt) : retryAfter <= maxRetryAfter ? retryAfter * 1000 : undefined;
        if (waitMs === undefined || last || signal?.aborted) {
          logger.error({ method, errorCode: code, description: result.description, retryAfter, attempts: attempt }, 'Bot API call failed; gave up');
          return result;
        }
        await pause(waitMs, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || signal?.aborted) throw error;
        if (last) {
          logger.error({ method, errorCode: 'network', err: error, attempts: attempt }, 'Bot API call failed; gave up');
          throw error;
        }
        await pause(backoff(attempt), signal);
      }
    }
  };
}

/**
 * A failure that says the Bot API is not taking calls now (it gave up after its retries): the
 * update is worth handling again later, not answering with an error message that would fail too.
 */
export function botApiUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof HttpError) return true;
    if (e instanceof GrammyError && (e.error_code >= 500 || e.error_code === 429)) return true;
  }
  return false;
}

/** grammY's signal type (the abort-controller polyfill's): what pause reads of it. */
interface Abortable {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

function pause(ms: number, signal: Abortable | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = (): void => {
      clearTimeout(timer);
      reject(new Error('Bot API call aborted while waiting to retry'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
