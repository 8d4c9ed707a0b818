import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Bot, BotError } from 'grammy';
import type { Update } from 'grammy/types';
import { AlertService } from './alerts/alert-service.js';
import { registerHealthRoute } from './api/health-route.js';
import { BotApiEmulator } from './api/playground/bot-api-emulator.js';
import { registerPlayground } from './api/playground/playground-routes.js';
import { registerWebhookRoute } from './api/webhook-route.js';
import type { ParleyContext } from './bot/context.js';
import type { MessageParser } from './bot/ports.js';
import { createBot } from './bot/create-bot.js';
import { EXPIRE_PREVIEWS_JOB } from './bot/deps.js';
import { CHECK_ALERTS_JOB, checkAlertsAndNotify } from './bot/alert-notices.js';
import { ACCOUNT_COMMANDS } from './bot/handlers/account-commands.js';
import { COMMANDS } from './bot/handlers/commands.js';
import { paperStartLabel } from './bot/handlers/info-replies.js';
import { retryLaterOf } from './bot/middleware/dedupe-updates.js';
import { expirePreviews, refreshRecentPreviews, syncOrdersAndNotify } from './bot/order-maintenance.js';
import { reconcileAndNotify } from './bot/reconcile-notices.js';
import type { ResolvedConfig } from './config/load-config.js';
import { AlertRepo } from './db/alert-repo.js';
import { openDatabase, type Database } from './db/client.js';
import { CommandHistoryRepo } from './db/command-history-repo.js';
import { KvStoreRepo } from './db/kv-store-repo.js';
import { ConfirmationRepo } from './db/confirmation-repo.js';
import { ForeignOrderRepo } from './db/foreign-order-repo.js';
import { OrderRepo } from './db/order-repo.js';
import { PaperLedgerRepo } from './db/paper-ledger-repo.js';
import { UpdateDedupeRepo } from './db/update-dedupe-repo.js';
import { UserRepo } from './db/user-repo.js';
import { AccountRepo } from './db/account-repo.js';
import { createExchangeResolver, verifyExchangeKeys } from './exchange/exchange-registry.js';
import { PaperExchange } from './exchange/paper-exchange.js';
import { PaperMatcher } from './exchange/paper-matcher.js';
import { BullmqQueue } from './jobs/bullmq-queue.js';
import { InProcessQueue } from './jobs/in-process-queue.js';
import type { JobQueue } from './jobs/job-queue.js';
import { MarketDirectory } from './market/market-directory.js';
import { createMarketData } from './market/select-feed.js';
import type { MarketDataPort } from './market/types.js';
import { KNOWN_ASSETS, StaticAssetCatalog } from './nlu/known-assets.js';
import { createMessageParser } from './nlu/llm/create-parser.js';
import { parseOffline } from './nlu/offline/offline-parser.js';
import { systemClock, type Clock } from './shared/clock.js';
import { dec } from './shared/decimal.js';
import { createSecretBox } from './shared/secret-box.js';
import type { Logger } from './shared/logger.js';
import { TradingService } from './trading/trading-service.js';
import type { Account } from './trading/types.js';

export interface AppOverrides {
  clock?: Clock;
  marketData?: MarketDataPort;
  /** An already-opening database (main.ts starts it first: PGlite's first start is the slow part). */
  database?: Promise<Database>;
  /** Tests: a parser that answers what the test needs. */
  parser?: MessageParser;
}

export interface App {
  config: ResolvedConfig;
  server: FastifyInstance;
  bot: Bot<ParleyContext>;
  trading: TradingService;
  alerts: AlertService;
  database: Database;
  jobs: JobQueue;
  /** Set in playground mode: the in-process Bot API the page talks to. */
  emulator: BotApiEmulator | undefined;
  /** Listens, starts the jobs and connects the bot to Telegram. Resolves with the base URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

const SWEEP_MS = 30_000;
/** Paper fills, watched stops and live order states: every few seconds. */
const SYNC_MS = 5_000;
const SYNC_ORDERS_JOB = 'orders.sync';
/** Live accounts against their exchanges (orders and balances changed outside Parley): every RECONCILE_SECONDS. */
const RECONCILE_JOB = 'accounts.reconcile';
/** Price alerts: one ticker per watched symbol every few seconds. */
const ALERTS_MS = 5_000;

/** The composition root's work: builds every dependency from the config, once. */
export async function createApp(config: ResolvedConfig, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const clock = overrides.clock ?? systemClock;
  const [database, marketData] = await Promise.all([
    overrides.database ?? openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, logger }),
    overrides.marketData ?? createMarketData({ mode: config.MARKET_DATA, clock, logger, ...(config.EXCHANGE_BASE_URL ? { baseUrl: config.EXCHANGE_BASE_URL } : {}) }),
  ]);
  const { db } = database;
  // Group commit: PGlite runs one statement at a time anyway; PostgreSQL can take a few at once.
  const batching = { parallel: database.driver === 'postgres' ? 4 : 1 };
  const markets = new MarketDirectory(marketData, clock);
  const users = new UserRepo(db);
  const orders = new OrderRepo(db, () => new Date(clock.now()));
  const ledger = new PaperLedgerRepo(db, batching);
  const feeRate = dec(config.PAPER_TAKER_FEE);
  // Live accounts: keys encrypted at rest (ENCRYPTION_KEY); without it only paper trading works.
  const vault = config.ENCRYPTION_KEY ? createSecretBox({ key: config.ENCRYPTION_KEY, previousKey: config.ENCRYPTION_KEY_PREVIOUS }) : undefined;
  const accounts = new AccountRepo(db, vault);
  const liveSettings = { clock, logger, baseUrl: config.EXCHANGE_BASE_URL };
  const exchangeFor = createExchangeResolver({
    paperFor: (account: Account) => new PaperExchange(account.id, { ledger, marketData, markets, feeRate, clock }),
    accounts,
    ...liveSettings,
  });
  const trading = new TradingService({
    users,
    confirmations: new ConfirmationRepo(db, batching),
    orders,
    adoption: orders,
    foreign: new ForeignOrderRepo(db),
    exchangeFor,
    marketData,
    markets,
    clock,
    logger,
    previewTtlMs: config.PREVIEW_TTL_SECONDS * 1000,
    paperFunding: { asset: 'USDT', amount: dec(config.PAPER_START_USDT) },
  });
  // Price alerts watch the app's feed, like the paper exchange: they belong to no account.
  const alerts = new AlertService({ store: new AlertRepo(db), marketData, markets, clock, logger });
  const jobs: JobQueue = config.REDIS_URL ? new BullmqQueue({ redisUrl: config.REDIS_URL, logger }) : new InProcessQueue(logger);

  // Known names plus whatever the exchange lists: a new listing needs no code change.
  const catalog = new StaticAssetCatalog([...KNOWN_ASSETS, ...(await markets.assets())]);
  const parser = overrides.parser ?? (await createMessageParser({ config, catalog: () => catalog, logger, clock }));
  const dedupe = new UpdateDedupeRepo(db, batching);
  const history = new CommandHistoryRepo(db, batching);
  const conversationStore = new KvStoreRepo<unknown>(db, 'conversation:', batching);

  const emulator = config.telegramMode === 'playground' ? new BotApiEmulator({ clock, queueForPolling: false }) : undefined;
  const bot = createBot(
    emulator
      ? { token: emulator.token, botInfo: emulator.botInfo, client: { fetch: emulator.fetch, apiRoot: 'http://playground.local' } }
      : { token: config.BOT_TOKEN!, client: { apiRoot: config.TELEGRAM_API_ROOT } },
    {
      trading,
      alerts,
      parser,
      offlineParse: (text) => parseOffline(text, catalog),
      conversationStore,
      history,
      dedupe,
      jobs,
      logger,
      clock,
      previewTtlSeconds: config.PREVIEW_TTL_SECONDS,
      marketSource: marketData.source,
      paperStartLabel: paperStartLabel(config.PAPER_START_USDT),
      liveAccounts: { book: accounts, vault, verifyKeys: (check) => verifyExchangeKeys(check, liveSettings), forgetExchange: exchangeFor.forget },
    },
  );

  jobs.register(EXPIRE_PREVIEWS_JOB, async () => void (await expirePreviews(trading, bot.api, logger)));
  // Paper limit orders fill here (the paper exchange's matching), then every order is synced.
  const matcher = new PaperMatcher({ ledger, marketData, markets, feeRate, clock, logger });
  jobs.register(SYNC_ORDERS_JOB, async () => {
    await matcher.matchRestingOrders();
    await syncOrdersAndNotify(trading, bot.api, logger, config.ORDER_SUBMIT_GRACE_SECONDS * 1000);
  });
  jobs.register('previews.refresh', async () => void (await refreshRecentPreviews(trading, bot.api, logger)));
  jobs.register(RECONCILE_JOB, async () => {
    await reconcileAndNotify({ trading, connected: () => accounts.connected(), seen: new KvStoreRepo<string>(db, 'drift:') }, bot.api, logger);
  });
  jobs.register(CHECK_ALERTS_JOB, async () => void (await checkAlertsAndNotify(alerts, bot.api, logger)));
  jobs.register('maintenance.prune', async () => {
    const day = 24 * 3600_000;
    const updates = await dedupe.prune(new Date(clock.now() - day));
    const commands = await history.prune(new Date(clock.now() - config.HISTORY_RETENTION_DAYS * day));
    // Conversations idle for a week are abandoned; their questions answer "closed".
    const conversations = await conversationStore.prune(new Date(clock.now() - 7 * day));
    logger.info({ updates, commands, conversations }, 'pruned old processed updates, history and conversations');
  });

  // Request lines are off: at webhook rates they would drown the log.
  const server = Fastify({ loggerInstance: logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 1024 * 1024 });
  registerHealthRoute(server, {
    checkDatabase: () => database.ping(),
    details: () => ({ telegram: config.telegramMode, marketData: marketData.source, jobs: jobs.kind, database: database.driver }),
  });
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
  if (emulator) await registerPlayground(server, { emulator, deliverUpdate: handleUpdate, logger });

  let polling: Promise<void> | undefined;
  return {
    config,
    server,
    bot,
    trading,
    alerts,
    database,
    jobs,
    emulator,
    async start() {
      await jobs.start();
      await Promise.all([
        jobs.every(EXPIRE_PREVIEWS_JOB, SWEEP_MS),
        jobs.every(SYNC_ORDERS_JOB, SYNC_MS),
        jobs.every(RECONCILE_JOB, config.RECONCILE_SECONDS * 1000),
        jobs.every('maintenance.prune', 3600_000),
        jobs.every(CHECK_ALERTS_JOB, ALERTS_MS),
      ]);
      const address = await server.listen({ port: config.PORT, host: config.HOST });
      await connectTelegram(bot, config, logger);
      // Right away after a restart: settle what an interruption left half-way, and re-show outcomes.
      await Promise.all([jobs.add(SYNC_ORDERS_JOB, {}), jobs.add('previews.refresh', {}, { delayMs: 1000 })]);
      if (config.telegramMode === 'polling') {
        bot.catch(pollingErrorHandler(bot, logger));
        polling = bot.start({ drop_pending_updates: false, onStart: () => logger.info('long polling started') }).catch((error: unknown) => {
          logger.error({ err: error }, 'long polling stopped');
        });
      }
      logger.info({ startupMs: Math.round(process.uptime() * 1000), url: address, telegram: config.telegramMode, marketData: marketData.source, database: database.driver, jobs: jobs.kind }, 'Parley is ready');
      return address;
    },
    async stop() {
      if (polling) {
        await bot.stop();
        await polling;
      }
      await server.close();
      await jobs.close();
      await database.close();
    },
  };
}

/**
 * Long polling hands grammY's error handler whatever escapes the middleware (its default one
 * stops the bot). Polling confirms each batch as it goes, so an update that must wait for
 * another process's lapsed claim (one this process held before a restart, say) is tried again
 * here, after the wait, rather than dropped.
 */
function pollingErrorHandler(bot: Bot<ParleyContext>, logger: Logger): (error: BotError<ParleyContext>) => void {
  const retry = (update: Update, seconds: number, attempt: number): void => {
    setTimeout(() => {
      bot.handleUpdate(update).catch((error: unknown) => {
        const later = retryLaterOf(error);
        if (later && attempt < 10) retry(update, later.retryAfterSeconds, attempt + 1);
        else logger.error({ err: error, updateId: update.update_id }, 'update failed');
      });
    }, seconds * 1000).unref();
  };
  return (error) => {
    const later = retryLaterOf(error);
    if (later) retry(error.ctx.update, later.retryAfterSeconds, 1);
    else logger.error({ err: error.error, updateId: error.ctx.update.update_id }, 'update failed');
  };
}

/**
 * getMe, the command menu and the webhook. A failing Bot API call here is logged, not
 * fatal: getMe is retried in the background, and until it succeeds the webhook answers
 * 503 so Telegram re-delivers later.
 */
async function connectTelegram(bot: Bot<ParleyContext>, config: ResolvedConfig, logger: Logger): Promise<void> {
  const init = async (attempt: number): Promise<void> => {
    try {
      await bot.init();
    } catch (error) {
      const delay = Math.min(60_000, 1000 * 2 ** attempt);
      logger.error({ err: error, retryInMs: delay }, 'could not reach the Bot API (getMe); retrying');
      setTimeout(() => void init(attempt + 1), delay).unref();
      return;
    }
    await bot.api.setMyCommands([...COMMANDS, ...ACCOUNT_COMMANDS]).catch((error: unknown) => logger.error({ err: error }, 'setMyCommands failed'));
    if (config.telegramMode === 'webhook') {
      await bot.api
        .setWebhook(config.WEBHOOK_URL!, { secret_token: config.webhookSecret!, allowed_updates: ['message', 'callback_query'] })
        .then(() => logger.info({ url: config.WEBHOOK_URL }, 'webhook registered'))
        .catch((error: unknown) => logger.error({ err: error }, 'setWebhook failed'));
    }
  };
  await init(0);
}
