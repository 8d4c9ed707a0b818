import type { MarketDirectory } from '../market/market-directory.js';
import { isPaperVenue, PAPER_VENUE_IDS, PAPER_VENUES, PaperVenueMarketData, type PaperVenueId } from '../market/paper-venues.js';
import type { MarketDataPort } from '../market/types.js';
import { measured, VenueStats, type VenueOutcome } from '../market/venue-health.js';
import type { Clock } from '../shared/clock.js';
import { AppError, RateLimited, TemporaryError } from '../shared/errors.js';
import { dec } from '../shared/decimal.js';
import type { ExchangePort } from '../trading/exchange-port.js';
import type { RouteVenue, VenueDirectory } from '../trading/route-types.js';
import type { Account } from '../trading/types.js';
import { PaperExchange } from './paper-exchange.js';
import type { PaperLedger } from './paper-ledger.js';
import { profileFor } from './ccxt-exchange-profiles.js';

/*
 * The venues a user can trade on, for the router: in paper mode one paper venue per supported
 * exchange (src/market/paper-venues.ts: its own fee and its own, simulated, book; one paper balance
 * for all of them), for a live account each of the user's connected live accounts (one per
 * exchange: the default first). Every request to a venue goes through a measuring wrapper that
 * records its time and outcome in VenueStats, so a venue's latency p50/p99, error rate and circuit
 * come from its own requests.
 */

export interface VenueDirectoryDeps {
  ledger: PaperLedger;
  marketData: MarketDataPort;
  markets: MarketDirectory;
  clock: Clock;
  exchangeFor: (account: Account) => ExchangePort;
  accountsOf: (userId: number) => Promise<Account[]>;
  stats?: VenueStats;
}

export class Venues implements VenueDirectory {
  readonly stats: VenueStats;
  private readonly paperData = new Map<PaperVenueId, PaperVenueMarketData>();

  constructor(private readonly deps: VenueDirectoryDeps) {
    this.stats = deps.stats ?? new VenueStats();
    for (const id of PAPER_VENUE_IDS) this.paperData.set(id, new PaperVenueMarketData(deps.marketData, PAPER_VENUES[id]));
  }

  async venuesFor(who: { userId: number; account: Account }): Promise<RouteVenue[]> {
    const now = this.deps.clock.now();
    if (who.account.mode === 'paper') {
      return PAPER_VENUE_IDS.map((id) => ({ id, label: `${PAPER_VENUES[id].label} (paper)`, account: who.account, exchange: this.venueFor(who.account, id), health: this.stats.health(statsKey(who.account, id), now) }));
    }
    const live = (await this.deps.accountsOf(who.userId)).filter((a) => a.mode === who.account.mode);
    // One account per exchange: the one asked from first, then the oldest.
    const ordered = [who.account, ...live.filter((a) => a.id !== who.account.id)];
    const seen = new Set<string>();
    const venues: RouteVenue[] = [];
    for (const account of ordered) {
      if (seen.has(account.exchange)) continue;
      seen.add(account.exchange);
      const label = labelOf(account);
      venues.push({ id: account.exchange, label, account, exchange: this.venueFor(account, account.exchange), health: this.stats.health(statsKey(account, account.exchange), now) });
    }
    return venues;
  }

  venueFor(account: Account, venue: string): ExchangePort {
    if (account.mode === 'paper') {
      if (!isPaperVenue(venue)) throw new AppError('route.unknown_venue', `${venue} is not a paper venue.`, { params: { venue } });
      const data = this.paperData.get(venue)!;
      const exchange = new PaperExchange(account.id, { ledger: this.deps.ledger, marketData: data, markets: this.deps.markets, feeRate: dec(PAPER_VENUES[venue].takerFee), clock: this.deps.clock });
      return measuredExchange(exchange, this.stats, statsKey(account, venue), this.deps.clock, `${PAPER_VENUES[venue].label} (paper)`);
    }
    if (account.exchange !== venue) throw new AppError('route.unknown_venue', `That account trades on ${account.exchange}, not ${venue}.`, { params: { venue } });
    return measuredExchange(this.deps.exchangeFor(account), this.stats, statsKey(account, venue), this.deps.clock, labelOf(account));
  }
}

function labelOf(account: Account): string {
  try {
    return `${profileFor(account.exchange).label}${account.mode === 'testnet' ? ' testnet' : ''}`;
  } catch {
    return account.exchange;
  }
}

/** Paper venues are measured apart from the real exchanges they are named after. */
function statsKey(account: Account, venue: string): string {
  return account.mode === 'paper' ? `paper:${venue}` : account.mode === 'testnet' ? `testnet:${venue}` : venue;
}

/**
 * How a request ended, for the venue's health: a clear refusal of the order (funds, rules) is the
 * venue answering, so it counts as 'ok'; a temporary failure (timeout, dropped connection, 5xx) as
 * 'timeout'; anything else, a rate limit included, as 'error'.
 */
function venueOutcome(error: unknown): VenueOutcome {
  if (error instanceof RateLimited) return 'error';
  if (error instanceof TemporaryError) return 'timeout';
  if (error instanceof AppError) return 'ok';
  return 'error';
}

/** The exchange with every request timed into `stats` under `key`; results and errors pass through. */
function measuredExchange(inner: ExchangePort, stats: VenueStats, key: string, clock: Clock, name = inner.name): ExchangePort {
  const timed = <T>(run: () => Promise<T>): Promise<T> => measured(stats, key, clock, run, venueOutcome);
  return {
    name,
    paper: inner.paper,
    ...(inner.settleMs !== undefined ? { settleMs: inner.settleMs } : {}),
    capabilities: inner.capabilities,
    markets: () => timed(() => inner.markets()),
    ticker: (symbol) => timed(() => inner.ticker(symbol)),
    orderBook: (symbol, depth) => timed(() => inner.orderBook(symbol, depth)),
    takerFee: (symbol) => inner.takerFee(symbol),
    fetchBalance: () => timed(() => inner.fetchBalance()),
    createOrder: (request) => timed(() => inner.createOrder(request)),
    fetchOrderByClientId: (symbol, id) => timed(() => inner.fetchOrderByClientId(symbol, id)),
    fetchOrder: (symbol, id) => timed(() => inner.fetchOrder(symbol, id)),
    fetchOpenOrders: (symbol) => timed(() => inner.fetchOpenOrders(symbol)),
    cancelOrder: (symbol, id) => timed(() => inner.cancelOrder(symbol, id)),
  };
}
