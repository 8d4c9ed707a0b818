import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { fastifyLogger } from '../api/fastify-logger.js';
import { registerHealthRoute } from '../api/health-route.js';
import type { BotApiEmulator } from '../api/playground/bot-api-emulator.js';
import { registerPlayground } from '../api/playground/playground-routes.js';
import { registerSecurityHeaders } from '../api/security-headers.js';
import { limitConnections, serverLimitOptions } from '../api/server-limits.js';
import { registerWebhookRoute } from '../api/webhook-route.js';
import type { ParleyContext } from '../bot/context.js';
import { retryLaterOf } from '../bot/middleware/dedupe-updates.js';
import type { Core } from './core.js';

export interface HttpParts {
  /** What /health adds to its answer (the role, the sender, the outbox…). */
  details: () => Record<string, string>;
  /** Web processes: the bot that handles the webhook (or the playground's updates). */
  bot?: Bot<ParleyContext>;
  emulator?: BotApiEmulator | undefined;
}

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
  const bot = parts.bot;
  if (!bot) return server;
  const handleUpdate = (update: Update) => bot.handleUpdate(update);
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
