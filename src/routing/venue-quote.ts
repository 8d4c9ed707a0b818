import type { VenueHealth } from '../market/venue-health.js';
import type { BookLevel, OrderBook } from '../market/types.js';

/*
 * One venue's offer for a pair, as the router scores it (issue 16, item 1): its book normalised to
 * one quote currency, its taker fee, how fast it has been answering (a rolling p50/p99 of its own
 * requests, from VenueStats) and how reliably (error and timeout rate, circuit state).
 * Plain numbers: quotes are for scoring, not for money (see choose-route.ts for why).
 */

export interface VenueQuote {
  /** Stable id ('binance', 'kraken', …): what a leg is sent to. */
  venue: string;
  /** Shown to the user ('Kraken', 'Kraken (paper)'). */
  label: string;
  /** Best (lowest) first, prices in the common quote currency. */
  asks: readonly BookLevel[];
  /** Best (highest) first, prices in the common quote currency. */
  bids: readonly BookLevel[];
  /** Taker fee as a rate (0.001 = 0.1 %), charged on the quote amount. */
  takerFee: number;
  /** Null when no request in the window got an answer (no penalty is guessed). */
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  /** Errors and timeouts over requests, 0…1. */
  errorRate: number;
  timeoutRate: number;
  /** An open circuit: the venue is failing too often to send anything to; the router leaves it out. */
  circuitOpen: boolean;
  /** The market's order rules on this venue (base amounts; minCost in the quote currency). */
  amountStep: number;
  minAmount: number;
  minCost: number;
}

/** When the circuit of a venue is open: at least `minRequests` in the window and an error rate at or over `errorRate`. */
export interface CircuitRule {
  minRequests: number;
  errorRate: number;
}

export const DEFAULT_CIRCUIT: CircuitRule = { minRequests: 5, errorRate: 0.5 };

export function circuitOpen(health: VenueHealth | null, rule: CircuitRule = DEFAULT_CIRCUIT): boolean {
  return health !== null && health.requests >= rule.minRequests && health.errorRate >= rule.errorRate;
}

export interface QuoteSource {
  venue: string;
  label: string;
  book: OrderBook;
  takerFee: number;
  health: VenueHealth | null;
  rules: { amountStep: number; minAmount: number; minCost: number };
  /**
   * The venue's quote currency in the common one: 1 for the same currency, e.g. 1.0002 when a
   * venue quotes in USD and the common currency is USDT at 0.9998 USD. Prices and minCost are
   * multiplied by it.
   */
  quoteRate?: number;
}

/** A venue's book, fees and health as one VenueQuote in the common quote currency. */
export function venueQuote(source: QuoteSource, circuit: CircuitRule = DEFAULT_CIRCUIT): VenueQuote {
  const rate = source.quoteRate ?? 1;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new Error(`the quote rate of ${source.venue} must be a positive number, got ${rate}`);
  const scale = (levels: readonly BookLevel[]): BookLevel[] => (rate === 1 ? [...levels] : levels.map(([p, a]) => [p * rate, a] as const));
  const h = source.health;
  return {
    venue: source.venue,
    label: source.label,
    asks: scale(source.book.asks),
    bids: scale(source.book.bids),
    takerFee: source.takerFee,
    latencyP50Ms: h?.p50Ms ?? null,
    latencyP99Ms: h?.p99Ms ?? null,
    errorRate: h?.errorRate ?? 0,
    timeoutRate: h?.timeoutRate ?? 0,
    circuitOpen: circuitOpen(h, circuit),
    amountStep: source.rules.amountStep,
    minAmount: source.rules.minAmount,
    minCost: source.rules.minCost * rate,
  };
}
