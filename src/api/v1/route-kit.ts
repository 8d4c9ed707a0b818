import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Session } from '../../accounts/types.js';
import type { Logger } from '../../shared/logger.js';
import { ApiError } from './api-errors.js';

type Schema = z.ZodType;

/** A route as the OpenAPI document describes it: every part of the request and each answer has a schema. */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Under /api/v1, in Fastify's form: /orders/:confirmation/confirm */
  url: string;
  summary: string;
  tag: string;
  /** Needs `Authorization: Bearer <access_token>`. */
  auth: boolean;
  body?: Schema;
  query?: Schema;
  params?: Schema;
  headers?: Schema;
  /** Success answers by status; errors all share the one error shape. */
  responses: Record<number, Schema>;
  /** Error statuses this route can answer (documented with the error shape). */
  errors: number[];
  /** The login routes are limited more tightly per IP. */
  strictLimit?: boolean;
  /** The answer is an HTML page (a string), not JSON. */
  html?: boolean;
}

type Parsed<S extends Schema | undefined> = S extends Schema ? z.output<S> : undefined;
/** The status must be one of the spec's; the body is checked against that status's schema at run time. */
type Success<S extends RouteSpec> = { status: number; body: z.input<S['responses'][keyof S['responses']]> };

export interface RouteInput<S extends RouteSpec> {
  body: Parsed<S['body']>;
  query: Parsed<S['query']>;
  params: Parsed<S['params']>;
  headers: Parsed<S['headers']>;
  /** Set on routes with `auth: true`. */
  session: S['auth'] extends true ? Session : undefined;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteKitDeps {
  authenticate: (token: string) => Promise<Session>;
  /** Per user, after authentication: throws ApiError 429 past the limit. */
  limitUser: (request: FastifyRequest, userId: number) => Promise<void>;
  /** Per IP, tighter, for the routes that take passwords and tokens. */
  limitStrict: (request: FastifyRequest) => Promise<void>;
  logger: Logger;
}

const invalid = (where: string, error: z.ZodError) => {
  const issue = error.issues[0];
  const path = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return new ApiError(400, 'request.invalid', `Invalid ${where}: ${path}${issue?.message ?? 'not as this route describes'}`.slice(0, 300));
};

function parse<S extends Schema | undefined>(schema: S, value: unknown, where: string): Parsed<S> {
  if (!schema) return undefined as Parsed<S>;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw invalid(where, result.error);
  return result.data as Parsed<S>;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/;

/**
 * Registers routes from their specs, and keeps the specs for the OpenAPI document. The handler
 * gets the parsed request (or the client gets a 400), and its answer is checked against the
 * response schema (unknown fields are dropped: nothing leaves that the document does not name).
 */
export class RouteKit {
  readonly specs: RouteSpec[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly deps: RouteKitDeps,
  ) {}

  add<const S extends RouteSpec>(spec: S, handler: (input: RouteInput<S>) => Promise<Success<S>>): void {
    this.specs.push(spec);
    const { deps } = this;
    this.app.route({
      method: spec.method,
      url: spec.url,
      handler: async (request, reply) => {
        if (spec.strictLimit) await deps.limitStrict(request);
        let session: Session | undefined;
        if (spec.auth) {
          const match = BEARER.exec(request.headers.authorization ?? '');
          if (!match) throw new ApiError(401, 'auth.missing_token', 'Send the access token as Authorization: Bearer <access_token>.');
          session = await deps.authenticate(match[1]!);
          await deps.limitUser(request, session.user.id);
        }
        const input = {
          params: parse(spec.params, request.params, 'path'),
          query: parse(spec.query, request.query, 'query'),
          headers: parse(spec.headers, request.headers, 'headers'),
          body: parse(spec.body, request.body, 'body'),
          session,
          request,
          reply,
        } as RouteInput<S>;
        const answer = await handler(input);
        if (spec.html) return reply.code(Number(answer.status)).type('text/html; charset=utf-8').send(answer.body);
        const status = Number(answer.status);
        const schema = spec.responses[status];
        const checked = schema?.safeParse(answer.body);
        if (!checked?.success) {
          deps.logger.error({ url: spec.url, status, issues: checked?.error.issues.slice(0, 3) }, 'API answer does not match its schema');
          throw new Error(`answer of ${spec.method} ${spec.url} does not match its schema`);
        }
        return reply.code(status).send(checked.data);
      },
    });
  }
}
