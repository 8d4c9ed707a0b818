import type { Clock } from '../shared/clock.js';
import { dec, ZERO } from '../shared/decimal.js';
import { newId } from '../shared/ids.js';
import type { MarketDirectory } from '../market/market-directory.js';
import type { MarketDataPort } from '../market/types.js';
import { marketOn } from './market-of.js';
import { exchangeForPlan } from './execution.js';
import { applyAssessment, atRiskOf, type RiskGate } from './risk-gate.js';
import { planCancel } from './plan-cancel.js';
import { protectiveChanges, protectiveNotes } from './protective-orders.js';
import { planIsExecutable, planOrder } from './plan-order.js';
import type { ExchangePort } from './exchange-port.js';
import type { ConfirmationStore, ExchangeResolver, NewConfirmation, OrderStore } from './ports.js';
import type { RouteView } from './route-types.js';
import type { Account, CancelPlan, CancelRequest, Confirmation, OrderPlan, TradeRequest } from './types.js';

export interface PreviewDeps {
  confirmations: ConfirmationStore;
  orders: OrderStore;
  exchangeFor: ExchangeResolver;
  marketData: MarketDataPort;
  markets: MarketDirectory;
  clock: Clock;
  previewTtlMs: number;
  /** The user's risk limits; absent only where a test of the trading core is about something else. */
  gate?: RiskGate | undefined;
  /** The exchange of one venue of an account (a preview for a venue). */
  venueFor?: ((account: Account, venue: string) => ExchangePort) | undefined;
}

/** A preview: the plan, and a confirmation when it may be confirmed. */
export interface TradePreview {
  plan: OrderPlan;
  confirmation: Confirmation | null;
  /** A plan the risk limits blocked, with a way out: the largest order that passes, priced and stored like any preview. */
  alternative?: { plan: OrderPlan; confirmation: Confirmation };
  /** A routed order ("wherever it's cheapest"): the router's plan, its legs, and what each venue alone would cost. */
  route?: RouteView;
}

/** Who is asking, and the account the order would go to. */
export interface Who {
  userId: number;
  account: Account;
}

/**
 * Prices an order against the live book and the account's balances and, when every check
 * passes, stores it as a pending confirmation. Nothing is sent anywhere: only a confirmed
 * claim executes. A plan that fails a check comes back without a confirmation.
 */
export interface PreviewOptions {
  /** Offer the way out of a risk block as an alternative (default true). */
  suggest?: boolean;
  /** A buy meant to be protected by a stop at this price: the preview shows what it risks. */
  stop?: string;
  /** Send it to this venue of the account (its exchange comes from `venueFor`). */
  venue?: string;
}

export async function previewTrade(deps: PreviewDeps, who: Who, request: TradeRequest, options: PreviewOptions = {}): Promise<TradePreview> {
  const exchange = exchangeForPlan(deps, who.account, { ...(options.venue ? { venue: options.venue } : {}) });
  const market = await marketOn(deps.markets, exchange, request.symbol);
  // Priced from the book of the exchange the order goes to: the preview shows what will really happen.
  const [book, balances] = await Promise.all([exchange.orderBook(market.symbol), exchange.fetchBalance()]);
  const plan = planOrder({
    request,
    market,
    book,
    free: (asset) => balances.get(asset)?.free ?? ZERO,
    feeRate: exchange.takerFee(market.symbol),
    exchange: { name: exchange.name, paper: exchange.paper, nativeStopLoss: exchange.capabilities.nativeStopLoss, nativeTakeProfit: exchange.capabilities.nativeTakeProfit },
  });
  if (options.venue) plan.venue = options.venue;
  if (!planIsExecutable(plan)) return { plan, confirmation: null };
  if (deps.gate) {
    const assessment = await deps.gate.assess(who, plan, exchange, { book });
    applyAssessment(plan, assessment);
    if (options.stop && plan.side === 'buy') plan.atRisk = atRiskOf(assessment.order, dec(plan.estAveragePrice), dec(options.stop), assessment.facts.equity);
    if (!planIsExecutable(plan)) {
      // "Buy 0.0199 BTC instead": the way out, priced and checked like any order (its own rules may still say no).
      const way = plan.riskSuggestion;
      const alternative = way && options.suggest !== false ? await previewTrade(deps, who, { ...request, size: { kind: 'base', amount: way.amount } }, { ...options, suggest: false }) : null;
      return { plan, confirmation: null, ...(alternative?.confirmation ? { alternative: { plan: alternative.plan, confirmation: alternative.confirmation } } : {}) };
    }
  }
  // A sale says which stops and take-profits it shrinks under (they are fitted once it fills).
  if (plan.side === 'sell' && (plan.type === 'market' || plan.type === 'limit')) {
    const waiting = await deps.orders.forUser(who.userId, { accountId: who.account.id, symbol: market.symbol, activeOnly: true, limit: 100 });
    const heldAfter = (balances.get(market.base)?.total ?? ZERO).minus(plan.amount);
    plan.notes.push(...protectiveNotes(protectiveChanges(waiting, market, heldAfter), market));
  }
  return { plan, confirmation: await store(deps, who, { kind: 'order', request, plan }) };
}

/** The same for "cancel …": the orders it would cancel, confirmed like any order. */
export async function previewCancel(deps: PreviewDeps, who: Who, request: CancelRequest): Promise<{ plan: CancelPlan; confirmation: Confirmation | null }> {
  const exchange = deps.exchangeFor(who.account);
  const plan = await planCancel(deps.orders, who.userId, request, { accountId: who.account.id, name: exchange.name, paper: exchange.paper });
  if (!planIsExecutable(plan)) return { plan, confirmation: null };
  return { plan, confirmation: await store(deps, who, { kind: 'cancel', request, plan }) };
}

async function store(
  deps: PreviewDeps,
  who: Who,
  what: { kind: 'order'; request: TradeRequest; plan: OrderPlan } | { kind: 'cancel'; request: CancelRequest; plan: CancelPlan },
): Promise<Confirmation> {
  const now = deps.clock.now();
  const fresh = { id: newId(), userId: who.userId, accountId: who.account.id, createdAt: new Date(now), expiresAt: new Date(now + deps.previewTtlMs) };
  const confirmation = { ...fresh, ...what } as NewConfirmation;
  await deps.confirmations.create(confirmation);
  return { ...confirmation, status: 'pending', result: null } as Confirmation;
}
