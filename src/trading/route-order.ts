import type { Market, OrderBook } from '../market/types.js';
import { chooseRoute, RouteError, type RouteOptions, type RouteOrder, type RoutePlan } from '../routing/choose-route.js';
import { venueQuote, type VenueQuote } from '../routing/venue-quote.js';
import { dec, decString, floorToStep, ZERO, type Decimal } from '../shared/decimal.js';
import { AppError, userMessageOf } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { formatAmount, formatMoney, formatPrice } from '../shared/number-format.js';
import type { Balances } from './exchange-port.js';
import { marketOn } from './market-of.js';
import { planIsExecutable, planOrder } from './plan-order.js';
import type { NewConfirmation } from './ports.js';
import type { PreviewDeps, TradePreview, Who } from './preview-trade.js';
import type { RouteVenue, RouteView, VenueDirectory } from './route-types.js';

import { applyAssessment } from './risk-gate.js';
import type { Confirmation, OrderPlan, RiskCheck, TradeRequest } from './types.js';

/*
 * "buy 1 btc wherever it's cheapest": the order priced on every venue the user can trade on, the
 * router's plan (one venue, or a split when it pays), and one confirmation for all of its legs.
 * Each leg is an order of its own, stored as its own confirmation (its id is the leg's client
 * order id) naming its venue; confirming any of them claims them all in one transaction (see
 * execute-route.ts). Market orders only: a resting limit on a paper venue would be matched on the
 * app's book, not the venue's.
 */

export interface RouteDeps extends PreviewDeps {
  venues: VenueDirectory;
  routing?: RouteOptions | undefined;
}

interface Priced {
  venue: RouteVenue;
  market: Market;
  book: OrderBook;
  balances: Balances;
  fee: Decimal;
}

export async function previewRoute(deps: RouteDeps, who: Who, request: TradeRequest): Promise<TradePreview> {
  if (request.type !== 'market') throw new AppError('route.market_only', 'Only market orders can be routed across venues.');
  const venues = await deps.venues.venuesFor(who);
  if (venues.length === 0) throw new RouteError('route.no_venues', 'There is no venue to trade this pair on.');
  // The paper venues are one account: its balance is read once, not once per venue.
  const balancesOf = new Map<number, Promise<Balances>>();
  const balances = (venue: RouteVenue) => {
    let read = balancesOf.get(venue.account.id);
    if (!read) balancesOf.set(venue.account.id, (read = venue.exchange.fetchBalance()));
    return read;
  };
  const answers = await Promise.all(venues.map((venue) => priceOn(deps, venue, request.symbol, balances)));
  const priced = answers.filter((a): a is Priced => !('error' in a));
  const missing = answers.filter((a): a is { venue: RouteVenue; error: string } => 'error' in a);
  if (priced.length === 0) throw new RouteError('route.no_venues', `No venue could price ${request.symbol} right now: ${missing.map((m) => `${m.venue.label}: ${m.error}`).join('; ')}`);
  const quotes = priced.map(quoteOf);
  const primary = priced.find((p) => p.venue.account.id === who.account.id) ?? priced[0]!;
  const route = chooseRoute(routeOrder(request, primary), quotes, deps.routing ?? {});

  const byVenue = new Map(priced.map((p) => [p.venue.id, p]));
  const legs = route.legs.map((leg) => {
    const p = byVenue.get(leg.venue)!;
    const plan = singlePlan(request, p, leg.amount);
    plan.venue = leg.venue;
    return { plan, p };
  });
  const view = combined(request, legs, primary);
  // Priced in decimals against the best single venue, as each leg is.
  const single = route.bestSingle ? byVenue.get(route.bestSingle.venue) : undefined;
  const singleTotal = single ? dec(singlePlan(request, single, route.amount).estTotal) : null;
  const saving = singleTotal ? (request.side === 'buy' ? singleTotal.minus(view.estTotal) : dec(view.estTotal).minus(singleTotal)) : null;
  const routeView: RouteView = {
    plan: route,
    legs: legs.map((l) => l.plan),
    headline: headline(route, legs.map((l) => l.plan), view, saving),
    venues: [...route.alone.map((a) => aloneLine(a, view)), ...missing.map((m) => `${m.venue.label}: not priced (${m.error})`)],
    saving: saving ? decString(saving) : null,
  };
  // Every interface shows the plan and what each venue would have cost (the bot as notes under the card).
  view.notes.unshift(`Route: ${routeView.headline}.`, ...routeView.venues);
  if (!planIsExecutable(view)) return { plan: view, confirmation: null, route: routeView };
  if (deps.gate) {
    // The rules judge the whole order, as if on the primary venue: a split never slips under a limit.
    const assessment = await deps.gate.assess({ userId: who.userId, account: primary.venue.account }, view, primary.venue.exchange, { book: primary.book });
    applyAssessment(view, assessment);
    if (!planIsExecutable(view)) return { plan: view, confirmation: null, route: routeView };
    for (const leg of legs) if (view.confirmTwice) leg.plan.confirmTwice = view.confirmTwice;
  }
  const now = deps.clock.now();
  const ids = legs.map(() => newId());
  const stored: NewConfirmation[] = legs.map(({ plan, p }, index) => ({
    id: ids[index]!,
    userId: who.userId,
    accountId: p.venue.account.id,
    createdAt: new Date(now),
    expiresAt: new Date(now + deps.previewTtlMs),
    kind: 'order',
    request: { ...request, size: { kind: 'base', amount: plan.amount }, venue: plan.venue! },
    plan: { ...plan, route: { id: ids[0]!, index, legs: ids } },
  }));
  for (const c of stored) await deps.confirmations.create(c);
  const first = { ...stored[0]!, status: 'pending', result: null } as Confirmation;
  routeView.legs = stored.map((c) => c.plan as OrderPlan);
  return { plan: view, confirmation: first, route: routeView };
}

async function priceOn(deps: RouteDeps, venue: RouteVenue, symbol: string, balancesOf: (venue: RouteVenue) => Promise<Balances>): Promise<Priced | { venue: RouteVenue; error: string }> {
  try {
    const market = await marketOn(deps.markets, venue.exchange, symbol);
    const [book, balances] = await Promise.all([venue.exchange.orderBook(market.symbol), balancesOf(venue)]);
    return { venue, market, book, balances, fee: venue.exchange.takerFee(market.symbol) };
  } catch (error) {
    return { venue, error: userMessageOf(error) };
  }
}

function quoteOf(p: Priced): VenueQuote {
  // Every venue is asked for the same symbol, so the quote currency is the same: no conversion.
  return venueQuote({
    venue: p.venue.id,
    label: p.venue.label,
    book: p.book,
    takerFee: p.fee.toNumber(),
    health: p.venue.health,
    rules: { amountStep: p.market.amountStep.toNumber(), minAmount: p.market.minAmount.toNumber(), minCost: p.market.minCost.toNumber() },
  });
}

/** The request as the router takes it: a base amount, or a quote amount; a percentage of the primary account's balance. */
function routeOrder(request: TradeRequest, primary: Priced): RouteOrder {
  const size = request.size;
  const bad = (text: string) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new RouteError('route.bad_amount', 'The amount must be a positive number.');
    return n;
  };
  if (size.kind === 'base') return { side: request.side, amount: bad(size.amount) };
  if (size.kind === 'quote') return { side: request.side, quoteAmount: bad(size.amount) };
  if (!(size.percent > 0 && size.percent <= 100)) throw new RouteError('route.bad_amount', 'A percentage must be between 0 and 100.');
  const free = (asset: string) => primary.balances.get(asset)?.free ?? ZERO;
  if (request.side === 'buy') return { side: 'buy', quoteAmount: bad(free(primary.market.quote).mul(size.percent).div(100).toFixed()) };
  return { side: 'sell', amount: bad(floorToStep(free(primary.market.base).mul(size.percent).div(100), primary.market.amountStep).toFixed()) };
}

function singlePlan(request: TradeRequest, p: Priced, amount: string): OrderPlan {
  return planOrder({
    request: { ...request, size: { kind: 'base', amount } },
    market: p.market,
    book: p.book,
    free: (asset) => p.balances.get(asset)?.free ?? ZERO,
    feeRate: p.fee,
    exchange: { name: p.venue.label, paper: p.venue.exchange.paper, nativeStopLoss: false, nativeTakeProfit: false },
  });
}

/**
 * The whole order as one plan (what the preview card shows): the legs' sums, and the checks of
 * every leg plus the funds of every account for all of its legs together.
 */
function combined(request: TradeRequest, legs: Array<{ plan: OrderPlan; p: Priced }>, primary: Priced): OrderPlan {
  const sum = (f: (plan: OrderPlan) => string) => legs.reduce((s, l) => s.plus(f(l.plan)), ZERO);
  const amount = sum((p) => p.amount);
  const cost = sum((p) => p.estCost);
  const fee = sum((p) => p.estFee);
  const total = sum((p) => p.estTotal);
  const buy = request.side === 'buy';
  const base = legs[0]!.plan;
  const checks: RiskCheck[] = [];
  const seen = new Set<string>();
  for (const { plan, p } of legs) {
    for (const check of plan.checks) {
      if (check.name === 'funds' && check.ok) continue; // judged below for all legs of the account together
      const key = `${check.name}:${check.ok}:${check.message}`;
      if (!seen.has(key)) checks.push(check.ok ? check : { ...check, message: legs.length > 1 ? `${p.venue.label}: ${check.message}` : check.message });
      seen.add(key);
    }
  }
  const byAccount = new Map<number, { p: Priced; need: Decimal }>();
  for (const { plan, p } of legs) {
    const entry = byAccount.get(p.venue.account.id) ?? { p, need: ZERO };
    entry.need = entry.need.plus(buy ? plan.estTotal : plan.amount);
    byAccount.set(p.venue.account.id, entry);
  }
  for (const { p, need } of byAccount.values()) {
    const asset = buy ? p.market.quote : p.market.base;
    const free = p.balances.get(asset)?.free ?? ZERO;
    const where = byAccount.size > 1 ? ` on ${p.venue.label}` : '';
    checks.unshift(
      need.gt(free)
        ? { name: 'funds', ok: false, message: `Not enough ${asset}${where}: this needs ${buy ? formatMoney(need, asset) : `${formatAmount(need)} ${asset}`} and you have ${buy ? formatMoney(free, asset) : `${formatAmount(free)} ${asset}`} free.` }
        : { name: 'funds', ok: true, message: `Enough ${asset}${where}` },
    );
  }
  // Checks in their usual order (market, funds, size, liquidity, …): the first that fails is the one said.
  const order = ['market', 'funds', 'min_size', 'liquidity'];
  checks.sort((a, b) => rank(order, a.name) - rank(order, b.name));
  const freeQuote = primary.balances.get(primary.market.quote)?.free ?? ZERO;
  const freeBase = primary.balances.get(primary.market.base)?.free ?? ZERO;
  const shared = legs.every((l) => l.p.venue.account.id === primary.venue.account.id);
  return {
    ...base,
    exchange: legs.length > 1 ? legs.map((l) => l.p.venue.label).join(' + ') : base.exchange,
    amount: decString(amount),
    ...(request.size.kind === 'base' ? { asked: request.size.amount } : {}),
    estAveragePrice: decString(amount.gt(0) ? cost.div(amount) : base.estAveragePrice),
    estCost: decString(cost),
    estFee: decString(fee),
    feeRate: decString(cost.gt(0) ? fee.div(cost).toDecimalPlaces(8) : base.feeRate),
    estTotal: decString(total),
    balancesAfter: shared
      ? buy
        ? [
            { asset: primary.market.quote, amount: decString(freeQuote.minus(total)) },
            { asset: primary.market.base, amount: decString(freeBase.plus(amount)) },
          ]
        : [
            { asset: primary.market.base, amount: decString(freeBase.minus(amount)) },
            { asset: primary.market.quote, amount: decString(freeQuote.plus(total)) },
          ]
      : base.balancesAfter,
    checks,
    notes: [...new Set(legs.flatMap((l) => l.plan.notes))],
  };
}

function rank(order: string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

function headline(route: RoutePlan, legs: OrderPlan[], view: OrderPlan, saving: Decimal | null): string {
  const price = (p: OrderPlan) => `~${formatPrice(p.estAveragePrice, p.priceDecimals)}`;
  const parts = legs.map((p, i) => `${formatAmount(p.amount)}${i === 0 ? ` ${p.base}` : ''} on ${p.exchange} at ${price(p)}`);
  const best = route.bestSingle?.label;
  if (route.split && saving && best) return `${parts.join(', ')}; saves ${formatMoney(saving, view.quote)} vs ${best} alone`;
  if (route.split) return `${parts.join(', ')}: no venue alone can fill it`;
  const others = route.alone.length - 1;
  const why =
    route.splitSavingBps !== null && route.splitSavingBps > 0
      ? ` (a split would save only ${route.splitSavingBps.toFixed(1)} bps: not worth a second order)`
      : '';
  return `All ${parts[0]}: the best of ${others + 1} venue${others === 0 ? '' : 's'}${why}`;
}

function aloneLine(a: RoutePlan['alone'][number], view: OrderPlan): string {
  if (a.excluded === 'circuit_open') return `${a.label}: left out — failing too often lately (${Math.round(a.penaltyBps)} bps penalty, circuit open)`;
  if (a.exhausted) return `${a.label} alone: its book is too thin for ${formatAmount(view.amount)} ${view.base}`;
  const penalty = a.penaltyBps >= 0.05 ? ` (+${a.penaltyBps.toFixed(1)} bps for latency and errors)` : '';
  return `${a.label} alone: ${formatMoney(dec(a.total.toFixed(8)), view.quote)} at ~${formatPrice(dec(a.avgPrice!.toFixed(8)), view.priceDecimals)}, fee ${(Number(a.fee / a.cost) * 100).toFixed(2)}%${penalty}`;
}
