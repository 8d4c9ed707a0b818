import { randomBytes } from 'node:crypto';
import { AccountService } from '../accounts/account-service.js';
import { WebLinkService } from '../accounts/web-links.js';
import { AuthService } from '../accounts/auth-service.js';
import { argon2Hasher } from '../api/auth/argon2-hasher.js';
import type { StoredAnswer } from '../api/v1/idempotency.js';
import { createPromMetrics, type PromMetrics } from '../api/metrics/prom-metrics.js';
import { joseSigner } from '../api/auth/jose-signer.js';
import { AlertService } from '../alerts/alert-service.js';
import { Assistant } from '../assistant/act-on-message.js';
import type { ChatMemory } from '../assistant/follow-up.js';
import { PortfolioSnapshots } from '../assistant/portfolio-snapshot.js';
import type { ResolvedConfig } from '../config/load-config.js';
import { AccountRepo } from '../db/account-repo.js';
import { AlertRepo } from '../db/alert-repo.js';
import { AuthRepo } from '../db/auth-repo.js';
import { openDatabase, type Database } from '../db/client.js';
import { CommandHistoryRepo } from '../db/command-history-repo.js';
import { ConfirmationRepo } from '../db/confirmation-repo.js';
import { DeliveryTargetRepo } from '../db/delivery-target-repo.js';
import { DigestSettingsRepo } from '../db/digest-settings-repo.js';
import { ForeignOrderRepo } from '../db/foreign-order-repo.js';
import { KvStoreRepo } from '../db/kv-store-repo.js';
import { LeaseRepo } from '../db/lease-repo.js';
import { NotificationRepo } from '../db/notification-repo.js';
import { OrderRepo } from '../db/order-repo.js';
import { PaperLedgerRepo } from '../db/paper-ledger-repo.js';
import { RiskRepo } from '../db/risk-repo.js';
import { UpdateDedupeRepo } from '../db/update-dedupe-repo.js';
import { UserRepo } from '../db/user-repo.js';
import { WebLinkRepo } from '../db/web-link-repo.js';
import { createExchangeResolver, verifyExchangeKeys, type ExchangeRegistry } from '../exchange/exchange-registry.js';
import { PaperExchange } from '../exchange/paper-exchange.js';
import { Venues } from '../exchange/venue-directory.js';
import { PaperMatcher } from '../exchange/paper-matcher.js';
import { MarketDirectory } from '../market/market-directory.js';
import { RecordedBookMarketData } from '../market/book-feed.js';
import { createMarketData } from '../market/select-feed.js';
import type { MarketDataPort } from '../market/types.js';
import type { ParseResult } from '../nlu/contract.js';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../nlu/known-assets.js';
import { createMessageParser, type TextParser } from '../nlu/llm/create-parser.js';
import { parseOffline } from '../nlu/offline/offline-parser.js';
import { NotificationService } from '../notifications/notification-service.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { dec } from '../shared/decimal.js';
import type { Logger } from '../shared/logger.js';
import { createSecretBox, type SecretBox } from '../shared/secret-box.js';
import { PerformanceService } from '../trading/performance-service.js';
import { RiskService } from '../trading/risk-service.js';
import { TradingService } from '../trading/trading-service.js';
import type { TickBus } from '../market/tick.js';
import { MemoryTickBus } from '../streams/memory-tick-bus.js';
import { RedisTickBus } from '../streams/redis-tick-bus.js';
import { ReplayMarketData } from '../market/replay-feed.js';
import { projectPath } from '../shared/project-paths.js';
import { TfjsModelFolderStore } from '../signals/ml/tfjs-direction-model.js';
import { tfjsRuntime } from '../signals/ml/tfjs-runtime.js';
import { SignalDesk, type Explainable, type SignalSource } from '../signals/signal-desk.js';
import { SignalFiles } from '../signals/signal-files.js';
import { SignalRepo } from '../db/signal-repo.js';
import { AdvisorRepo } from '../db/advisor-repo.js';
import { AdvisorService } from '../signals/advisor-service.js';
import { proposalSizer } from '../assistant/proposal-sizing.js';
import type { SignalAnswer } from '../signals/signal-answer.js';
import { SignalService } from '../signals/signal-service.js';
import type { Account } from '../trading/types.js';
import { CandleFolder } from '../lab/lab-candles.js';
import type { BacktestRequest } from '../lab/lab-request.js';
import { LabService, type LabRun } from '../lab/lab-service.js';
import { trainDqn } from '../lab/rl/tfjs-dqn.js';
import type { LabRunJobData } from '../jobs/handlers/lab-run.job.js';
import { JOBS } from '../jobs/job-names.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { newId } from '../shared/ids.js';

export interface CoreOverrides {
  clock?: Clock;
  marketData?: MarketDataPort;
  /** An already-opening database (main.ts starts it first: PGlite's first start is the slow part). */
  database?: Promise<Database>;
  /** Tests: a parser that answers what the test needs. */
  parser?: TextParser;
  /** Tests: how long a loosened risk limit waits (default an hour). */
  loosenDelayMs?: number;
  /** Tests: where signals come from (a source that is strong, say); default the signal service on the bundled report. */
  signals?: SignalSource;
}

/** The bundled evaluation and models (made by `npm run -s signals-eval -- --save data/signals`). */
export const BUNDLED_SIGNALS_DIR = projectPath('data/signals');

/** A loosened risk limit takes effect this long after it is asked for (or at once, on a second explicit yes). */
export const RISK_LOOSEN_DELAY_MS = 3_600_000;

/**
 * The core every interface and every job shares: the database and its repositories, the market,
 * the exchanges, and the use cases — accounts, trading, alerts, acting on a message,
 * notifications. Built once per process from the config; nothing here knows about Telegram,
 * HTTP or the job runner.
 */
export interface Core {
  config: ResolvedConfig;
  clock: Clock;
  logger: Logger;
  database: Database;
  marketData: MarketDataPort;
  markets: MarketDirectory;
  // Use cases.
  accounts: AccountService;
  /** Email logins and the REST API's tokens; /link in the chat. */
  auth: AuthService;
  trading: TradingService;
  alerts: AlertService;
  assistant: Assistant;
  notifications: NotificationService;
  /** Risk limits, the kill switch, and the job that pauses an account past its drawdown limit. */
  risk: RiskService;
  performance: PerformanceService;
  /** One-time links to the read-only web view, and the sessions they open. */
  webLinks: WebLinkService;
  /** What the web view shows: portfolio, orders, fills, alerts, the equity curve. */
  snapshots: PortfolioSnapshots;
  /** "should I buy sol?", /signals, "why?". */
  signalDesk: SignalDesk;
  /** The signal service itself (the signals job reads every pair through it). */
  signals: SignalSource;
  /** Advisor mode: watched pairs, quiet hours, proposal cards. */
  advisor: AdvisorService;
  /** The pairs the signals job reads: SIGNAL_PAIRS and every watched pair. */
  signalPairs: () => Promise<string[]>;
  /** A new candle's signal (the signals job calls it once per candle): strong ones become proposals. */
  onNewSignal: (signal: SignalAnswer) => Promise<unknown>;
  /** Where the retrain job writes (DATA_DIR/signals); undefined with an in-memory DATA_DIR. */
  signalsDir: string | undefined;
  /** Prometheus metrics of this process (GET /metrics). */
  metrics: PromMetrics;
  /** Backtests, Monte Carlo and the RL agent from the chat and the API, run in a job. */
  lab: LabService;
  parser: TextParser;
  offlineParse: (text: string) => ParseResult;
  // What adapters and jobs need besides the use cases.
  repos: {
    users: UserRepo;
    accounts: AccountRepo;
    outbox: NotificationRepo;
    leases: LeaseRepo;
    targets: DeliveryTargetRepo;
    dedupe: UpdateDedupeRepo;
    history: CommandHistoryRepo;
    conversations: KvStoreRepo<unknown>;
    signals: SignalRepo;
    /** Answers kept for REST requests sent with an Idempotency-Key (a day). */
    idempotency: KvStoreRepo<StoredAnswer>;
    /** Short-lived per-chat and per-user notes: the chat's last coin and order, what "why?" explains. */
    chatMemory: KvStoreRepo<ChatMemory>;
    explanations: KvStoreRepo<Explainable>;
    /** Lab runs by id (lab-run:), pruned after 30 days. */
    labRuns: KvStoreRepo<LabRun>;
    alerts: AlertRepo;
  };
  exchangeFor: ExchangeRegistry;
  matcher: PaperMatcher;
  vault: SecretBox | undefined;
  /** Every connected live account (the reconciliation job). */
  connectedAccounts: () => Promise<Account[]>;
  /** Called when this process publishes notifications (the in-process sender looks at once). */
  onPublished: (listener: () => void) => void;
  /**
   * Market ticks and "alert changed" messages between instances: Redis pub/sub with REDIS_URL,
   * else in this process. Every role has it (a web process publishes the alerts its chat sets);
   * the processes that run jobs also listen (see compose/streams.ts).
   */
  tickBus: TickBus;
}

/**
 * `jobs`: where use cases queue work (a lab run); every process can add jobs, only workers and the
 * all-in-one run them.
 */
export async function buildCore(config: ResolvedConfig, logger: Logger, overrides: CoreOverrides = {}, jobs?: Pick<JobQueue, 'add'>): Promise<Core> {
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
  const listeners: Array<() => void> = [];
  const outbox = new NotificationRepo(db, () => listeners.forEach((l) => l()));
  // Live accounts: keys encrypted at rest (ENCRYPTION_KEY); without it only paper trading works.
  const vault = config.ENCRYPTION_KEY ? createSecretBox({ key: config.ENCRYPTION_KEY, previousKey: config.ENCRYPTION_KEY_PREVIOUS }) : undefined;
  const accountRepo = new AccountRepo(db, vault);
  const riskRepo = new RiskRepo(db);
  const liveSettings = { clock, logger, baseUrl: config.EXCHANGE_BASE_URL };
  const exchangeFor = createExchangeResolver({
    paperFor: (account: Account) => new PaperExchange(account.id, { ledger, marketData, markets, feeRate, clock }),
    accounts: accountRepo,
    ...liveSettings,
  });
  const metrics = createPromMetrics();
  // The router's venues: a paper venue per supported exchange, or the user's connected accounts; each measured.
  const venues = new Venues({ ledger, marketData, markets, clock, exchangeFor, accountsOf: (userId) => accountRepo.accountsOf(userId) });
  const venuePrefs = new KvStoreRepo<string>(db, 'venue:', batching);
  const trading = new TradingService({
    venues,
    routing: {
      threshold: { minSavingBps: config.ROUTE_SPLIT_MIN_BPS, minSavingQuote: config.ROUTE_SPLIT_MIN_QUOTE },
      penalties: { bpsPer100Ms: config.ROUTE_LATENCY_BPS_PER_100MS, bpsPerErrorPct: config.ROUTE_ERROR_BPS_PER_PCT },
    },
    venuePrefs: {
      get: async (userId) => (await venuePrefs.read(String(userId))) ?? null,
      set: (userId, venue) => (venue === null ? venuePrefs.delete(String(userId)) : venuePrefs.write(String(userId), venue)),
    },
    metrics,
    accounts: users,
    confirmations: new ConfirmationRepo(db, batching),
    orders,
    adoption: orders,
    foreign: new ForeignOrderRepo(db),
    outbox,
    exchangeFor,
    marketData,
    markets,
    clock,
    logger,
    previewTtlMs: config.PREVIEW_TTL_SECONDS * 1000,
    risk: { settings: riskRepo, equity: riskRepo },
  });
  const risk = new RiskService({ trading, settings: riskRepo, directory: accountRepo, clock, logger, loosenDelayMs: overrides.loosenDelayMs ?? RISK_LOOSEN_DELAY_MS });
  const performance = new PerformanceService({ trading, equity: riskRepo, clock });
  const accounts = new AccountService({
    users,
    book: accountRepo,
    verifyKeys: vault ? (check) => verifyExchangeKeys(check, liveSettings) : undefined,
    forgetExchange: exchangeFor.forget,
    paperFunding: { asset: 'USDT', amount: dec(config.PAPER_START_USDT) },
    clock,
    logger,
  });
  const authRepo = new AuthRepo(db);
  // JWT_SECRET, or a key made once and kept in the database: every instance signs with the same one.
  const jwtSecret = config.JWT_SECRET ?? (await authRepo.signingKey(() => randomBytes(32).toString('base64url')));
  const auth = new AuthService({
    users,
    sessions: users,
    credentials: authRepo,
    refreshTokens: authRepo,
    linkCodes: authRepo,
    hasher: argon2Hasher,
    tokens: joseSigner(jwtSecret, clock),
    paperFunding: { asset: 'USDT', amount: dec(config.PAPER_START_USDT) },
    clock,
    logger,
  });
  // Price alerts watch the app's feed, like the paper exchange: they belong to no account.
  const alertRepo = new AlertRepo(db);
  const tickBus: TickBus = config.REDIS_URL && config.MARKET_STREAM !== 'off' ? new RedisTickBus({ redisUrl: config.REDIS_URL, logger }) : new MemoryTickBus();
  const alerts = new AlertService({
    store: alertRepo,
    marketData,
    markets,
    clock,
    logger,
    // Every instance's per-tick book reloads the alert (the resync would catch a lost message).
    onChange: (id) => void tickBus.publishAlertChange(id).catch((error: unknown) => logger.warn({ err: error, alertId: id }, 'alerts: could not publish a change; the books resync within a minute')),
  });
  const notifications = new NotificationService({ outbox, settings: new DigestSettingsRepo(db), clock });

  // Signals: the bundled track records and models; tfjs loads on the first question, not here.
  const tfjs = tfjsRuntime();
  // The retrain job's output (under DATA_DIR) when there is one, else the bundled files.
  const signalsDir = config.DATA_DIR === ':memory:' ? undefined : `${config.DATA_DIR}/signals`;
  const signalFiles = new SignalFiles([...(signalsDir ? [signalsDir] : []), BUNDLED_SIGNALS_DIR], (folder) => new TfjsModelFolderStore(tfjs, folder));
  const signalRepo = new SignalRepo(db);
  const signals =
    overrides.signals ??
    new SignalService({
      candles: marketData,
      clock,
      reports: signalFiles.reports,
      models: signalFiles.models,
      // The replay shows 2021 prices on today's clock: models are judged on the market time they read.
      ...(marketData instanceof ReplayMarketData ? { dataTime: (ms: number) => marketData.timeline.toDataTime(ms) } : {}),
    });
  const explanations = new KvStoreRepo<Explainable>(db, 'why:', batching);
  const chatMemory = new KvStoreRepo<ChatMemory>(db, 'chat-memory:', batching);
  const signalDesk = new SignalDesk({ source: signals, store: signalRepo, memory: explanations, clock });

  const advisor = new AdvisorService({
    store: new AdvisorRepo(db),
    sizer: proposalSizer({
      trading,
      risk,
      accountOf: async (userId) => {
        const current = (await accountRepo.list(userId)).find((a) => a.isDefault);
        return current ? ((await accountRepo.accountsOf(userId)).find((a) => a.id === current.id) ?? null) : null;
      },
    }),
    desk: signalDesk,
    clock,
    maxPerDay: config.ADVISOR_MAX_PROPOSALS_PER_DAY,
    ttlMs: config.PROPOSAL_TTL_SECONDS * 1000,
  });
  const configuredPairs = config.SIGNAL_PAIRS.split(',');

  // Known names plus whatever the exchange lists: a new listing needs no code change.
  const catalog = new StaticAssetCatalog([...KNOWN_ASSETS, ...(await markets.assets())]);
  const rawParser = overrides.parser ?? (await createMessageParser({ config, catalog: () => catalog, logger, clock }));
  const parser: TextParser = {
    async parse(text) {
      const parsed = await rawParser.parse(text);
      metrics.parsed(parsed.parser, parsed.numberProblem ? 'number_problem' : parsed.command.intent === 'unknown' ? 'unknown' : 'intent');
      return parsed;
    },
  };
  metrics.watchOutbox(() => outbox.depth(new Date(clock.now())));
  const labRuns = new KvStoreRepo<LabRun>(db, 'lab-run:');
  const lab = new LabService({
    runs: labRuns,
    last: new KvStoreRepo<BacktestRequest>(db, 'lab-last:'),
    active: new KvStoreRepo<string>(db, 'lab-active:'),
    outbox,
    enqueue: async (runId) => {
      if (!jobs) throw new Error('this process has no job queue to run lab work on');
      // One attempt: a run that failed says so; the person asks again.
      await jobs.add<LabRunJobData>(JOBS.labRun, { runId }, { jobId: runId, attempts: 1 });
    },
    work: {
      candles: new CandleFolder(projectPath('data/candles')),
      train: (env, { episodes, seed, onEpisode }) => trainDqn(tfjs, env, { episodes, onEpisode: (log) => onEpisode(log.episode) }, { seed }),
      feeRate: Number(config.PAPER_TAKER_FEE),
      cash: Number(config.PAPER_START_USDT),
    },
    clock,
    newId: () => newId(),
    logger,
  });
  return {
    config,
    clock,
    logger,
    database,
    marketData,
    markets,
    accounts,
    auth,
    trading,
    alerts,
    signalDesk,
    signals,
    signalsDir,
    advisor,
    signalPairs: async () => [...new Set([...configuredPairs, ...(await advisor.watchedPairs())])],
    onNewSignal: (signal) => advisor.consider(signal),
    assistant: new Assistant({
      trading,
      alerts,
      signals: signalDesk,
      advisor,
      marketSource: marketData.source,
      coinIn: (text) => parseOffline(`price of ${text}`, catalog).command.symbol ?? null,
      // "buy more", "sell it", "what about eth?": the chat's last coin and order, kept in the database.
      memory: { store: chatMemory, now: () => clock.now() },
    }),
    notifications,
    risk,
    performance,
    webLinks: new WebLinkService({ store: new WebLinkRepo(db), clock, ttlMs: Math.round(config.WEB_LINK_MINUTES * 60_000) }),
    snapshots: new PortfolioSnapshots({ accounts, trading, alerts, performance, clock }),
    metrics,
    lab,
    parser,
    offlineParse: (text) => parseOffline(text, catalog),
    repos: {
      users,
      accounts: accountRepo,
      outbox,
      leases: new LeaseRepo(db),
      targets: new DeliveryTargetRepo(db, batching),
      dedupe: new UpdateDedupeRepo(db, batching),
      history: new CommandHistoryRepo(db, batching),
      conversations: new KvStoreRepo<unknown>(db, 'conversation:', batching),
      signals: signalRepo,
      idempotency: new KvStoreRepo<StoredAnswer>(db, 'api-idempotency:'),
      chatMemory,
      explanations,
      labRuns,
      alerts: alertRepo,
    },
    exchangeFor,
    // On a recorded book, resting paper orders fill from its recorded trades behind their queue.
    matcher: new PaperMatcher({ ledger, marketData, markets, feeRate, clock, logger, ...(marketData instanceof RecordedBookMarketData ? { tradeFills: marketData } : {}) }),
    vault,
    connectedAccounts: () => accountRepo.connected(),
    onPublished: (listener) => void listeners.push(listener),
    tickBus,
  };
}
