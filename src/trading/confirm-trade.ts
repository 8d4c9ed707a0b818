import type { Clock } from '../shared/clock.js';
import { dec, decString, type Decimal } from '../shared/decimal.js';
import { AppError, userMessageOf } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ExchangeOrder } from '../exchange/exchange-port.js';
import type { MarketDataPort } from '../market/types.js';
import { applyTrade, CASH_ASSET } from './position-accounting.js';
import type { ClaimOutcome, ConfirmationStore, ExchangeResolver, TradeStore, UserStore } from './ports.js';
import type { Confirmation, ExecutionResult } from './types.js';

export interface ConfirmDeps {
  users: UserStore;
  confirmations: ConfirmationStore;
  trades: TradeStore;
  exchangeFor: ExchangeResolver;
  marketData: MarketDataPort;
  clock: Clock;
  logger: Logger;
}

export type ConfirmOutcome =
  | Exclude<ClaimOutcome, { outcome: 'claimed' }>
  | { outcome: 'executed'; confirmation: Confirmation; result: Extract<ExecutionResult, { ok: true }> }
  | { outcome: 'failed'; confirmation: Confirmation; result: Extract<ExecutionResult, { ok: false }> }
  /** The exchange's answer was lost; the order is being looked up, never resent. */
  | { outcome: 'unresolved'; confirmation: Confirmation };

/**
 * Executes a confirmation exactly once. The database claim decides which press wins;
 * the confirmation id travels to the exchange as the client order id, so an unclear
 * outcome (timeout, reset) is settled by looking the order up, never by sending it again.
 */
export async function confirmTrade(deps: ConfirmDeps, userId: number, confirmationId: string): Promise<ConfirmOutcome> {
  const claim = await deps.confirmations.claim(confirmationId, userId, new Date(deps.clock.now()));
  if (claim.outcome !== 'claimed') return claim;
  return executeClaimed(deps, claim.confirmation);
}

/** Sends a claimed confirmation to the exchange and records the fill. Call only after winning the claim. */
export async function executeClaimed(deps: ConfirmDeps, confirmation: Confirmation): Promise<ConfirmOutcome> {
  const { plan } = confirmation;
  const account = await deps.users.getAccount(confirmation.accountId);
  if (!account) return fail(deps, confirmation, new AppError('account.missing', 'That account no longer exists. Nothing was executed.'));
  const exchange = deps.exchangeFor(account);
  let order: ExchangeOrder | null;
  try {
    order = await exchange.createOrder({ clientOrderId: confirmation.id, symbol: plan.symbol, side: plan.side, type: plan.type, amount: dec(plan.amount) });
  } catch (error) {
    if (error instanceof AppError && error.code !== 'exchange.temporary' && error.code !== 'exchange.rate_limited') {
      // A clear refusal (funds, rules, symbol): nothing was placed.
      return fail(deps, confirmation, error);
    }
    deps.logger.warn({ confirmationId: confirmation.id, err: error }, 'order outcome unclear, looking it up by client order id');
    const found = await lookUp(deps, exchange, confirmation);
    if (found === 'unknown') return { outcome: 'unresolved', confirmation };
    if (found === null) return fail(deps, confirmation, new AppError('order.not_placed', 'The exchange did not take the order. Nothing was executed; please try again.'));
    order = found;
  }
  return recordOrDefer(deps, confirmation, order);
}

/** The exchange took the order: if recording it fails now, the stuck-confirmation sweep records it later. */
async function recordOrDefer(deps: ConfirmDeps, confirmation: Confirmation, order: ExchangeOrder): Promise<ConfirmOutcome> {
  try {
    return await record(deps, confirmation, order);
  } catch (error) {
    deps.logger.error({ confirmationId: confirmation.id, err: error }, 'order placed but not recorded yet; the recovery sweep will record it');
    return { outcome: 'unresolved', confirmation };
  }
}

/** Settles a confirmation left 'executing' (the app stopped mid-way): used at start-up and periodically. */
export async function resolveStuckConfirmation(deps: ConfirmDeps, confirmation: Confirmation): Promise<ConfirmOutcome> {
  const account = await deps.users.getAccount(confirmation.accountId);
  if (!account) return fail(deps, confirmation, new AppError('account.missing', 'That account no longer exists. Nothing was executed.'));
  const found = await lookUp(deps, deps.exchangeFor(account), confirmation);
  if (found === 'unknown') return { outcome: 'unresolved', confirmation };
  if (found === null) return fail(deps, confirmation, new AppError('order.not_placed', 'The order was interrupted before it reached the exchange. Nothing was executed.'));
  return recordOrDefer(deps, confirmation, found);
}

async function lookUp(deps: ConfirmDeps, exchange: ReturnType<ExchangeResolver>, confirmation: Confirmation): Promise<ExchangeOrder | null | 'unknown'> {
  try {
    return await exchange.fetchOrderByClientId(confirmation.plan.symbol, confirmation.id);
  } catch (error) {
    deps.logger.warn({ confirmationId: confirmation.id, err: error }, 'order lookup failed; will retry');
    return 'unknown';
  }
}

async function record(deps: ConfirmDeps, confirmation: Confirmation, order: ExchangeOrder): Promise<ConfirmOutcome> {
  const { plan } = confirmation;
  const quoteUsdt = await usdtValueOf(deps.marketData, plan.quote);
  const buy = order.side === 'buy';
  const quoteNet = buy ? order.cost.plus(order.fee.cost) : order.cost.minus(order.fee.cost);
  const result: Extract<ExecutionResult, { ok: true }> = {
    ok: true,
    orderId: order.id,
    filled: decString(order.filled),
    average: decString(order.average ?? dec(plan.estAveragePrice)),
    cost: decString(order.cost),
    fee: decString(order.fee.cost),
    feeCurrency: order.fee.currency,
    status: order.status === 'closed' ? 'filled' : order.status,
  };
  await deps.trades.recordExecution({
    confirmationId: confirmation.id,
    userId: confirmation.userId,
    accountId: confirmation.accountId,
    order,
    result,
    applyToPositions: (positions) =>
      applyTrade(positions, { base: plan.base, quote: plan.quote, side: order.side, amount: order.filled, quoteNet, quoteUsdt }),
  });
  return { outcome: 'executed', confirmation: { ...confirmation, status: 'executed', result }, result };
}

async function fail(deps: ConfirmDeps, confirmation: Confirmation, error: AppError): Promise<ConfirmOutcome> {
  const result = { ok: false as const, code: error.code, message: userMessageOf(error) };
  await deps.confirmations.fail(confirmation.id, result);
  return { outcome: 'failed', confirmation: { ...confirmation, status: 'failed', result }, result };
}

async function usdtValueOf(marketData: MarketDataPort, asset: string): Promise<Decimal> {
  if (asset === CASH_ASSET) return dec(1);
  const ticker = await marketData.ticker(`${asset}/${CASH_ASSET}`);
  return dec(ticker.last);
}
