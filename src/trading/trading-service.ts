import type { Clock } from '../shared/clock.js';
import { dec, ZERO, type Decimal } from '../shared/decimal.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { noMetrics, type Metrics } from '../shared/metrics.js';
import type { MarketDirectory } from '../market/market-directory.js';
import type { MarketDataPort, Ticker } from '../market/types.js';
import { expiredNotification } from './events.js';
import type { ExchangePort } from './exchange-port.js';
import { claimConfirmation, executeClaimed, type ConfirmOutcome } from './execute-order.js';
import { keepProtectiveWithinHolding } from './keep-protective.js';
import { getPortfolio, type Portfolio } from './portfolio.js';
import { previewCancel, previewTrade, type TradePreview, type Who } from './preview-trade.js';
import { marketOn } from './market-of.js';
import { bestPrice, midPrice } from './plan-checks.js';
import { RiskGate } from './risk-gate.js';
import type { EquityBook, RiskSettingsStore } from './risk-ports.js';
import { DEFAULT_RISK_LIMITS, sizeByRisk, type SizingResult } from '../risk/index.js';
import { portfolioFacts } from '../risk/trading-facts.js';
import type { AccountLookup, ClaimOutcome, ConfirmationStore, ExchangeResolver, OrderFilter, OrderStore } from './ports.js';
import {
  adoptBalance, decideForeignOrder, reconcileAccount, type BalanceDrift, type ForeignOrderReport, type ForeignOrderStore, type JournalAdoption, type NotificationPublisher,
} from './reconcile.js';
import { syncOrders, type OrderChange } from './sync-orders.js';
import { claimRoute, executeRoute, routeLegs, routeOutcome } from './execute-route.js';
import { previewRoute } from './route-order.js';
import type { RouteVenue, VenueDirectory } from './route-types.js';
import type { RouteOptions } from '../routing/choose-route.js';
import type { Account, CancelPlan, CancelRequest, Confirmation, OrderConfirmation, TrackedOrder, TradeRequest } from './types.js';

export interface TradingDeps {
  accounts: AccountLookup;
  foreign: ForeignOrderStore;
  adoption: JournalAdoption;
  confirmations: ConfirmationStore;
  orders: OrderStore;
  outbox: NotificationPublisher;
  exchangeFor: ExchangeResolver;
  marketData: MarketDataPort;
  markets: MarketDirectory;
  clock: Clock;
  logger: Logger;
  previewTtlMs: number;
  /**
   * Where the user's risk limits, pause and equity live. The app always wires them; only tests of
   * the trading core that are about something else leave them out (then no risk rule runs).
   */
  risk?: { settings: RiskSettingsStore; equity: EquityBook };
  /** Counts previews, confirmations, orders and the time from a confirmation to the exchange. */
  metrics?: Metrics;
  /** The venues a user can trade on (routing, "wherever it's cheapest", a default venue); absent: only the account's exchange. */
  venues?: VenueDirectory;
  /** Each user's default venue: a venue id, or 'best' (route every market order). */
  venuePrefs?: VenuePreferences;
  /** The router's penalties and split threshold. */
  routing?: RouteOptions;
}

/** Where a user's market orders go when they do not say: stored per user. */
export interface VenuePreferences {
  get(userId: number): Promise<string | null>;
  set(userId: number, venue: string | null): Promise<void>;
}

/** The value of the default venue setting that routes every market order. */
export const BEST_VENUE = 'best';

/** The open orders a list view shows, and the latest settled ones for context. */
export interface ClaimOptions {
  /** The user confirmed a second time, explicitly (the button that names the order and says "anyway"). */
  confirmedTwice?: boolean;
}

export interface OrderListView {
  open: TrackedOrder[];
  recent: TrackedOrder[];
}

/**
 * The trading use cases every interface calls — the bot, the REST API, jobs — so the chat and
 * the API can never disagree about what a trade does.
 */
export class TradingService {
  /** Confirmations this process is executing now: its own sync job must not settle them meanwhile. */
  private readonly executing = new Set<string>();
  /** Orders journaled before this moment were sent, if at all, by a process gone by then. */
  private readonly startedAt: number;

  /** The risk rules, run at every preview and again at every confirmation. */
  readonly gate: RiskGate | undefined;

  constructor(private readonly deps: TradingDeps) {
    this.startedAt = deps.clock.now();
    this.gate = deps.risk ? new RiskGate({ ...deps.risk, orders: deps.orders, marketData: deps.marketData, markets: deps.markets, clock: deps.clock, logger: deps.logger }) : undefined;
  }

  /** The dependencies with the risk gate, for the functions of the previews and the execution. */
  private get core() {
    const venues = this.deps.venues;
    return { ...this.deps, gate: this.gate, venueFor: venues ? (account: Account, venue: string) => venues.venueFor(account, venue) : undefined };
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  /** What an order would do, priced from the book; with a confirmation to execute it when every check passes. */
  async preview(who: Who, request: TradeRequest): Promise<TradePreview> {
    const venue = await this.venueOf(who, request);
    let preview: TradePreview;
    if (venue === BEST_VENUE) {
      preview = await previewRoute({ ...this.core, venues: this.deps.venues!, routing: this.deps.routing }, who, request);
    } else if (venue) {
      const found = (await this.deps.venues!.venuesFor(who)).find((v) => v.id === venue);
      if (!found) throw new AppError('route.unknown_venue', `You cannot trade on ${venue} from this account.`, { params: { venue } });
      preview = await previewTrade(this.core, { userId: who.userId, account: found.account }, request, { venue });
    } else {
      preview = await previewTrade(this.core, who, request);
    }
    this.metrics.previewed('order', preview.confirmation ? 'ready' : 'blocked');
    return preview;
  }

  async previewCancel(who: Who, request: CancelRequest): Promise<{ plan: CancelPlan; confirmation: Confirmation | null }> {
    const preview = await previewCancel(this.core, who, request);
    this.metrics.previewed('cancel', preview.confirmation ? 'ready' : 'blocked');
    return preview;
  }

  /**
   * Where a market order goes: the venue it names, else the user's default venue; null for the
   * account's own exchange (limits and stops always go there: a paper venue does not hold them).
   */
  private async venueOf(who: Who, request: TradeRequest): Promise<string | null> {
    if (!this.deps.venues) {
      if (request.venue) throw new AppError('route.unavailable', 'Routing across venues is not available here.');
      return null;
    }
    const asked = request.venue ?? (request.type === 'market' ? await this.defaultVenue(who.userId) : null);
    if (!asked) return null;
    if (request.type !== 'market') {
      if (request.venue) throw new AppError('route.market_only', 'Only market orders can be sent to another venue or routed.');
      return null;
    }
    return asked;
  }

  /** The user's default venue ('best', a venue id), or null for the account's own exchange. */
  async defaultVenue(userId: number): Promise<string | null> {
    return (await this.deps.venuePrefs?.get(userId)) ?? null;
  }

  /** Sets (or with null clears) the user's default venue; it must be 'best' or one of their venues. */
  async setDefaultVenue(who: Who, venue: string | null): Promise<{ venue: string | null; venues: string[] }> {
    if (!this.deps.venues || !this.deps.venuePrefs) throw new AppError('route.unavailable', 'Routing across venues is not available here.');
    const venues = (await this.deps.venues.venuesFor(who)).map((v) => v.id);
    const wanted = venue?.trim().toLowerCase() || null;
    if (wanted !== null && wanted !== BEST_VENUE && !venues.includes(wanted)) {
      throw new AppError('route.unknown_venue', `${venue} is not one of your venues: ${[BEST_VENUE, ...venues].join(', ')}.`, { params: { venue: venue ?? '' } });
    }
    await this.deps.venuePrefs.set(who.userId, wanted);
    return { venue: wanted, venues };
  }

  /** The venues the user can trade on now, with their health (the API's GET /venues, "/venue"). */
  async venues(who: Who): Promise<RouteVenue[]> {
    return this.deps.venues ? this.deps.venues.venuesFor(who) : [];
  }

  private get metrics(): Metrics {
    return this.deps.metrics ?? noMetrics;
  }

  /**
   * The "… instead" of a blocked preview, pressed: its stored alternative while that can still be
   * confirmed, else the same order priced again (a fresh preview). Only its owner gets it.
   */
  async alternative(userId: number, confirmationId: string): Promise<{ outcome: 'preview'; preview: TradePreview } | { outcome: 'not_found' | 'not_owner' }> {
    const stored = await this.deps.confirmations.get(confirmationId);
    if (!stored || stored.kind !== 'order') return { outcome: 'not_found' };
    if (stored.userId !== userId) return { outcome: 'not_owner' };
    if (stored.status === 'pending' && stored.expiresAt.getTime() > this.deps.clock.now()) return { outcome: 'preview', preview: { plan: stored.plan, confirmation: stored } };
    const account = await this.deps.accounts.getAccount(stored.accountId);
    if (!account || account.userId !== userId) return { outcome: 'not_found' };
    return { outcome: 'preview', preview: await this.preview({ userId, account }, stored.request) };
  }

  /**
   * "Risk 1 % on BTC with a stop at 58k": the amount whose loss at the stop is that share of the
   * portfolio (sizeByRisk), previewed as a market buy that shows what it risks. Refused with a
   * reason when no amount fits (a stop above the price, no room under the position limit).
   */
  async previewSizedByRisk(who: Who, ask: { symbol: string; riskPct: number; stop: string }): Promise<{ outcome: 'preview'; preview: TradePreview; sizing: Extract<SizingResult, { ok: true }> } | { outcome: 'refused'; code: string; message: string }> {
    const exchange = this.deps.exchangeFor(who.account);
    const market = await marketOn(this.deps.markets, exchange, ask.symbol);
    const stop = dec(ask.stop);
    const [book, state] = await Promise.all([exchange.orderBook(market.symbol), this.gate ? this.gate.account(who, exchange) : null]);
    const entry = bestPrice(book, 'ask') ?? midPrice(book);
    const quoteValue = market.quote === 'USDT' ? dec(1) : dec((await exchange.ticker(`${market.quote}/USDT`)).last);
    const portfolio = state?.portfolio ?? (await this.portfolio(who.account));
    const facts = state?.facts ?? { ...portfolioFacts(portfolio), openOrders: [] };
    const sizing = sizeByRisk(
      { riskPct: ask.riskPct, base: market.base, quote: market.quote, entry, stop, feeRate: exchange.takerFee(market.symbol), amountStep: market.amountStep, minAmount: market.minAmount, quoteValue },
      facts,
      state?.limits ?? DEFAULT_RISK_LIMITS,
    );
    if (!sizing.ok) return { outcome: 'refused', code: sizing.code, message: sizing.message };
    // The preview shows what it risks, from the price it expects to pay (the stop is set after the fill).
    const preview = await previewTrade(this.core, who, { side: 'buy', symbol: market.symbol, type: 'market', size: { kind: 'base', amount: sizing.amount.toFixed() } }, { stop: stop.toFixed() });
    return { outcome: 'preview', preview, sizing };
  }

  getConfirmation(id: string): Promise<Confirmation | null> {
    return this.deps.confirmations.get(id);
  }

  /** Claim and execute in one call (the API). */
  async confirm(userId: number, confirmationId: string, options: ClaimOptions = {}): Promise<ConfirmOutcome> {
    const claim = await this.claim(userId, confirmationId, options);
    if (claim.outcome !== 'claimed') return claim;
    return this.execute(claim.confirmation);
  }

  /**
   * The claim alone (it journals the order): the bot answers the press between claim and execution.
   * A preview the risk rules want confirmed twice is not claimed by a plain confirmation: it answers
   * 'confirm_twice' with the reasons, and only a claim that says `confirmedTwice` goes ahead.
   */
  async claim(userId: number, confirmationId: string, options: ClaimOptions = {}): Promise<ClaimOutcome | Extract<ConfirmOutcome, { outcome: 'confirm_twice' }>> {
    let seen: Confirmation | null | undefined;
    if (!options.confirmedTwice) {
      seen = await this.deps.confirmations.get(confirmationId);
      const reasons = seen?.kind === 'order' ? (seen.plan.confirmTwice ?? []) : [];
      if (seen?.kind === 'order' && reasons.length > 0 && seen.userId === userId && seen.status === 'pending' && seen.expiresAt.getTime() > this.deps.clock.now()) {
        return { outcome: 'confirm_twice', confirmation: seen, reasons };
      }
    }
    // A leg of a routed order: all of its legs are claimed together, or none.
    const legs = routeLegs(seen === undefined ? await this.deps.confirmations.get(confirmationId) : seen);
    if (legs) {
      const all = await claimRoute(this.deps, userId, legs);
      this.metrics.confirmed(all.outcome);
      return all.outcome === 'claimed' ? { outcome: 'claimed', confirmation: all.confirmations[0]! } : all;
    }
    const claim = await claimConfirmation(this.deps, userId, confirmationId);
    this.metrics.confirmed(claim.outcome);
    return claim;
  }

  async execute(claimed: Confirmation): Promise<ConfirmOutcome> {
    const legs = routeLegs(claimed);
    if (legs) return this.executeRoute(legs);
    this.executing.add(claimed.id);
    let outcome: ConfirmOutcome;
    const started = this.deps.clock.now();
    try {
      outcome = await executeClaimed(this.core, claimed);
    } finally {
      this.executing.delete(claimed.id);
    }
    this.count(claimed, outcome, (this.deps.clock.now() - started) / 1000);
    // A sale that filled shrank the holding: the stops on it must not cover more than is left.
    if (outcome.outcome === 'executed' && outcome.result.kind === 'order' && outcome.result.order.side === 'sell' && Number(outcome.result.order.filled) > 0) {
      await this.fitProtective(claimed.accountId, outcome.result.order.symbol);
    }
    return outcome;
  }

  /** The claimed legs of a route, each sent once; the outcome carries the combined fill. */
  private async executeRoute(ids: readonly string[]): Promise<ConfirmOutcome> {
    const legs = (await Promise.all(ids.map((id) => this.deps.confirmations.get(id)))).filter((c): c is OrderConfirmation => c?.kind === 'order' && c.status === 'executing');
    for (const leg of legs) this.executing.add(leg.id);
    let result: Awaited<ReturnType<typeof executeRoute>>;
    try {
      result = await executeRoute(this.core, legs, (leg, outcome, ms) => {
        this.executing.delete(leg.id);
        this.count(leg, outcome, ms / 1000);
      });
    } finally {
      for (const leg of legs) this.executing.delete(leg.id);
    }
    const sold = legs.some((l, i) => l.plan.side === 'sell' && result.outcomes[i]?.outcome === 'executed');
    if (sold) for (const account of new Set(legs.map((l) => l.accountId))) await this.fitProtective(account, legs[0]!.plan.symbol);
    return routeOutcome(result.outcomes, result.fill);
  }

  private count(claimed: Confirmation, outcome: ConfirmOutcome, seconds: number): void {
    const exchange = claimed.plan.exchange;
    this.metrics.confirmed(outcome.outcome);
    if (outcome.outcome === 'executed' && outcome.result.kind === 'order') {
      this.metrics.order(outcome.result.order.status, exchange);
      this.metrics.confirmToExchange(seconds, exchange);
    } else if (outcome.outcome === 'failed') {
      this.metrics.order('rejected', exchange);
      this.metrics.exchangeError(exchange, outcome.result.code);
    }
  }

  /** The user said no to a preview: nothing is executed. */
  async cancel(userId: number, confirmationId: string): Promise<ClaimOutcome> {
    const now = new Date(this.deps.clock.now());
    // A route is cancelled whole: its other legs first, the one pressed last (its answer is the one told).
    const legs = routeLegs(await this.deps.confirmations.get(confirmationId));
    for (const leg of legs ?? []) if (leg !== confirmationId) await this.deps.confirmations.cancel(leg, userId, now);
    return this.deps.confirmations.cancel(confirmationId, userId, now);
  }

  /** Pending previews past their time become expired; each one's notification takes its buttons away. */
  expireDue(limit = 200): Promise<Confirmation[]> {
    // A route's legs expire together; the preview the user saw is the first leg's.
    const shown = (c: Confirmation) => !(c.kind === 'order' && c.plan.route && c.plan.route.id !== c.id);
    return this.deps.confirmations.expireDue(new Date(this.deps.clock.now()), limit, (c) => (shown(c) ? [expiredNotification(c)] : []));
  }

  /** Reads every live order from its exchange, books fills, fires watched stops, settles interrupted confirmations. */
  async syncOrders(options?: { submittingGraceMs?: number }): Promise<OrderChange[]> {
    const changes = await syncOrders(this.deps, { ...options, inFlight: this.executing, startedAt: this.startedAt });
    const sold = new Map(changes.filter((c) => c.fill && c.order.side === 'sell').map((c) => [`${c.order.accountId}:${c.order.symbol}`, c.order]));
    for (const order of sold.values()) await this.fitProtective(order.accountId, order.symbol);
    return changes;
  }

  /** The waiting stops and take-profits of an account's market, fitted to what it holds now (never fails the caller). */
  private async fitProtective(accountId: number, symbol: string): Promise<void> {
    try {
      const account = await this.deps.accounts.getAccount(accountId);
      if (account) await keepProtectiveWithinHolding(this.deps, account, symbol);
    } catch (error) {
      this.deps.logger.warn({ accountId, symbol, err: error }, 'could not fit protective orders to the holding');
    }
  }

  /** A live account against its exchange: foreign orders and balance drift, each reported once (through the outbox). */
  reconcile(account: Account): Promise<{ foreign: ForeignOrderReport[]; drift: BalanceDrift[] }> {
    return reconcileAccount(this.deps, account);
  }

  /** The owner's answer to a foreign-order report. Someone else's account is not found. */
  async decideForeignOrder(userId: number, accountId: number, exchangeOrderId: string, decision: 'adopted' | 'ignored'): Promise<TrackedOrder | 'ignored' | 'already'> {
    return decideForeignOrder(this.deps, await this.ownAccount(userId, accountId), exchangeOrderId, decision);
  }

  /** The owner's "adopt" for a balance changed outside Parley. Someone else's account is not found. */
  async adoptBalance(userId: number, accountId: number, asset: string): Promise<{ account: Account; total: Decimal }> {
    const account = await this.ownAccount(userId, accountId);
    return { account, total: await adoptBalance(this.deps, account, asset) };
  }

  orders(userId: number, filter?: OrderFilter): Promise<TrackedOrder[]> {
    return this.deps.orders.forUser(userId, filter);
  }

  /** One page of the user's orders and how many there are in all (the API's GET /orders). */
  async orderPage(userId: number, filter: OrderFilter): Promise<{ orders: TrackedOrder[]; total: number }> {
    const { limit: _limit, offset: _offset, ...all } = filter;
    const [page, total] = await Promise.all([this.orders(userId, filter), this.deps.orders.countForUser(userId, all)]);
    return { orders: page, total };
  }

  /** One of the user's own orders by its number; null when there is none (someone else's is none). */
  async findOrder(userId: number, orderId: number): Promise<TrackedOrder | null> {
    const found = await this.deps.orders.findForUser(userId, String(orderId));
    // The lookup also matches exchange order ids, which are often numbers too.
    return found?.id === orderId ? found : null;
  }

  /** "my trade history": orders of the active account that filled (in part or whole), newest first, a page at a time. */
  async tradeHistory(who: Who, page = 0, pageSize = 10): Promise<{ trades: TrackedOrder[]; page: number; more: boolean }> {
    const rows = await this.orders(who.userId, { accountId: who.account.id, filledOnly: true, limit: pageSize + 1, offset: page * pageSize });
    return { trades: rows.slice(0, pageSize), page, more: rows.length > pageSize };
  }

  /** "what's the market doing": the listed USDT markets' last 24 hours, biggest moves first. */
  async marketMovers(account: Account, limit = 8): Promise<Ticker[]> {
    const bases = (await this.listedBases('USDT')).slice(0, 40);
    const tickers = await Promise.all(bases.map((base) => this.price(`${base}/USDT`, account).catch(() => null)));
    const move = (t: Ticker) => (t.change24hPct === undefined ? -1 : Math.abs(t.change24hPct));
    return tickers
      .filter((t): t is Ticker => t !== null)
      .sort((a, b) => move(b) - move(a))
      .slice(0, limit);
  }

  /** "my orders": the active account's open orders, newest first, and a few recent settled ones. */
  async orderList(who: Who, symbol?: string): Promise<OrderListView> {
    const filter = { accountId: who.account.id, ...(symbol ? { symbol } : {}) };
    const [open, latest] = await Promise.all([this.orders(who.userId, { ...filter, activeOnly: true, limit: 30 }), this.orders(who.userId, { ...filter, limit: 5 })]);
    return { open, recent: latest.filter((o) => !open.some((x) => x.id === o.id)) };
  }

  /** "cancel my order" without saying which: the open orders of the active account to pick from. */
  cancellable(who: Who, symbol?: string, limit = 8): Promise<TrackedOrder[]> {
    return this.orders(who.userId, { accountId: who.account.id, activeOnly: true, ...(symbol ? { symbol } : {}), limit });
  }

  /** The exchange an account trades on (paper, or live through ccxt). */
  exchangeOf(account: Account): ExchangePort {
    return this.deps.exchangeFor(account);
  }

  async portfolio(account: Account): Promise<Portfolio> {
    return getPortfolio({ trades: this.deps.orders }, account, this.deps.exchangeFor(account));
  }

  /** The price on the account's exchange when given (what its orders trade at), else the app's feed. */
  async price(symbol: string, account?: Account): Promise<Ticker> {
    if (account && account.mode !== 'paper') return this.deps.exchangeFor(account).ticker(symbol);
    const market = await this.deps.markets.get(symbol);
    return this.deps.marketData.ticker(market.symbol);
  }

  /** Whether this symbol trades on the app's market (what paper accounts and alerts use). */
  async isListed(symbol: string): Promise<boolean> {
    return this.deps.markets.get(symbol).then(
      () => true,
      () => false,
    );
  }

  async listedAssets(): Promise<string[]> {
    return this.deps.markets.assets();
  }

  /** Bases tradable against `quote`, in the exchange's listing order. */
  async listedBases(quote: string): Promise<string[]> {
    return (await this.deps.markets.all()).filter((m) => m.quote === quote && m.active).map((m) => m.base);
  }

  /** Coins the account holds (free) that trade against `quote`, in the exchange's listing order. */
  async heldBases(account: Account, quote: string): Promise<string[]> {
    const [balances, listed] = await Promise.all([this.deps.exchangeFor(account).fetchBalance(), this.listedBases(quote)]);
    return listed.filter((base) => (balances.get(base)?.free ?? ZERO).gt(0));
  }

  async freeBalance(account: Account, asset: string): Promise<Decimal> {
    const balances = await this.deps.exchangeFor(account).fetchBalance();
    return balances.get(asset)?.free ?? ZERO;
  }

  private async ownAccount(userId: number, accountId: number): Promise<Account> {
    const account = await this.deps.accounts.getAccount(accountId);
    if (!account || account.userId !== userId) throw new AppError('account.not_found', 'That account is not one of yours, or it was disconnected.');
    return account;
  }
}
