import { dec, floorToStep, type Decimal } from '../shared/decimal.js';
import { AppError } from '../shared/errors.js';
import type { BookLevel } from '../market/types.js';
import type { VenueQuote } from './venue-quote.js';

/*
 * The router (issue 16, item 2): for an order, the plan with the best expected all-in price after
 * fees and slippage, with latency and reliability as penalties — one venue, or a split across
 * venues when that is better than the best single venue by more than a stated threshold.
 *
 * Every level of every venue has an all-in unit price: its price with the venue's taker fee and
 * its penalty (a buy pays price × (1 + fee) × (1 + penalty); a sell gets price × (1 − fee) ×
 * (1 − penalty)). Within one venue the levels are already in order, and the factor is the same for
 * all of them, so each venue's marginal all-in price only gets worse as more is taken: the cost is
 * convex, and taking the best marginal unit across venues, level by level (a k-way merge), is the
 * cheapest split there is. Minimum leg sizes (the market's minimum amount and cost) break that
 * convexity: a leg under the minimum drops its venue and the rest is split again.
 *
 * Floats here, on purpose: this is scoring on the hot path (the bench runs it tens of thousands of
 * times a second), and a relative error of 1e-15 cannot flip a choice between venues that differ
 * by basis points. Money is not decided here: the leg amounts are rounded to each venue's amount
 * step with decimals, and the preview prices and the exchanges fill each leg in Decimal
 * (walkBook), so what the user pays never went through a float sum.
 */

export type RouteSide = 'buy' | 'sell';

export interface RoutePenalties {
  /** Basis points added to a venue's all-in price per 100 ms of its p99 latency (its p50 when no p99). */
  bpsPer100Ms: number;
  /** Basis points per percentage point of its recent error-and-timeout rate. */
  bpsPerErrorPct: number;
}

/** A split is chosen over the best single venue only when it saves at least both of these. */
export interface SplitThreshold {
  minSavingBps: number;
  /** In the quote currency. */
  minSavingQuote: number;
}

export const DEFAULT_PENALTIES: RoutePenalties = { bpsPer100Ms: 0.5, bpsPerErrorPct: 1 };
export const DEFAULT_THRESHOLD: SplitThreshold = { minSavingBps: 5, minSavingQuote: 1 };

export type RouteOrder = { side: RouteSide; amount: number; quoteAmount?: undefined } | { side: RouteSide; quoteAmount: number; amount?: undefined };

export interface RouteOptions {
  penalties?: RoutePenalties;
  threshold?: SplitThreshold;
}

/** What one venue would do with the whole order alone. */
export interface VenueAlone {
  venue: string;
  label: string;
  /** Base amount it can fill (the whole order unless `exhausted`). */
  filled: number;
  avgPrice: number | null;
  /** Quote paid (buy) or received (sell) before the fee. */
  cost: number;
  fee: number;
  /** What the user pays (buy: cost + fee) or gets (sell: cost − fee). */
  total: number;
  /** `total` with the venue's latency and reliability penalty: what the router compares. */
  allIn: number;
  penaltyBps: number;
  /** Its book cannot fill the whole order. */
  exhausted: boolean;
  /** Left out of the routing: its circuit is open. */
  excluded: 'circuit_open' | null;
}

export interface RouteLeg {
  venue: string;
  label: string;
  /** Rounded to the venue's amount step (decimal string). */
  amount: string;
  avgPrice: number;
  cost: number;
  fee: number;
  total: number;
  penaltyBps: number;
}

export type RouteReason =
  /** One venue: no split saves enough (or none is possible). */
  | 'single_best'
  /** A split saves more than the threshold. */
  | 'split_pays'
  /** No venue alone can fill the order; the split can. */
  | 'only_split_fills';

export interface RoutePlan {
  side: RouteSide;
  /** The base amount routed (from a quote amount, what the best split buys or sells for it). */
  amount: string;
  legs: RouteLeg[];
  split: boolean;
  reason: RouteReason;
  /** Sum of the legs' totals. */
  total: number;
  allIn: number;
  avgPrice: number;
  /** Every venue, alone (the best first). */
  alone: VenueAlone[];
  /** The best venue that can fill the whole order alone; null when none can. */
  bestSingle: VenueAlone | null;
  /** What the plan saves against `bestSingle`, in quote (positive: cheaper buy / more for a sell) and in bps of its total. */
  savingQuote: number;
  savingBps: number;
  /** What a split would have saved, when one was priced but not chosen (below the threshold). */
  splitSavingBps: number | null;
}

export class RouteError extends AppError {}

export function penaltyBps(quote: VenueQuote, penalties: RoutePenalties): number {
  const latency = quote.latencyP99Ms ?? quote.latencyP50Ms ?? 0;
  return (penalties.bpsPer100Ms * latency) / 100 + penalties.bpsPerErrorPct * quote.errorRate * 100;
}

/** The factor a venue's book prices are multiplied by to get its all-in unit price (and the one without penalty). */
function factors(quote: VenueQuote, side: RouteSide, penalty: number): { real: number; allIn: number } {
  const real = side === 'buy' ? 1 + quote.takerFee : 1 - quote.takerFee;
  return { real, allIn: side === 'buy' ? real * (1 + penalty / 10_000) : real * (1 - penalty / 10_000) };
}

function levelsOf(quote: VenueQuote, side: RouteSide): readonly BookLevel[] {
  return side === 'buy' ? quote.asks : quote.bids;
}

/** One venue alone, walking its book for `amount`. */
export function aloneOn(quote: VenueQuote, side: RouteSide, amount: number, penalties: RoutePenalties): VenueAlone {
  const penalty = penaltyBps(quote, penalties);
  const f = factors(quote, side, penalty);
  const walk = walkFloat(levelsOf(quote, side), amount);
  const fee = walk.cost * quote.takerFee;
  const total = side === 'buy' ? walk.cost + fee : walk.cost - fee;
  return {
    venue: quote.venue,
    label: quote.label,
    filled: walk.filled,
    avgPrice: walk.filled > 0 ? walk.cost / walk.filled : null,
    cost: walk.cost,
    fee,
    total,
    allIn: walk.cost * f.allIn,
    penaltyBps: penalty,
    exhausted: walk.exhausted,
    excluded: quote.circuitOpen ? 'circuit_open' : null,
  };
}

/** Base amount and quote cost of taking `amount` from the best levels (floats: scoring only). */
export function walkFloat(levels: readonly BookLevel[], amount: number): { filled: number; cost: number; exhausted: boolean } {
  let left = amount;
  let cost = 0;
  for (let i = 0; i < levels.length && left > 0; i++) {
    const [price, size] = levels[i]!;
    if (!(size > 0) || !(price > 0)) continue;
    const take = size < left ? size : left;
    cost += take * price;
    left -= take;
  }
  // Float crumbs under a billionth of the amount are not a shortfall.
  const exhausted = left > amount * 1e-12;
  return { filled: exhausted ? amount - left : amount, cost, exhausted };
}

/**
 * The cheapest split of `amount` over `quotes` (each venue's levels taken in all-in order across
 * venues): how much each venue gets. Returns null when the venues together cannot fill it.
 * Exported for the bench; `chooseRoute` is what callers want.
 */
export function greedySplit(quotes: readonly VenueQuote[], side: RouteSide, amount: number, penalties: RoutePenalties): number[] | null {
  const n = quotes.length;
  const taken = new Array<number>(n).fill(0);
  const at = new Array<number>(n).fill(0);
  const factor = quotes.map((q) => factors(q, side, penaltyBps(q, penalties)).allIn);
  const books = quotes.map((q) => levelsOf(q, side));
  const used = new Array<number>(n).fill(0); // taken from the current level
  let left = amount;
  const better = side === 'buy' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
  while (left > amount * 1e-12) {
    let best = -1;
    let bestScore = 0;
    for (let v = 0; v < n; v++) {
      const levels = books[v]!;
      while (at[v]! < levels.length && !(levels[at[v]!]![1] - used[v]! > 0 && levels[at[v]!]![0] > 0)) {
        at[v]!++;
        used[v] = 0;
      }
      if (at[v]! >= levels.length) continue;
      const score = levels[at[v]!]![0] * factor[v]!;
      if (best < 0 || better(score, bestScore)) {
        best = v;
        bestScore = score;
      }
    }
    if (best < 0) return null;
    const level = books[best]![at[best]!]!;
    const available = level[1] - used[best]!;
    const take = available < left ? available : left;
    taken[best]! += take;
    left -= take;
    if (take >= available) {
      at[best]!++;
      used[best] = 0;
    } else {
      used[best]! += take;
    }
  }
  return taken;
}

/** Base amount a quote budget buys (fee included) or a quote target sells for, on the best merged levels. */
function amountForQuote(quotes: readonly VenueQuote[], side: RouteSide, quoteAmount: number, penalties: RoutePenalties): number {
  // Take levels in all-in order until the budget is spent (real money: price × (1 ± fee)).
  const all: Array<{ score: number; price: number; size: number; real: number }> = [];
  for (const q of quotes) {
    const f = factors(q, side, penaltyBps(q, penalties));
    for (const [price, size] of levelsOf(q, side)) if (price > 0 && size > 0) all.push({ score: price * f.allIn, price, size, real: side === 'buy' ? price * f.real : price });
  }
  all.sort((a, b) => (side === 'buy' ? a.score - b.score : b.score - a.score));
  let left = quoteAmount;
  let amount = 0;
  for (const level of all) {
    if (left <= 0) break;
    const take = Math.min(level.size, left / level.real);
    amount += take;
    left -= take * level.real;
  }
  if (left > quoteAmount * 1e-9) throw new RouteError('route.too_thin', 'The order books of every venue together are too thin for that amount right now.');
  return amount;
}

/**
 * The plan for an order over the venues' quotes. Throws RouteError on bad input (a non-positive
 * amount, no venues, every circuit open) or when no venue and no split can fill it.
 */
export function chooseRoute(order: RouteOrder, quotes: readonly VenueQuote[], options: RouteOptions = {}): RoutePlan {
  const penalties = options.penalties ?? DEFAULT_PENALTIES;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (order.side !== 'buy' && order.side !== 'sell') throw new RouteError('route.bad_side', 'An order is a buy or a sell.');
  const wanted = order.amount ?? order.quoteAmount;
  if (typeof wanted !== 'number' || !Number.isFinite(wanted) || wanted <= 0) throw new RouteError('route.bad_amount', 'The amount must be a positive number.');
  if (quotes.length === 0) throw new RouteError('route.no_venues', 'There is no venue to trade this pair on.');
  if (new Set(quotes.map((q) => q.venue)).size !== quotes.length) throw new RouteError('route.duplicate_venue', 'Each venue can be quoted only once.');
  const open = quotes.filter((q) => !q.circuitOpen);
  if (open.length === 0) throw new RouteError('route.no_venue_available', 'Every venue for this pair is failing too often right now; nothing would be sent.');

  const rawAmount = order.amount ?? amountForQuote(open, order.side, order.quoteAmount!, penalties);
  // The order's amount on the finest step among the venues (the user is told when it was rounded).
  const finest = Math.min(...open.map((q) => (q.amountStep > 0 ? q.amountStep : Infinity)));
  const amountDec = Number.isFinite(finest) ? floorToStep(dec(rawAmount), finest) : dec(rawAmount);
  const amount = amountDec.toNumber();
  if (amount <= 0) throw new RouteError('route.bad_amount', 'The amount is below the smallest step these venues trade in.');

  const better = order.side === 'buy' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
  const alone = quotes.map((q) => aloneOn(q, order.side, amount, penalties)).sort((a, b) => rankAlone(a, b, better));
  const bestSingle = alone.find((a) => !a.exhausted && a.excluded === null && fitsRules(quotes.find((q) => q.venue === a.venue)!, amount, a.cost)) ?? null;

  const split = splitWithMinimums(open, order.side, amountDec, penalties);
  const splitPlan = split && split.length > 1 ? priced(split, order.side, penalties) : null;

  let legs: RouteLeg[];
  let reason: RouteReason;
  let splitSavingBps: number | null = null;
  if (bestSingle && splitPlan) {
    const saving = order.side === 'buy' ? bestSingle.allIn - splitPlan.allIn : splitPlan.allIn - bestSingle.allIn;
    splitSavingBps = (saving / bestSingle.total) * 10_000;
    const pays = splitSavingBps >= threshold.minSavingBps && saving >= threshold.minSavingQuote;
    legs = pays ? splitPlan.legs : [legOf(bestSingle, amountDec)];
    reason = pays ? 'split_pays' : 'single_best';
  } else if (bestSingle) {
    legs = [legOf(bestSingle, amountDec)];
    reason = 'single_best';
  } else if (splitPlan) {
    legs = splitPlan.legs;
    reason = 'only_split_fills';
  } else {
    throw new RouteError('route.too_thin', 'The order books of every venue together are too thin for that amount right now.');
  }
  const total = legs.reduce((s, l) => s + l.total, 0);
  const allIn = legs.reduce((s, l) => s + l.total * (order.side === 'buy' ? 1 + l.penaltyBps / 10_000 : 1 - l.penaltyBps / 10_000), 0);
  const cost = legs.reduce((s, l) => s + l.cost, 0);
  const savingQuote = bestSingle ? (order.side === 'buy' ? bestSingle.total - total : total - bestSingle.total) : 0;
  return {
    side: order.side,
    amount: amountDec.toFixed(),
    legs,
    split: legs.length > 1,
    reason,
    total,
    allIn,
    avgPrice: cost / amount,
    alone,
    bestSingle,
    savingQuote,
    savingBps: bestSingle ? (savingQuote / bestSingle.total) * 10_000 : 0,
    splitSavingBps: reason === 'split_pays' ? null : splitSavingBps,
  };
}

function rankAlone(a: VenueAlone, b: VenueAlone, better: (a: number, b: number) => boolean): number {
  // Venues that can take the order first, then by all-in price.
  const rank = (x: VenueAlone) => (x.excluded ? 2 : x.exhausted ? 1 : 0);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  return better(a.allIn, b.allIn) ? -1 : better(b.allIn, a.allIn) ? 1 : 0;
}

function fitsRules(quote: VenueQuote, amount: number, cost: number): boolean {
  return amount >= quote.minAmount && cost >= quote.minCost;
}

function legOf(a: VenueAlone, amount: Decimal): RouteLeg {
  return { venue: a.venue, label: a.label, amount: amount.toFixed(), avgPrice: a.avgPrice ?? 0, cost: a.cost, fee: a.fee, total: a.total, penaltyBps: a.penaltyBps };
}

/**
 * The cheapest split with every leg on its venue's step and at or over its minimums: legs too
 * small drop their venue and the rest is split again. Null when the venues cannot fill it.
 */
function splitWithMinimums(quotes: readonly VenueQuote[], side: RouteSide, amount: Decimal, penalties: RoutePenalties): Array<{ quote: VenueQuote; amount: Decimal }> | null {
  let venues = [...quotes];
  const total = amount.toNumber();
  while (venues.length > 0) {
    const taken = greedySplit(venues, side, total, penalties);
    if (!taken) return null;
    let legs = venues.map((quote, i) => ({ quote, amount: floorToStep(dec(taken[i]!), quote.amountStep) })).filter((l) => l.amount.gt(0));
    // Rounding down leaves a remainder under one step per leg: it goes to the leg whose step takes it.
    const rest = amount.minus(legs.reduce((s, l) => s.plus(l.amount), dec(0)));
    if (rest.gt(0)) {
      const home = legs.find((l) => floorToStep(rest, l.quote.amountStep).eq(rest)) ?? null;
      if (!home) legs = [];
      else home.amount = home.amount.plus(rest);
    }
    if (legs.length === 0) return null;
    const small = legs.filter((l) => !fitsRules(l.quote, l.amount.toNumber(), walkFloat(levelsOf(l.quote, side), l.amount.toNumber()).cost));
    if (small.length === 0) return legs;
    // Drop the smallest leg's venue and split again.
    const smallest = small.reduce((a, b) => (a.amount.lt(b.amount) ? a : b));
    venues = venues.filter((q) => q !== smallest.quote);
  }
  return null;
}

function priced(split: Array<{ quote: VenueQuote; amount: Decimal }>, side: RouteSide, penalties: RoutePenalties): { legs: RouteLeg[]; allIn: number } {
  let allIn = 0;
  const legs = split.map(({ quote, amount }) => {
    const a = aloneOn(quote, side, amount.toNumber(), penalties);
    allIn += a.allIn;
    return legOf(a, amount);
  });
  return { legs, allIn };
}
