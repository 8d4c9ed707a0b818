import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
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
  if (parts.bot) await registerWeb(server, core);
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
  const authenticate: Authenticate = (token) => webLinks.reader(token);
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
