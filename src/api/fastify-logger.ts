import type { FastifyBaseLogger } from 'fastify';
import type { Logger } from '../shared/logger.js';

/**
 * Fastify wants a pino-shaped logger (levels, child loggers); the app gives it ours, so every line
 * goes through the same redaction. Fatal is error, trace is debug, children are the same logger.
 */
export function fastifyLogger(logger: Logger, level = 'info'): FastifyBaseLogger {
  const adapted: FastifyBaseLogger = {
    level,
    fatal: logger.error.bind(logger),
    error: logger.error.bind(logger),
    warn: logger.warn.bind(logger),
    info: logger.info.bind(logger),
    debug: logger.debug.bind(logger),
    trace: logger.debug.bind(logger),
    silent: () => {},
    child: () => adapted,
  } as FastifyBaseLogger;
  return adapted;
}
