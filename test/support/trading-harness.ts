import { ConfirmationRepo } from '../../src/db/confirmation-repo.js';
import { PaperLedgerRepo } from '../../src/db/paper-ledger-repo.js';
import { AccountRepo } from '../../src/db/account-repo.js';
import { RiskRepo } from '../../src/db/risk-repo.js';
import { RiskService } from '../../src/trading/risk-service.js';
import { ForeignOrderRepo } from '../../src/db/foreign-order-repo.js';
import { NotificationRepo } from '../../src/db/notification-repo.js';
import { OrderRepo } from '../../src/db/order-repo.js';
import { UserRepo } from '../../src/db/user-repo.js';
import type { ExchangePort } from '../../src/trading/exchange-port.js';
import { PaperExchange } from '../../src/exchange/paper-exchange.js';
import { Venues } from '../../src/exchange/venue-directory.js';
import type { RouteOptions } from '../../src/routing/choose-route.js';
import { MarketDirectory } from '../../src/market/market-directory.js';
import { ManualClock } from '../../src/shared/clock.js';
import { dec } from '../../src/shared/decimal.js';
import { silentLogger } from '../../src/shared/logger.js';
import { TradingService } from '../../src/trading/trading-service.js';
import type { Account } from '../../src/trading/types.js';
import type { TestDatabase } from './databases.js';
import { FixedMarketData } from './fixed-market-data.js';

/** The trading core on a real database, the paper exchange and a fixed book. */
export function tradingHarness(
  database: TestDatabase,
  options: {
    wrapExchange?: (exchange: ExchangePort) => ExchangePort;
    /** Wire the risk rules (the app always does). */ risk?: boolean;
    loosenDelayMs?: number;
    /** Wire the venues (a paper venue per exchange) and the router, with these options. */
    routing?: RouteOptions;
  } = {},
) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  const marketData = new FixedMarketData(() => clock.now());
  const markets = new MarketDirectory(marketData, clock);
  const ledger = new PaperLedgerRepo(database.db);
  const users = new UserRepo(database.db);
  const confirmations = new ConfirmationRepo(database.db);
  const orders = new OrderRepo(database.db, () => new Date(clock.now()));
  const feeRate = dec('0.001');
  const paperFor = (account: Account) => new PaperExchange(account.id, { ledger, marketData, markets, feeRate, clock });
  const exchangeFor = (account: Account) => (options.wrapExchange ? options.wrapExchange(paperFor(account)) : paperFor(account));
  const outbox = new NotificationRepo(database.db);
  const riskRepo = new RiskRepo(database.db);
  const venues = options.routing ? new Venues({ ledger, marketData, markets, clock, exchangeFor, accountsOf: async () => [] }) : undefined;
  const prefs = new Map<number, string>();
  const service = new TradingService({
    ...(venues
      ? {
          venues,
          routing: options.routing,
          venuePrefs: { get: async (userId: number) => prefs.get(userId) ?? null, set: async (userId: number, venue: string | null) => void (venue === null ? prefs.delete(userId) : prefs.set(userId, venue)) },
        }
      : {}),
    accounts: users,
    confirmations,
    orders,
    adoption: orders,
    foreign: new ForeignOrderRepo(database.db),
    outbox,
    exchangeFor,
    marketData,
    markets,
    clock,
    logger: silentLogger(),
    previewTtlMs: 60_000,
    ...(options.risk ? { risk: { settings: riskRepo, equity: riskRepo } } : {}),
  });
  const risk = options.risk
    ? new RiskService({ trading: service, settings: riskRepo, directory: new AccountRepo(database.db, undefined), clock, logger: silentLogger(), loosenDelayMs: options.loosenDelayMs ?? 3_600_000 })
    : undefined;
  return { service, venues, risk, riskRepo, clock, marketData, ledger, confirmations, orders, users, outbox, paperFor };
}
