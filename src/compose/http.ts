import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { Redis } from 'ioredis';
import { fastifyLogger } from '../api/fastify-logger.js';
import { registerHealthRoute } from '../api/health-route.js';
import type { BotApiEmulator } from '../api/playground/bot-api-emulator.js';
import { registerPlayground } from '../api/playground/playground-routes.js';
import { registerSecurityHeaders } from '../api/security-headers.js';
import { limitConnections, serverLimitOptions } from '../api/server-limits.js';
import { registerMetricsRoute } from '../api/metrics/metrics-route.js';
import { registerApiV1 } from '../api/v1/api-v1.js';
import type { StoredAnswer } from '../api/v1/idempotency.js';
import { registerWebhookRoute } from '../api/webhook-route.js';
import { KvStoreRepo } from '../db/kv-store-repo.js';
import type { ParleyContext } from '../bot/context.js';
import { retryLaterOf } from '../bot/middleware/dedupe-updates.js';
import type { Core } from './core.js';

export interface HttpParts {
  /** What /health adds to its answer (the role, the sender, the outbox…). */
  details: () => Record<string, string>;
  /** Web processes: the bot that handles the webhook (or the playground's updates). */
  bot?: Bot<ParleyContext>;
  emulator?: BotApiEmulator | undefined;
  /** Serve the REST API (web processes and the all-in-one; a worker serves /health and /metrics only). */
  api?: boolean;
}

/** The API's version, as its OpenAPI document states it. */
export const API_VERSION = '1.0.0';

/** The HTTP server: /health always; the webhook and the playground where this process handles updates. */
export async function buildHttp(core: Core, parts: HttpParts): Promise<FastifyInstance> {
  const { config, logger, database } = core;
  // Request lines are off: at webhook rates they would drown the log.
  const server = Fastify({
    loggerInstance: fastifyLogger(logger, config.LOG_LEVEL),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Timeouts and a connection limit: see HTTP_LIMITS for the values and why.
    ...serverLimitOptions(),
  });
  limitConnections(server.server);
  registerSecurityHeaders(server, { hsts: config.WEBHOOK_URL?.startsWith('https:') === true });
  registerHealthRoute(server, { checkDatabase: () => database.ping(), details: parts.details });
  registerMetricsRoute(server, { registry: core.metrics.registry, token: config.METRICS_TOKEN });
  if (parts.api) await registerApi(server, core);
  const bot = parts.bot;
  if (!bot) return server;
  const handleUpdate = async (update: Update) => {
    try {
      await bot.handleUpdate(update);
      core.metrics.updateHandled('ok');
    } catch (error) {
      core.metrics.updateHandled('error');
      throw error;
    }
  };
  if (config.telegramMode === 'webhook') {
    registerWebhookRoute(server, {
      path: config.webhookPath!,
      secret: config.webhookSecret!,
      handle: handleUpdate,
      ready: () => bot.isInited(),
      retryLater: (error) => retryLaterOf(error)?.retryAfterSeconds,
      logger,
    });
  }
  if (parts.emulator) await registerPlayground(server, { emulator: parts.emulator, deliverUpdate: handleUpdate, logger });
  return server;
}

async function registerApi(server: FastifyInstance, core: Core): Promise<void> {
  const { config, logger } = core;
  // Rate limits in Redis when there is one, so every instance counts together; a Redis that is away lets requests through.
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 }) : undefined;
  redis?.on('error', (error: unknown) => logger.warn({ err: error }, 'rate-limit Redis unavailable; limits are skipped meanwhile'));
  if (redis) server.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
  await registerApiV1(server, {
    auth: core.auth,
    accounts: core.accounts,
    trading: core.trading,
    performance: core.performance,
    assistant: core.assistant,
    parser: core.parser,
    idempotency: new KvStoreRepo<StoredAnswer>(core.database.db, 'api-idempotency:'),
    logger,
    version: API_VERSION,
    perMinute: config.API_RATE_LIMIT_PER_MINUTE,
    ...(redis ? { redis } : {}),
    corsOrigins: config.CORS_ORIGINS ? config.CORS_ORIGINS.split(',').map((o) => o.trim().replace(/\/$/, '')) : [],
  });
}
