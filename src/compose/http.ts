import websocket from '@fastify/websocket';
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
import { snapshotJson } from '../api/web/snapshot-json.js';
import { registerWebView } from '../api/web/web-routes.js';
import { registerWebhookRoute } from '../api/webhook-route.js';
import { registerMarketSocket } from '../api/ws/market-socket.js';
import { registerPortfolioSocket, type Authenticate } from '../api/ws/portfolio-socket.js';
import { LiveFeed } from '../notifications/live-feed.js';
import { registerMetricsRoute } from '../api/metrics/metrics-route.js';
import { registerApiV1 } from '../api/v1/api-v1.js';
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
  if (parts.bot) await registerWeb(server, core);
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

/** A websocket opened with an API access token closes after this (the token's own lifetime). */
const ACCESS_TOKEN_SOCKET_MS = 15 * 60_000;

/** How often each web process reads the outbox for the users connected to it. */
const LIVE_FEED_MS = 500;

/**
 * The read-only web view and the websockets (web processes): the page, its one-time sign-in, the
 * portfolio stream fed by the outbox, and market prices.
 */
async function registerWeb(server: FastifyInstance, core: Core): Promise<void> {
  const { logger, webLinks, snapshots, trading } = core;
  await server.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const feed = new LiveFeed({ source: core.repos.outbox, logger });
  // The feed reads only while someone is connected (a pass with no listener reads nothing).
  const timer = setInterval(() => void feed.poll().catch((error: unknown) => logger.warn({ err: error }, 'live feed pass failed')), LIVE_FEED_MS);
  timer.unref();
  server.addHook('onClose', async () => clearInterval(timer));
  const snapshot = async (userId: number) => snapshotJson(await snapshots.of(userId));
  // A read-only web session from /web, or an API access token (a socket opened with one lasts at most
  // the token's 15 minutes; the client reconnects with a fresh one).
  const authenticate: Authenticate = async (token) =>
    (await webLinks.reader(token)) ??
    (await core.auth.authenticate(token).then(
      (session) => ({ userId: session.user.id, expiresAt: new Date(core.clock.now() + ACCESS_TOKEN_SOCKET_MS) }),
      () => null,
    ));
  core.metrics.watchWebsockets(() => server.websocketServer?.clients.size ?? 0);
  registerWebView(server, { open: (code) => webLinks.open(code), reader: authenticate, snapshot });
  registerPortfolioSocket(server, { authenticate, feed, snapshot, logger });
  registerMarketSocket(server, {
    authenticate,
    logger,
    price: async (symbol) => {
      if (!(await trading.isListed(symbol))) return null;
      const t = await trading.price(symbol);
      return { symbol, last: String(t.last), bid: String(t.bid), ask: String(t.ask), at: t.timestamp };
    },
  });
}

async function registerApi(server: FastifyInstance, core: Core): Promise<void> {
  const { config, logger } = core;
  // Rate limits in Redis when there is one, so every instance counts together; a Redis that is away lets requests through.
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 }) : undefined;
  redis?.on('error', (error: unknown) => logger.warn({ err: error }, 'rate-limit Redis unavailable; limits are skipped meanwhile'));
  // Closing never waits on a Redis that is away or restarting: a second for a polite QUIT, then the socket goes.
  if (redis) server.addHook('onClose', async () => {
    await Promise.race([redis.quit().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    redis.disconnect();
  });
  await registerApiV1(server, {
    auth: core.auth,
    accounts: core.accounts,
    trading: core.trading,
    performance: core.performance,
    assistant: core.assistant,
    parser: core.parser,
    lab: core.lab,
    // GET /market/signals: the same combined call "should I buy …?" gives in the chat.
    signals: async (symbol, timeframe) => {
      const [line] = await core.signalDesk.survey([symbol], timeframe);
      if (!line) return { signals: [], note: null };
      if ('problem' in line) return { signals: [], note: line.problem };
      const s = line.signal;
      return {
        signals: [{ symbol: s.symbol, timeframe: s.timeframe, type: s.direction, strength: s.strength, confidence: s.confidence, source: 'combined', generated_at: new Date(s.at).toISOString() }],
        note: s.summary,
      };
    },
    idempotency: core.repos.idempotency,
    logger,
    version: API_VERSION,
    perMinute: config.API_RATE_LIMIT_PER_MINUTE,
    ...(redis ? { redis } : {}),
    corsOrigins: config.CORS_ORIGINS ? config.CORS_ORIGINS.split(',').map((o) => o.trim().replace(/\/$/, '')) : [],
  });
}
