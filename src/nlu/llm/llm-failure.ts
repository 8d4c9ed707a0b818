import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AppError } from '../../shared/errors.js';

/**
 * Why the LLM parser gave no usable answer. Each one makes the fallback parser answer instead;
 * the code (`llm.<reason>`) is what the logs show — never the message, never the SDK's error
 * text (a 401 body from OpenAI echoes part of the API key).
 */
export const FALLBACK_REASONS = [
  'timeout', // our deadline passed (the request is aborted) or the SDK's own timeout fired
  'rate_limited', // HTTP 429
  'unauthorized', // HTTP 401 / 403: a wrong or revoked key
  'server_error', // HTTP 5xx
  'http_error', // any other HTTP error (400 for a model that rejects a parameter, 404 for a wrong model)
  'network', // connection refused / reset, DNS
  'bad_response', // a 200 whose body is not a chat completion
  'refusal', // `message.refusal` set
  'no_tool_call', // a text answer, or a call to a function we did not offer
  'malformed_arguments', // tool arguments that are not one JSON object
  'invalid_arguments', // JSON that breaks the contract (unknown intent, percentage 500, extra keys, ...)
  'circuit_open', // the breaker skipped the LLM after repeated outages
  'primary_error', // anything else thrown by the primary parser (a bug): still answered offline
] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

/**
 * Failures that say the service is unhealthy rather than that this one message was odd; only
 * these count towards opening the circuit breaker. A refusal or a schema-breaking answer is about
 * the message (a user can provoke one at will), so it must not switch the LLM off for everyone.
 */
const OUTAGE_REASONS: ReadonlySet<FallbackReason> = new Set(['timeout', 'rate_limited', 'unauthorized', 'server_error', 'http_error', 'network', 'bad_response']);

export function isOutage(reason: FallbackReason): boolean {
  return OUTAGE_REASONS.has(reason);
}

export class LlmFailure extends AppError {
  readonly status: number | undefined;
  /** From a 429's `retry-after-ms` / `retry-after`: how long the server asks us to stay away. */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly reason: FallbackReason,
    options: { status?: number; retryAfterMs?: number; detail?: string; cause?: unknown } = {},
  ) {
    // The user never reads this: the fallback parser answers instead.
    super(`llm.${reason}`, 'I could not read that message right now.', { detail: options.detail ?? `llm.${reason}`, cause: options.cause });
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Translates whatever the openai SDK threw into an `LlmFailure` (the adapter's boundary). */
export function failureFromSdkError(error: unknown): LlmFailure {
  if (error instanceof LlmFailure) return error;
  // Order matters: the timeout and abort errors are subclasses of APIConnectionError / APIError.
  if (error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) return new LlmFailure('timeout', { cause: error });
  if (error instanceof APIConnectionError) return new LlmFailure('network', { cause: error });
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    if (status === 429) return new LlmFailure('rate_limited', { status, retryAfterMs: retryAfterMs(error.headers), cause: error });
    if (status === 401 || status === 403) return new LlmFailure('unauthorized', { status, cause: error });
    if (status >= 500) return new LlmFailure('server_error', { status, cause: error });
    return new LlmFailure('http_error', { status, cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') return new LlmFailure('timeout', { cause: error });
  // A 200 with a body that is not JSON makes the SDK throw a SyntaxError.
  if (error instanceof SyntaxError) return new LlmFailure('bad_response', { cause: error });
  return new LlmFailure('primary_error', { cause: error });
}

/** `retry-after-ms` (OpenAI) or `retry-after` in seconds; an HTTP date is ignored (no clock here). */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms > 0) return ms;
  const seconds = Number(headers?.get('retry-after') ?? Number.NaN);
  if (Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  return undefined;
}
