import { AppError, userMessageOf } from '../shared/errors.js';
import type { ExchangeOrder, ExchangePort } from './exchange-port.js';
import { executedResult, fillBooker, journalEntry, requestFor, updateFromExchange } from './book-fills.js';
import { SETTLED_EDIT_GRACE_MS, settledNotification } from './events.js';
import { executeCancel } from './execute-cancel.js';
import { exchangeForPlan, isRefusal, lookUp, type ConfirmOutcome, type ExecDeps } from './execution.js';
import type { ClaimOutcome, OrderStore } from './ports.js';
import { blockedAtConfirmation } from './risk-gate.js';
import type { Account, Confirmation, ExecutionResult, OrderConfirmation } from './types.js';

export type { ConfirmOutcome, ExecDeps } from './execution.js';

/**
 * Wins the claim and journals the order in one transaction: the confirmation becomes
 * 'executing' and its order 'submitting' before anything is sent. Only one press, in one
 * instance, can ever get here for an id.
 */
export function claimConfirmation(deps: ExecDeps, userId: number, confirmationId: string): Promise<ClaimOutcome> {
  return deps.confirmations.claim(confirmationId, userId, new Date(deps.clock.now()), journalEntry);
}

export async function confirmAndExecute(deps: ExecDeps, userId: number, confirmationId: string): Promise<ConfirmOutcome> {
  const claim = await claimConfirmation(deps, userId, confirmationId);
  if (claim.outcome !== 'claimed') return claim;
  return executeClaimed(deps, claim.confirmation);
}

/** Sends a claimed confirmation to the exchange and journals what it answered. */
export async function executeClaimed(deps: ExecDeps, confirmation: Confirmation): Promise<ConfirmOutcome> {
  if (confirmation.kind === 'cancel') return executeCancel(deps, confirmation);
  const account = await deps.accounts.getAccount(confirmation.accountId);
  if (!account) return reject(deps, confirmation, new AppError('account.missing', 'That account no longer exists. Nothing was executed.'));
  const { plan } = confirmation;
  const exchange = exchangeForPlan(deps, account, plan);
  const refusal = await recheckRisk(deps, confirmation, account, exchange);
  if (refusal) return reject(deps, confirmation, refusal);

  if ((plan.type === 'stop_loss' || plan.type === 'take_profit') && !plan.nativeTrigger) {
    // Parley holds this trigger: armed now, sent as a market order when the price gets there.
    return settle(deps, confirmation, { status: 'open' });
  }
  let order: ExchangeOrder;
  try {
    order = await exchange.createOrder(requestFor(plan, confirmation.id));
  } catch (error) {
    if (isRefusal(error)) return reject(deps, confirmation, error);
    deps.logger.warn({ confirmationId: confirmation.id, err: error }, 'order outcome unclear, looking it up by client order id');
    const found = await lookUp(deps, exchange, plan.symbol, confirmation.id);
    if (found === 'unknown') return { outcome: 'unresolved', confirmation };
    if (found === null) return reject(deps, confirmation, new AppError('order.not_placed', 'The exchange did not take the order. Nothing was executed; please try again.'));
    order = found;
  }
  return settle(deps, confirmation, updateFromExchange(order));
}

/**
 * The rules again, as the order is confirmed: the portfolio may have changed since the preview.
 * Stops and take-profits that sell only take risk away and are not judged again. When the
 * limits cannot be checked, nothing is sent (a guard that is down does not wave orders through).
 */
async function recheckRisk(deps: ExecDeps, confirmation: OrderConfirmation, account: Account, exchange: ExchangePort): Promise<AppError | null> {
  const { plan } = confirmation;
  if (!deps.gate || (plan.side === 'sell' && (plan.type === 'stop_loss' || plan.type === 'take_profit'))) return null;
  try {
    const book = await exchange.orderBook(plan.symbol).catch(() => null);
    const assessment = await deps.gate.assess({ userId: confirmation.userId, account }, plan, exchange, { book, excludeOrder: confirmation.id });
    return blockedAtConfirmation(assessment.evaluation, (plan.confirmTwice?.length ?? 0) > 0);
  } catch (error) {
    deps.logger.warn({ confirmationId: confirmation.id, err: error }, 'risk limits could not be checked at confirmation; nothing sent');
    return new AppError('risk.unavailable', `Your risk limits could not be checked just now (${userMessageOf(error)}), so nothing was sent. Please try again in a moment.`);
  }
}

async function settle(deps: ExecDeps, confirmation: OrderConfirmation, update: Parameters<OrderStore['apply']>[1]): Promise<ConfirmOutcome> {
  try {
    const applyFill = await fillBooker(deps.marketData, confirmation.plan.symbol);
    let result: Extract<ExecutionResult, { ok: true }> | undefined;
    await deps.orders.apply(confirmation.id, update, {
      applyFill,
      finish: (order) => {
        result = executedResult(order);
        return { confirmationId: confirmation.id, status: 'executed', result };
      },
      notify: (_applied, settled) => (settled ? [settledNotification(settled, deps.clock.now(), { graceMs: SETTLED_EDIT_GRACE_MS })] : []),
    });
    return { outcome: 'executed', confirmation: { ...confirmation, status: 'executed', result: result! }, result: result! };
  } catch (error) {
    // The exchange has the order; the sync job books it from the journal entry ('submitting').
    deps.logger.error({ confirmationId: confirmation.id, err: error }, 'order placed but not booked yet; the sync job will book it');
    return { outcome: 'unresolved', confirmation };
  }
}

async function reject(deps: ExecDeps, confirmation: OrderConfirmation, error: AppError): Promise<ConfirmOutcome> {
  const result = { ok: false as const, code: error.code, message: userMessageOf(error) };
  await deps.orders.apply(confirmation.id, { status: 'rejected', error: result.message }, {
    applyFill: (positions) => positions,
    finish: () => ({ confirmationId: confirmation.id, status: 'failed', result }),
    notify: (_applied, settled) => (settled ? [settledNotification(settled, deps.clock.now(), { graceMs: SETTLED_EDIT_GRACE_MS })] : []),
  });
  return { outcome: 'failed', confirmation: { ...confirmation, status: 'failed', result }, result };
}
