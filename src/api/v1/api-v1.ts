import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountService } from '../../accounts/account-service.js';
import type { AuthService } from '../../accounts/auth-service.js';
import type { Assistant } from '../../assistant/act-on-message.js';
import type { TextParser } from '../../nlu/llm/create-parser.js';
import type { Logger } from '../../shared/logger.js';
import type { PerformanceService } from '../../trading/performance-service.js';
import type { TradingService } from '../../trading/trading-service.js';
import { registerAccountRoutes } from './account-routes.js';
import { registerAiRoutes } from './ai-routes.js';
import { ApiError, apiErrorHandler, send } from './api-errors.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerDocsRoutes } from './docs-routes.js';
import type { IdempotencyStore } from './idempotency.js';
import { NO_SIGNALS, registerMarketRoutes, type SignalsSource } from './market-routes.js';
import { registerOrderRoutes } from './order-routes.js';
import { registerLabRoutes, type LabRouteDeps } from './lab-routes.js';
import { RouteKit } from './route-kit.js';

export interface ApiV1Deps {
  auth: AuthService;
  accounts: AccountService;
  trading: TradingService;
  performance: PerformanceService;
  assistant: Assistant;
  parser: TextParser;
  idempotency: IdempotencyStore;
  signals?: SignalsSource;
  /** POST /backtests, GET /backtests/{id}. */
  lab: LabRouteDeps['lab'];
  logger: Logger;
  version: string;
  /** Requests per minute per user and per IP; the auth routes get a tenth per IP. */
  perMinute: number;
  /** ioredis client: limits shared by every instance. Unset: this process counts alone. */
  redis?: unknown;
  /** Browser origins allowed; empty: none. */
  corsOrigins: string[];
}

/** REST API v1 under /api/v1: one small file per route group, each calling the use cases the chat calls. */
export async function registerApiV1(server: FastifyInstance, deps: ApiV1Deps): Promise<void> {
  await server.register(
    async (api) => {
      await api.register(cors, { origin: deps.corsOrigins.length > 0 ? deps.corsOrigins : false, methods: ['GET', 'POST', 'DELETE'], allowedHeaders: ['authorization', 'content-type', 'idempotency-key'], maxAge: 600 });
      await api.register(rateLimit, { global: false, ...(deps.redis ? { redis: deps.redis, nameSpace: 'parley-api-rl:' } : {}), skipOnError: true });
      const minute = 60_000;
      const strictMax = Math.max(5, Math.floor(deps.perMinute / 10));
      const byIp = api.createRateLimit({ max: deps.perMinute, timeWindow: minute, keyGenerator: (r) => `ip:${r.ip}` });
      const strict = api.createRateLimit({ max: strictMax, timeWindow: minute, keyGenerator: (r) => `auth-ip:${r.ip}` });
      const byUser = api.createRateLimit({ max: deps.perMinute, timeWindow: minute, keyGenerator: (r) => `user:${(r as FastifyRequest & { parleyUser?: number }).parleyUser ?? 0}` });
      type Verdict = { isAllowed: true } | { isAllowed: false; isExceeded: boolean; ttlInSeconds: number };
      // Every limit (per address, per user, the strict one on sign-in) says when to come back.
      const refuse = (result: Verdict) => {
        if (result.isAllowed || !result.isExceeded) return;
        throw new ApiError(429, 'rate_limited', 'Too many requests. Please slow down and try again in a minute.', Math.max(1, result.ttlInSeconds));
      };

      api.setErrorHandler(apiErrorHandler(deps.logger));
      api.setNotFoundHandler((request, reply) => send(reply, 404, 'not_found', `There is no ${request.method} ${request.url.split('?')[0]!.slice(0, 100)} in this API. See /api/v1/docs.`));
      api.addHook('onRequest', async (request) => refuse(await byIp(request)));
      api.addHook('onSend', async (_request, reply, payload) => {
        reply.header('cache-control', 'no-store');
        return payload;
      });

      const kit = new RouteKit(api, {
        authenticate: (token) => deps.auth.authenticate(token),
        limitUser: async (request, userId) => {
          (request as FastifyRequest & { parleyUser?: number }).parleyUser = userId;
          refuse(await byUser(request));
        },
        limitStrict: async (request) => refuse(await strict(request)),
        logger: deps.logger,
      });
      registerAuthRoutes(kit, deps.auth);
      registerAccountRoutes(kit, deps);
      registerOrderRoutes(kit, deps);
      registerAiRoutes(kit, deps);
      registerLabRoutes(kit, { lab: deps.lab, idempotency: deps.idempotency });
      registerMarketRoutes(kit, { trading: deps.trading, signals: deps.signals ?? NO_SIGNALS });
      registerDocsRoutes(kit, { version: deps.version });
    },
    { prefix: '/api/v1' },
  );
}
