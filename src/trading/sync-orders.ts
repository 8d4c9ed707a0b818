import { dec, floorToStep, minDec, type Decimal } from '../shared/decimal.js';
import { AppError, userMessageOf } from '../shared/errors.js';
import type { MarketDirectory } from '../market/market-directory.js';
import { executedResult, fillBooker, updateFromExchange } from './book-fills.js';
import { orderNotifications, settledNotification } from './events.js';
import { isRefusal, lookUp, type ExecDeps } from './execution.js';
import type { AppliedUpdate, OrderUpdate } from './ports.js';
import type { Account, ExecutionResult, TrackedOrder } from './types.js';

export interface SyncDeps extends ExecDeps {
  markets: MarketDirectory;
}

export interface SyncOptions {
  /** How long a 'submitting' order is left to whoever is placing it (another instance, say). */
  submittingGraceMs?: number;
  limit?: number;
  /** Client order ids this process is placing right now: never settled from here. */
  inFlight?: ReadonlySet<string>;
  /**
   * When this process started (epoch ms): an order journaled before then was sent, if at all, by
   * a process that was gone by then, so no later than this.
   */
  startedAt?: number;
}

/** An order whose state moved, for telling its owner (and editing its preview). */
export interface OrderChange extends AppliedUpdate {
  /** Set when this settled a confirmation that was left 'executing'. */
  settledConfirmation?: { id: string; result: ExecutionResult };
  triggered?: boolean;
}

/**
 * One pass over every order that can still change: reads each from the exchange by its
 * client order id and journals what it says (fills missed while down, cancels done by
 * hand), settles orders a crash left 'submitting', and fires the stops Parley watches.
 * Idempotent and safe to run in several instances at once.
 */
export async function syncOrders(deps: SyncDeps, options: SyncOptions = {}): Promise<OrderChange[]> {
  const grace = options.submittingGraceMs ?? 30_000;
  const inFlight = options.inFlight ?? new Set<string>();
  const active = await deps.orders.active(options.limit ?? 500);
  const accounts = new Map<number, Account | null>();
  const changes: OrderChange[] = [];
  for (const order of active) {
    try {
      if (!accounts.has(order.accountId)) accounts.set(order.accountId, await deps.accounts.getAccount(order.accountId));
      const account = accounts.get(order.accountId);
      if (!account) continue;
      const change = await syncOne(deps, account, order, { grace, inFlight, startedAt: options.startedAt ?? 0 });
      if (change?.changed) changes.push(change);
    } catch (error) {
      deps.logger.warn({ orderId: order.id, err: error }, 'order sync failed; next pass retries');
    }
  }
  return changes;
}

async function syncOne(deps: SyncDeps, account: Account, order: TrackedOrder, pass: { grace: number; inFlight: ReadonlySet<string>; startedAt: number }): Promise<OrderChange | null> {
  const { grace, inFlight } = pass;
  const watched = (order.type === 'stop_loss' || order.type === 'take_profit') && !order.triggerNative;
  if (watched && order.status === 'open') return checkTrigger(deps, account, order);
  // A confirm or trigger in flight elsewhere owns a fresh 'submitting' order: leave it a moment.
  // One still running in this process owns it however long the exchange takes: its request may
  // not have arrived yet, so "not found" would not mean "never placed".
  if (order.status === 'submitting' && (inFlight.has(order.clientOrderId) || deps.clock.now() - order.updatedAt.getTime() < grace)) return null;

  const exchange = deps.exchangeFor(account);
  const found = await lookUp(deps, exchange, order.symbol, order.clientOrderId);
  if (found === 'unknown') return null;
  if (found === null) {
    if (order.status !== 'submitting') return null; // an open order the exchange no longer shows: reconciliation reports it
    // A request sent just before a crash may still be on its way, held up somewhere: the exchange
    // can take it until its acceptance window has passed. Until then "not found" is not final.
    const lastSend = Math.max(order.updatedAt.getTime(), pass.startedAt);
    if (deps.clock.now() < lastSend + (exchange.settleMs ?? 0)) return null;
    // Never reached the exchange: a watched stop goes back to watching, anything else failed.
    if (watched) return apply(deps, order, { status: 'open', detail: { rearmed: true } });
    return apply(deps, order, { status: 'rejected', error: 'The order was interrupted before it reached the exchange. Nothing was executed.' }, { settleConfirmation: true });
  }
  return apply(deps, order, updateFromExchange(found), { settleConfirmation: order.status === 'submitting' });
}

async function checkTrigger(deps: SyncDeps, account: Account, order: TrackedOrder): Promise<OrderChange | null> {
  // The exchange's own last trade price decides, as a native stop on that exchange would.
  const exchange = deps.exchangeFor(account);
  const ticker = await exchange.ticker(order.symbol);
  const trigger = dec(order.triggerPrice ?? '0');
  const last = dec(ticker.last);
  const reached = order.type === 'stop_loss' ? last.lte(trigger) : last.gte(trigger);
  if (!reached || !(await deps.orders.claimTrigger(order.clientOrderId))) return null;

  const market = await deps.markets.get(order.symbol);
  const free = (await exchange.fetchBalance()).get(market.base)?.free ?? dec(0);
  // Sell what is left of the holding, never more than the stop was set for.
  const amount: Decimal = floorToStep(minDec(dec(order.amount), free), market.amountStep);
  if (amount.lte(0) || amount.lt(market.minAmount)) {
    return apply(deps, order, { status: 'cancelled', error: `Nothing left to sell: you hold ${free.toFixed()} ${market.base}.` }, { triggered: true });
  }
  try {
    const placed = await exchange.createOrder({ clientOrderId: order.clientOrderId, symbol: order.symbol, side: 'sell', type: 'market', amount });
    return apply(deps, order, updateFromExchange(placed), { triggered: true });
  } catch (error) {
    if (isRefusal(error)) return apply(deps, order, { status: 'rejected', error: userMessageOf(error) }, { triggered: true });
    // Unclear: it stays 'submitting' and the next pass looks it up by client order id.
    deps.logger.warn({ orderId: order.id, err: error }, 'triggered order outcome unclear; will look it up');
    return null;
  }
}


/**
 * Journals what an order now is and, in the same transaction, what to tell about it: its
 * confirmation's final state when a crash left it 'executing' (the preview is edited), else the
 * fill, trigger, cancel or rejection that happened without the user looking.
 */
async function apply(deps: SyncDeps, order: TrackedOrder, update: OrderUpdate, options: { settleConfirmation?: boolean; triggered?: boolean } = {}): Promise<OrderChange> {
  const applyFill = await fillBooker(deps.marketData, order.symbol);
  // The order's own market (the exchange it is on) said how its prices are shown; else the app's list.
  const priceDecimals =
    order.priceDecimals ??
    (await deps.markets.get(order.symbol).then(
      (m) => Math.max(0, m.priceTick.decimalPlaces()),
      () => undefined,
    ));
  // Reported only when this pass's conditional update settled the confirmation: two passes over the
  // same crashed order both compute a result, but only one of them settles (and tells) it.
  let computed: OrderChange['settledConfirmation'];
  let settled: OrderChange['settledConfirmation'];
  const applied = await deps.orders.apply(order.clientOrderId, update, {
    applyFill,
    ...(options.settleConfirmation
      ? {
          finish: (after) => {
            const result: ExecutionResult =
              after.status === 'rejected' ? { ok: false, code: 'order.not_placed', message: after.error ?? new AppError('order.not_placed', 'Not placed.').userMessage } : executedResult(after);
            computed = { id: order.clientOrderId, result };
            return { confirmationId: order.clientOrderId, status: result.ok ? 'executed' : 'failed', result };
          },
        }
      : {}),
    notify: (change, confirmation) => {
      if (confirmation) settled = computed;
      return confirmation ? [settledNotification(confirmation, deps.clock.now())] : orderNotifications(change, { triggered: options.triggered === true, ...(priceDecimals !== undefined ? { priceDecimals } : {}) });
    },
  });
  return { ...applied, ...(settled ? { settledConfirmation: settled, changed: true } : {}), ...(options.triggered ? { triggered: true } : {}) };
}
