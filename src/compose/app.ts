import type { FastifyInstance } from 'fastify';
import type { Bot } from 'grammy';
import type { AlertService } from '../alerts/alert-service.js';
import type { BotApiEmulator } from '../api/playground/bot-api-emulator.js';
import type { ParleyContext } from '../bot/context.js';
import type { ResolvedConfig } from '../config/load-config.js';
import type { Database } from '../db/client.js';
import { JOBS } from '../jobs/job-names.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { NotificationSender } from '../notifications/notification-sender.js';
import type { RateLimitSettings } from '../notifications/rate-limits.js';
import { ConfigError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { TradingService } from '../trading/trading-service.js';
import { buildBot, buildTelegramChannel, connectTelegram, pollingErrorHandler, telegramFor } from './bot.js';
import { buildCore, type Core, type CoreOverrides } from './core.js';
import { buildHttp } from './http.js';
import { buildQueue, registerJobs, scheduleJobs } from './jobs.js';
import { buildAlertStreams, type AlertStreams, type AlertStreamsOptions } from './streams.js';

/**
 * What a process does. 'all' (npm start): everything, on embedded defaults if nothing is set.
 * 'web' (npm run start:web): the webhook and HTTP; adds jobs but runs none. 'worker' (npm run
 * worker): the jobs and the notification sender, with its own /health. Web processes and
 * workers scale apart; they share PostgreSQL and Redis.
 */
export type Role = 'all' | 'web' | 'worker';

export interface AppOverrides extends CoreOverrides {
  /** Tests: the sender's rate limits (Telegram's by default). */
  senderLimits?: RateLimitSettings;
  /** Tests: timers, resync and lease periods of the market streams. */
  streams?: AlertStreamsOptions;
}

export interface App {
  role: Role;
  config: ResolvedConfig;
  core: Core;
  /** Shorthands for tests and benchmarks: the core's. */
  database: Database;
  trading: TradingService;
  alerts: AlertService;
  server: FastifyInstance;
  /** The bot handling updates (absent in a worker). */
  bot: Bot<ParleyContext>;
  jobs: JobQueue;
  /** The outbox's sender (absent in a web process). */
  sender: NotificationSender | undefined;
  /** Set in playground mode: the in-process Bot API the page talks to. */
  emulator: BotApiEmulator | undefined;
  /** Alerts per tick and the market stream (absent in a web process). */
  streams: AlertStreams | undefined;
  /** Listens, starts the jobs and connects the bot to Telegram. Resolves with the base URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

export async function createApp(config: ResolvedConfig, logger: Logger, overrides: AppOverrides = {}, role: Role = 'all'): Promise<App> {
  refuseUnlessScalable(config, role);
  const jobs = buildQueue(config, logger);
  const core = await buildCore(config, logger, overrides, jobs);
  const telegram = telegramFor(core);
  const handlesUpdates = role !== 'worker';
  const runsJobs = role !== 'web';

  const bot = handlesUpdates ? buildBot(core, telegram, jobs) : undefined;
  let sender: NotificationSender | undefined;
  if (runsJobs) {
    registerJobs(jobs, core);
    sender = new NotificationSender({
      outbox: core.repos.outbox,
      leases: core.repos.leases,
      channel: buildTelegramChannel(core, telegram),
      clock: core.clock,
      logger,
      metrics: core.metrics,
      ...(overrides.senderLimits ? { limits: overrides.senderLimits } : {}),
    });
    const s = sender;
    core.onPublished(() => s.nudge());
  }
  const streams = runsJobs ? await buildAlertStreams(core, overrides.streams) : undefined;
  const server = await buildHttp(core, {
    ...(bot ? { bot } : {}),
    emulator: telegram.emulator,
    api: handlesUpdates,
    details: () => ({
      role,
      telegram: config.telegramMode,
      marketData: core.marketData.source,
      jobs: jobs.kind,
      database: core.database.driver,
      ...(sender ? { notifications: sender.isLeader ? 'sending' : 'standby' } : {}),
      ...(streams ? { marketStream: streams.state() } : {}),
    }),
  });

  let polling: Promise<void> | undefined;
  return {
    role,
    config,
    core,
    database: core.database,
    trading: core.trading,
    alerts: core.alerts,
    server,
    get bot(): Bot<ParleyContext> {
      if (!bot) throw new Error('a worker handles no updates');
      return bot;
    },
    jobs,
    sender,
    emulator: telegram.emulator,
    streams,
    async start() {
      if (runsJobs) {
        await jobs.start();
        await scheduleJobs(jobs, config);
      }
      const address = await server.listen({ port: config.PORT, host: config.HOST });
      if (bot) await connectTelegram(bot, core);
      if (runsJobs) {
        sender!.start();
        await streams?.start();
        // Right away after a restart: settle what an interruption left half-way.
        await jobs.add(JOBS.syncOrders, {});
      }
      if (bot && config.telegramMode === 'polling') {
        bot.catch(pollingErrorHandler(bot, logger));
        polling = bot.start({ drop_pending_updates: false, onStart: () => logger.info('long polling started') }).catch((error: unknown) => {
          logger.error({ err: error }, 'long polling stopped');
        });
      }
      logger.info(
        { role, startupMs: Math.round(process.uptime() * 1000), url: address, telegram: config.telegramMode, marketData: core.marketData.source, database: core.database.driver, jobs: jobs.kind },
        'Parley is ready',
      );
      return address;
    },
    async stop() {
      if (polling && bot) {
        await bot.stop();
        await polling;
      }
      await server.close();
      await streams?.stop();
      await core.tickBus.close();
      await sender?.stop();
      await jobs.close();
      await core.database.close();
    },
  };
}

/** Separate web and worker processes share their state: that takes PostgreSQL, Redis and a real bot. */
function refuseUnlessScalable(config: ResolvedConfig, role: Role): void {
  if (role === 'all') return;
  const missing = [!config.DATABASE_URL && 'DATABASE_URL (PostgreSQL: the embedded database serves one process)', !config.REDIS_URL && 'REDIS_URL (the job queue the processes share)', !config.BOT_TOKEN && 'BOT_TOKEN (the playground runs in one process: npm start)'].filter(Boolean);
  if (missing.length > 0) throw new ConfigError(`A separate ${role} process needs:\n${missing.map((m) => `  ${m}`).join('\n')}\nTo run everything in one process, use npm start.`);
}
