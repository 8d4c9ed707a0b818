import { AppError, NotFound, userMessageOf } from '../shared/errors.js';
import { fillBooker, stripTracking, updateFromExchange } from './book-fills.js';
import { SETTLED_EDIT_GRACE_MS, settledNotification } from './events.js';
import { isRefusal, lookUp, type ConfirmOutcome, type ExecDeps } from './execution.js';
import { isTerminal } from './order-status.js';
import type { CancelConfirmation, ExecutionResult, OrderSnapshot } from './types.js';

/**
 * Cancels the orders a confirmed cancel named. Each is re-read first (it may have filled
 * since the preview); triggers Parley holds are disarmed locally, the rest are cancelled on
 * the exchange and the journal records whatever the exchange says they ended as.
 */
export async function executeCancel(deps: ExecDeps, confirmation: CancelConfirmation): Promise<ConfirmOutcome> {
  const account = await deps.accounts.getAccount(confirmation.accountId);
  const cancelled: OrderSnapshot[] = [];
  const failed: Array<{ id: number; message: string }> = [];
  for (const planned of confirmation.plan.orders) {
    try {
      const current = await deps.orders.byClientId(planned.clientOrderId);
      if (!current || !account) throw new NotFound(`Order #${planned.id}`);
      // Cancelled where it lives: the plan only names orders of the confirming account.
      if (current.accountId !== account.id) throw new AppError('order.other_account', `Order #${current.id} is on another of your accounts; nothing was sent.`);
      if (isTerminal(current.status)) throw new AppError('order.settled', `Order #${current.id} is already ${current.status.replace('_', ' ')}.`);
      if (current.status === 'submitting') throw new AppError('order.in_flight', `Order #${current.id} is still being placed; try again in a moment.`);
      const applyFill = await fillBooker(deps.marketData, current.symbol);
      if ((current.type === 'stop_loss' || current.type === 'take_profit') && !current.triggerNative) {
        const { order } = await deps.orders.apply(current.clientOrderId, { status: 'cancelled' }, { applyFill });
        cancelled.push(stripTracking(order));
        continue;
      }
      const exchange = deps.exchangeFor(account);
      try {
        const result = await exchange.cancelOrder(current.symbol, current.exchangeOrderId ?? current.clientOrderId);
        const { order } = await deps.orders.apply(current.clientOrderId, updateFromExchange(result), { applyFill });
        if (order.status === 'cancelled') cancelled.push(stripTracking(order));
        else failed.push({ id: order.id, message: `Order #${order.id} is ${order.status.replace('_', ' ')}.` });
      } catch (error) {
        // Already filled or gone on the exchange: record what it really is, and say so.
        if (!isRefusal(error)) throw error;
        const found = await lookUp(deps, exchange, current.symbol, current.clientOrderId);
        if (found && found !== 'unknown') await deps.orders.apply(current.clientOrderId, updateFromExchange(found), { applyFill });
        throw error;
      }
    } catch (error) {
      deps.logger.warn({ orderId: planned.id, err: error }, 'cancel failed');
      failed.push({ id: planned.id, message: userMessageOf(error) });
    }
  }
  const result: Extract<ExecutionResult, { ok: true }> = { ok: true, kind: 'cancel', cancelled, failed };
  await deps.confirmations.finish(confirmation.id, 'executed', result, (settled) => [settledNotification(settled, deps.clock.now(), { graceMs: SETTLED_EDIT_GRACE_MS })]);
  return { outcome: 'executed', confirmation: { ...confirmation, status: 'executed', result }, result };
}
