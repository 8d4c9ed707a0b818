/** Values an interface may use to phrase an error its own way ("/connect" in chat, a link in a page). */
export type ErrorParams = Record<string, string | number>;

/**
 * The project's own errors. Each carries a stable code (for logs, the API and tests), its
 * parameters, and a channel-neutral sentence a user may read; each interface may phrase the
 * code its own way (the bot names its commands, the API does not). Library errors are
 * translated into these at the boundary of the adapter that called the library; only
 * `TemporaryError` is retried.
 */
export class AppError extends Error {
  readonly params: ErrorParams;

  constructor(
    readonly code: string,
    readonly userMessage: string,
    options?: { cause?: unknown; detail?: string; params?: ErrorParams },
  ) {
    super(options?.detail ?? userMessage, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.params = options?.params ?? {};
  }
}

/** Worth retrying: a timeout, a dropped connection, a 5xx. */
export class TemporaryError extends AppError {
  constructor(userMessage = 'The exchange did not answer in time. Please try again.', options?: { cause?: unknown; detail?: string }) {
    super('exchange.temporary', userMessage, options);
  }
}

export class RateLimited extends TemporaryError {
  constructor(readonly retryAfterMs: number, options?: { cause?: unknown; detail?: string }) {
    super('Too many requests right now. Please try again in a moment.', options);
    Object.defineProperty(this, 'code', { value: 'exchange.rate_limited' });
  }
}

export class InsufficientFunds extends AppError {
  constructor(userMessage: string, options?: { cause?: unknown; detail?: string }) {
    super('order.insufficient_funds', userMessage, options);
  }
}

export class InvalidOrder extends AppError {
  constructor(userMessage: string, options?: { cause?: unknown; detail?: string }) {
    super('order.invalid', userMessage, options);
  }
}

export class UnknownSymbol extends AppError {
  constructor(readonly symbol: string, userMessage = `${symbol} is not listed on this exchange.`) {
    super('market.unknown_symbol', userMessage);
  }
}

export class NotFound extends AppError {
  constructor(what: string, userMessage = `${what} was not found.`) {
    super('not_found', userMessage);
  }
}

export class ConfigError extends AppError {
  constructor(message: string) {
    super('config.invalid', message);
  }
}

export function isTemporary(error: unknown): error is TemporaryError {
  return error instanceof TemporaryError;
}

/** What a user may read about any error: our own sentence, or a generic one (never a stack). */
export function userMessageOf(error: unknown): string {
  return error instanceof AppError ? error.userMessage : 'Something went wrong on our side. Please try again in a moment.';
}
