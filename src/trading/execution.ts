import type { Clock } from '../shared/clock.js';
import { AppError, TemporaryError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ExchangeOrder, ExchangePort } from './exchange-port.js';
import type { MarketDataPort } from '../market/types.js';
import type { AccountLookup, ClaimOutcome, ConfirmationStore, ExchangeResolver, OrderStore } from './ports.js';
import type { RiskGate } from './risk-gate.js';
import type { RouteFill } from './route-types.js';
import type { Account, Confirmation, ExecutionResult, OrderConfirmation, RiskNote } from './types.js';

/** What executing confirmations needs, and what it can come to. */
export interface ExecDeps {
  accounts: AccountLookup;
  confirmations: ConfirmationStore;
  orders: OrderStore;
  exchangeFor: ExchangeResolver;
  marketData: MarketDataPort;
  clock: Clock;
  logger: Logger;
  /** The user's risk limits, checked again as the order is confirmed. */
  gate?: RiskGate | undefined;
  /** The exchange of one venue of an account (a plan with a `venue` goes there). */
  venueFor?: ((account: Account, venue: string) => ExchangePort) | undefined;
}

/** Where a plan is sent: its venue when it names one, else the account's exchange. */
export function exchangeForPlan(deps: Pick<ExecDeps, 'exchangeFor' | 'venueFor'>, account: Account, plan: { venue?: string }): ExchangePort {
  return plan.venue && deps.venueFor ? deps.venueFor(account, plan.venue) : deps.exchangeFor(account);
}

export type ConfirmOutcome =
  | Exclude<ClaimOutcome, { outcome: 'claimed' }>
  | { outcome: 'executed'; confirmation: Confirmation; result: Extract<ExecutionResult, { ok: true }>; route?: RouteFill }
  | { outcome: 'failed'; confirmation: Confirmation; result: Extract<ExecutionResult, { ok: false }>; route?: RouteFill }
  /** The exchange's answer was lost; the order is being looked up, never resent. */
  | { outcome: 'unresolved'; confirmation: Confirmation; route?: RouteFill }
  /** Nothing claimed: the risk rules want this order confirmed a second time, explicitly (a fat finger). */
  | { outcome: 'confirm_twice'; confirmation: OrderConfirmation; reasons: RiskNote[] };

/** A clear refusal (funds, rules, symbol, a pause after a rate limit): nothing was placed. */
export function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && !(error instanceof TemporaryError);
}

export async function lookUp(deps: Pick<ExecDeps, 'logger'>, exchange: ExchangePort, symbol: string, clientOrderId: string): Promise<ExchangeOrder | null | 'unknown'> {
  try {
    return await exchange.fetchOrderByClientId(symbol, clientOrderId);
  } catch (error) {
    deps.logger.warn({ clientOrderId, err: error }, 'order lookup failed; the sync job will retry');
    return 'unknown';
  }
}

