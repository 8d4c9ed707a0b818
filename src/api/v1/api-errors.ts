import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isTemporary } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

/** The one error shape of the API: every 4xx and 5xx. */
export const errorBody = z.object({
  error: z.object({
    code: z.string().describe('Stable code, e.g. auth.invalid_token, order.insufficient_funds'),
    message: z.string().describe('A sentence a person can read'),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** An answer the API chose: a status, a code and a sentence. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Sent as Retry-After (a 429 says when the window opens again). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const notFound = (what = 'That') => new ApiError(404, 'not_found', `${what} was not found.`);

/** The HTTP status of a core error: refusals are 4xx; only an exchange that is away is a 503. */
export function statusOfCode(code: string): number {
  if (code === 'auth.email_taken' || code === 'lab.busy') return 409;
  if (code === 'auth.invalid_email' || code === 'auth.weak_password' || code === 'auth.link_code_required' || code === 'auth.link_code_invalid') return 400;
  if (code.startsWith('auth.')) return 401;
  if (code === 'not_found' || code.endsWith('.not_found') || code === 'account.missing') return 404;
  if (code === 'market.unknown_symbol' || code.startsWith('signals.unsupported')) return 400;
  if (code === 'account.no_encryption_key') return 501;
  return 422;
}

export function send(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: { code, message } } satisfies ErrorBody);
}

/** Every error of an API route becomes the one shape; anything unexpected is logged and answered without detail. */
export function apiErrorHandler(logger: Logger) {
  return (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (error instanceof ApiError) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return send(reply, error.status, error.code, error.message);
    }
    if (isTemporary(error)) return send(reply, 503, error.code, error.userMessage);
    if (error instanceof AppError) return send(reply, statusOfCode(error.code), error.code, error.userMessage);
    const status = (error as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (status === 429) return send(reply, 429, 'rate_limited', 'Too many requests. Please slow down and try again in a minute.');
      if (status === 413) return send(reply, 413, 'request.too_large', 'The request body is too large.');
      if (status === 415) return send(reply, 415, 'request.unsupported_media_type', 'Send the body as application/json.');
      return send(reply, status, 'request.invalid', 'The request could not be read: send a JSON body as this route describes.');
    }
    logger.error({ err: error, method: request.method, url: request.routeOptions.url }, 'API request failed');
    return send(reply, 500, 'internal', 'Something went wrong on our side. Please try again in a moment.');
  };
}
