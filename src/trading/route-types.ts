import type { VenueHealth } from '../market/venue-health.js';
import type { RoutePlan } from '../routing/choose-route.js';
import type { ExchangePort } from './exchange-port.js';
import type { Account, OrderPlan, OrderSnapshot } from './types.js';

/** A venue the user can trade on: its account, its exchange (requests measured), how it has been answering. */
export interface RouteVenue {
  id: string;
  label: string;
  account: Account;
  exchange: ExchangePort;
  health: VenueHealth | null;
}

/** The venues of a user: paper venues for a paper account, the connected accounts for a live one. Implemented in exchange/. */
export interface VenueDirectory {
  venuesFor(who: { userId: number; account: Account }): Promise<RouteVenue[]>;
  /** The exchange of one venue of an account: where a leg naming that venue is sent. */
  venueFor(account: Account, venue: string): ExchangePort;
}

/** What the preview shows of a route: the plan, each leg priced in decimals, and what each venue alone would cost. */
export interface RouteView {
  plan: RoutePlan;
  legs: OrderPlan[];
  /** "0.6 BTC on Binance at ~56,800, 0.4 on Kraken at ~56,810; saves 9.40 USDT vs Binance alone". */
  headline: string;
  /** One line per venue: what it would cost alone, or why it was left out. */
  venues: string[];
  /** The saving against the best single venue in the quote currency (decimal string), when there is one. */
  saving: string | null;
}


export interface RouteLegOutcome {
  confirmationId: string;
  venue: string;
  outcome: 'executed' | 'failed' | 'unresolved' | 'not_found' | 'not_owner' | 'expired' | 'already' | 'confirm_twice';
  order: OrderSnapshot | null;
  /** Why a leg failed, or that its outcome is still being looked up. */
  message: string | null;
}

export interface RouteFill {
  legs: RouteLegOutcome[];
  /** What the route was for (the legs' amounts together). */
  amount: string;
  filled: string;
  cost: string;
  fee: string;
  average: string | null;
  /** Every leg executed and filled in full. */
  complete: boolean;
}

