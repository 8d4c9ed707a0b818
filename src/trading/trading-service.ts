import type { Clock } from '../shared/clock.js';
import { ZERO, type Decimal } from '../shared/decimal.js';
import type { Logger } from '../shared/logger.js';
import type { MarketDirectory } from '../market/market-directory.js';
import type { MarketDataPort, Ticker } from '../market/types.js';
import { claimConfirmation, executeClaimed, type ConfirmOutcome } from './execute-order.js';
import { getPortfolio, type Portfolio } from './portfolio.js';
import { previewCancel, previewTrade, type Who } from './preview-trade.js';
import type { ClaimOutcome, ConfirmationStore, ExchangeResolver, OrderStore, TelegramProfile, UserStore } from './ports.js';
import { adoptBalance, decideForeignOrder, reconcileAccount, type BalanceDrift, type ForeignOrderReport, type ForeignOrderStore, type JournalAdoption } from './reconcile.js';
import { syncOrders, type OrderChange } from './sync-orders.js';
import type { Account, CancelPlan, CancelRequest, Confirmation, OrderPlan, TrackedOrder, TradeRequest, User } from './types.js';

export interface TradingDeps {
  users: UserStore;
  foreign: ForeignOrderStore;
  adoption: JournalAdoption;
  confirmations: ConfirmationStore;
  orders: OrderStore;
  exchangeFor: ExchangeResolver;
  marketData: MarketDataPort;
  markets: MarketDirectory;
  clock: Clock;
  logger: Logger;
  previewTtlMs: number;
  paperFunding: { asset: string; amount: Decimal };
}

/**
 * The one facade every interface calls — the bot, the REST API, jobs — so the chat and
 * the API can never disagree about what a trade does.
 */
export class TradingService {
  /** Confirmations this process is executing now: its own sync job must not settle them meanwhile. */
  private readonly executing = new Set<string>();
  /** Orders journaled before this moment were sent, if at all, by a process gone by then. */
  private readonly startedAt: number;

  constructor(private readonly deps: TradingDeps) {
    this.startedAt = deps.clock.now();
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  ensureUser(profile: TelegramProfile): Promise<{ user: User; account: Account; created: boolean }> {
    return this.deps.users.ensureUser(profile, this.deps.paperFunding);
  }

  preview(who: Who, request: TradeRequest): Promise<{ plan: OrderPlan; confirmation: Confirmation | null }> {
    return previewTrade(this.deps, who, request);
  }

  previewCancel(who: Who, request: CancelRequest): Promise<{ plan: CancelPlan; confirmation: Confirmation | null }> {
    return previewCancel(this.deps, who, request);
  }

  attachPreviewMessage(confirmationId: string, messageId: number): Promise<void> {
    return this.deps.confirmations.attachMessage(confirmationId, messageId);
  }

  getConfirmation(id: string): Promise<Confirmation | null> {
    return this.deps.confirmations.get(id);
  }

  /** Claim and execute in one call (the API). */
  async confirm(userId: number, confirmationId: string): Promise<ConfirmOutcome> {
    const claim = await this.claim(userId, confirmationId);
    if (claim.outcome !== 'claimed') return claim;
    return this.execute(claim.confirmation);
  }

  /** The claim alone (it journals the order): the bot answers the press between claim and execution. */
  claim(userId: number, confirmationId: string): Promise<ClaimOutcome> {
    return claimConfirmation(this.deps, userId, confirmationId);
  }

  async execute(claimed: Confirmation): Promise<ConfirmOutcome> {
    this.executing.add(claimed.id);
    try {
      return await executeClaimed(this.deps, claimed);
    } finally {
      this.executing.delete(claimed.id);
    }
  }

  cancel(userId: number, confirmationId: string): Promise<ClaimOutcome> {
    return this.deps.confirmations.cancel(confirmationId, userId, new Date(this.deps.clock.now()));
  }

  /** Settled in the last minutes: after a restart their previews are shown in their final state again. */
  recentlySettled(withinMs = 10 * 60_000): Promise<Confirmation[]> {
    return this.deps.confirmations.recentlySettled(new Date(this.deps.clock.now() - withinMs), 200);
  }

  /** Pending previews past their time, now expired (for editing their messages). */
  expireDue(limit = 100): Promise<Confirmation[]> {
    return this.deps.confirmations.expireDue(new Date(this.deps.clock.now()), limit);
  }

  /** Reads every live order from its exchange, books fills, fires watched stops, settles interrupted confirmations. */
  syncOrders(options?: { submittingGraceMs?: number }): Promise<OrderChange[]> {
    return syncOrders(this.deps, { ...options, inFlight: this.executing, startedAt: this.startedAt });
  }

  /** A live account against its exchange: foreign orders and balance drift, each reported once. */
  reconcile(account: Account): Promise<{ foreign: ForeignOrderReport[]; drift: BalanceDrift[] }> {
    return reconcileAccount(this.deps, account);
  }

  decideForeignOrder(account: Account, exchangeOrderId: string, decision: 'adopted' | 'ignored', chatId: number | null): Promise<TrackedOrder | 'ignored' | 'already'> {
    return decideForeignOrder(this.deps, account, exchangeOrderId, decision, chatId);
  }

  adoptBalance(account: Account, asset: string): Promise<Decimal> {
    return adoptBalance(this.deps, account, asset);
  }

  orders(userId: number, filter?: { symbol?: string; activeOnly?: boolean; limit?: number; accountId?: number }): Promise<TrackedOrder[]> {
    return this.deps.orders.forUser(userId, filter);
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

  async listedAssets(): Promise<string[]> {
    return this.deps.markets.assets();
  }

  /** Bases tradable against `quote`, in the exchange's listing order. */
  async listedBases(quote: string): Promise<string[]> {
    return (await this.deps.markets.all()).filter((m) => m.quote === quote && m.active).map((m) => m.base);
  }

  async freeBalance(account: Account, asset: string): Promise<Decimal> {
    const balances = await this.deps.exchangeFor(account).fetchBalance();
    return balances.get(asset)?.free ?? ZERO;
  }
}
