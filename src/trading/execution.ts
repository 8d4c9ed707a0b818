import type { Clock } from '../shared/clock.js';
import { AppError, TemporaryError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ExchangeOrder, ExchangePort } from './exchange-port.js';
import type { MarketDataPort } from '../market/types.js';
import type { AccountLookup, ClaimOutcome, ConfirmationStore, ExchangeResolver, OrderStore } from './ports.js';
import type { RiskGate } from './risk-gate.js';
import type { Confirmation, ExecutionResult, OrderConfirmation, RiskNote } from './types.js';

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
}

export type ConfirmOutcome =
  | Exclude<ClaimOutcome, { outcome: 'claimed' }>
  | { outcome: 'executed'; confirmation: Confirmation; result: Extract<ExecutionResult, { ok: true }> }
  | { outcome: 'failed'; confirmation: Confirmation; result: Extract<ExecutionResult, { ok: false }> }
  /** The exchange's answer was lost; the order is being looked up, never resent. */
  | { outcome: 'unresolved'; confirmation: Confirmation }
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

