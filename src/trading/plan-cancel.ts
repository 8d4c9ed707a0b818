import type { OrderStore } from './ports.js';
import type { CancelPlan, CancelRequest, RiskCheck, TrackedOrder } from './types.js';
import { stripTracking } from './book-fills.js';
import { isTerminal } from './order-status.js';

/**
 * Which of the user's orders a cancel request means — only ever their own, and only on the
 * account they trade with now: the preview names that account, and a "cancel all" said on paper
 * must never reach a live exchange (nor a live one touch the paper account).
 */
export async function planCancel(orders: OrderStore, userId: number, request: CancelRequest, exchange: { accountId: number; name: string; paper: boolean }): Promise<CancelPlan> {
  let targets: TrackedOrder[] = [];
  let problem: string | null = null;
  if (request.target === 'one') {
    const found = request.orderRef ? await orders.findForUser(userId, request.orderRef) : null;
    if (!found) problem = `I can’t find order ${request.orderRef ?? ''} among your orders. Say “my orders” to see them.`;
    else if (found.accountId !== exchange.accountId) problem = `Order #${found.id} is on another of your accounts: switch to it with /accounts to cancel it there.`;
    else if (isTerminal(found.status)) problem = `Order #${found.id} is already ${found.status.replace('_', ' ')}.`;
    else targets = [found];
  } else {
    const active = await orders.forUser(userId, { accountId: exchange.accountId, activeOnly: true, ...(request.symbol ? { symbol: request.symbol } : {}), limit: request.target === 'last' ? 1 : 100 });
    targets = active;
    if (active.length === 0) problem = request.symbol ? `You have no open ${request.symbol} orders.` : 'You have no open orders.';
  }
  const check: RiskCheck = problem ? { name: 'orders', ok: false, message: problem } : { name: 'orders', ok: true, message: `${targets.length} open order${targets.length === 1 ? '' : 's'}` };
  return { exchange: exchange.name, paper: exchange.paper, orders: targets.map(stripTracking), checks: [check] };
}
