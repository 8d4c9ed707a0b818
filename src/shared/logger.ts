/**
 * The logger the code speaks to: structured fields first, then a message. pino implements it
 * (src/logging/pino-logger.ts, with secrets redacted); the domain never imports pino.
 */
export interface LogFn {
  (fields: object, message?: string): void;
  (message: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

const drop: LogFn = () => {};

/** A logger that drops everything (tests, the parse CLI). */
export function silentLogger(): Logger {
  return { debug: drop, info: drop, warn: drop, error: drop };
}
