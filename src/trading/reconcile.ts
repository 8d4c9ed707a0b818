import { dec, ZERO, type Decimal } from '../shared/decimal.js';
import { NotFound } from '../shared/errors.js';
import type { NewNotification } from '../notifications/notification.js';
import type { ExchangeOrder } from './exchange-port.js';
import { fillBooker, updateFromExchange } from './book-fills.js';
import { balanceDriftNotification, foreignOrderNotification } from './events.js';
import { adjustHolding, CASH_ASSET } from './position-accounting.js';
import type { SyncDeps } from './sync-orders.js';
import type { Account, TrackedOrder } from './types.js';

/** Orders found on an exchange that Parley did not place, and the owner's decision about them. */
export interface ForeignOrderStore {
  /** True the first time this order is reported (it is reported once); the notification is written with it. */
  report(accountId: number, exchangeOrderId: string, symbol: string, detail: Record<string, unknown>, notification: NewNotification): Promise<boolean>;
  /** reported → adopted | ignored; null when already decided (a second press). */
  decide(accountId: number, exchangeOrderId: string, decision: 'adopted' | 'ignored'): Promise<{ symbol: string } | null>;
}

export interface JournalAdoption {
  /** Journals an order placed outside Parley, as the exchange describes it. */
  adopt(account: Account, order: ExchangeOrder): Promise<TrackedOrder>;
}

/** The outbox, for news that is a change of its own (a drift, said once per value by its key). */
export interface NotificationPublisher {
  /** Stores the notifications whose keys are new; resolves with how many were. */
  publish(notifications: readonly NewNotification[]): Promise<number>;
}

export interface ReconcileDeps extends SyncDeps {
  foreign: ForeignOrderStore;
  adoption: JournalAdoption;
  outbox: NotificationPublisher;
}

export interface ForeignOrderReport {
  account: Account;
  order: ExchangeOrder;
}

export interface BalanceDrift {
  account: Account;
  asset: string;
  onExchange: string;
  inParley: string;
}

/**
 * Compares a live account's exchange with Parley's books: open orders Parley did not place
 * (placed by hand, or by another tool) are reported once for the owner to adopt or ignore;
 * balances that differ from the positions Parley tracks are reported too (once per value).
 * The reports go to the outbox; what is returned is what this pass found new. Paper accounts
 * have no outside hands and are skipped. Fills Parley missed are booked by `syncOrders`.
 */
export async function reconcileAccount(deps: ReconcileDeps, account: Account): Promise<{ foreign: ForeignOrderReport[]; drift: BalanceDrift[] }> {
  if (account.mode === 'paper') return { foreign: [], drift: [] };
  const exchange = deps.exchangeFor(account);
  const journal = () => deps.orders.forUser(account.userId, { accountId: account.id, activeOnly: true, limit: 500 });
  // One read after the other, in this order, so that anything landing between two reads (a fill,
  // an order Parley is placing) errs towards saying nothing: Parley's books, the exchange's
  // balances, its open orders, then the journal again.
  const [before, positions] = await Promise.all([journal(), deps.orders.positions(account.id)]);
  const balances = await exchange.fetchBalance();
  const open = await exchange.fetchOpenOrders();
  const ownOrders = [...before, ...(await journal())];
  const ours = new Set(ownOrders.flatMap((o) => [o.clientOrderId, o.exchangeOrderId ?? '']));
  const foreign: ForeignOrderReport[] = [];
  for (const order of open) {
    if (ours.has(order.clientOrderId) || ours.has(order.id)) continue;
    const detail = { side: order.side, type: order.type, amount: order.amount.toFixed(), price: order.price?.toFixed() ?? null, clientOrderId: order.clientOrderId };
    const notification = foreignOrderNotification(account, { id: order.id, symbol: order.symbol, side: order.side, type: order.type, amount: detail.amount, price: detail.price });
    if (await deps.foreign.report(account.id, order.id, order.symbol, detail, notification)) foreign.push({ account, order });
  }
  const tracked = new Map(positions.map((p) => [p.asset, p.amount]));
  const unbooked = assetsNotBookedYet(ownOrders, open);
  const drift: BalanceDrift[] = [];
  for (const [asset, entry] of balances) {
    if (asset === 'USDT' || unbooked.has(asset)) continue;
    const mine = tracked.get(asset) ?? ZERO;
    // Dust below a millionth is noise (fees in base, rounding) — not worth a message.
    if (entry.total.minus(mine).abs().gt(entry.total.mul('0.000001').plus('0.00000001'))) {
      const found = { account, asset, onExchange: entry.total.toFixed(), inParley: mine.toFixed() };
      if ((await deps.outbox.publish([balanceDriftNotification(found)])) > 0) drift.push(found);
    }
  }
  return { foreign, drift };
}

/**
 * Assets of the account's own orders whose latest state the journal has not caught up with: still
 * being placed, or no longer open on the exchange (filled or cancelled there), or filled further
 * than booked. Their balances already moved on the exchange and `syncOrders` books the move within
 * seconds — comparing them now would report Parley's own fills as changes made outside Parley.
 */
function assetsNotBookedYet(journal: TrackedOrder[], open: ExchangeOrder[]): Set<string> {
  const onExchange = new Map(open.flatMap((o) => [[o.clientOrderId, o] as const, [o.id, o] as const]));
  const assets = new Set<string>();
  for (const order of journal) {
    // Parley's own watched triggers hold nothing on the exchange until they fire (then they are 'submitting').
    if ((order.type === 'stop_loss' || order.type === 'take_profit') && !order.triggerNative && order.status === 'open') continue;
    const there = onExchange.get(order.clientOrderId) ?? (order.exchangeOrderId ? onExchange.get(order.exchangeOrderId) : undefined);
    if (order.status === 'submitting' || !there || !there.filled.eq(dec(order.filled))) for (const asset of order.symbol.split('/')) assets.add(asset);
  }
  return assets;
}

/** The owner's answer to a foreign-order report. Adopting journals it, so fills are tracked from now on. */
export async function decideForeignOrder(deps: ReconcileDeps, account: Account, exchangeOrderId: string, decision: 'adopted' | 'ignored'): Promise<TrackedOrder | 'ignored' | 'already'> {
  const decided = await deps.foreign.decide(account.id, exchangeOrderId, decision);
  if (!decided) return 'already';
  if (decision === 'ignored') return 'ignored';
  const exchange = deps.exchangeFor(account);
  const order = await exchange.fetchOrder(decided.symbol, exchangeOrderId).catch((error: unknown) => {
    throw error instanceof NotFound ? new NotFound(`Order ${exchangeOrderId}`, 'That order is no longer on the exchange.') : error;
  });
  const adopted = await deps.adoption.adopt(account, order);
  // Fills it had before adoption were not Parley's doing, but they are the account's: book them.
  const { order: after } = await deps.orders.apply(adopted.clientOrderId, updateFromExchange(order), { applyFill: await fillBooker(deps.marketData, order.symbol) });
  return after;
}

/** The owner's "adopt" for a balance changed outside Parley: the books follow the exchange. */
export async function adoptBalance(deps: ReconcileDeps, account: Account, asset: string): Promise<Decimal> {
  const exchange = deps.exchangeFor(account);
  const total = (await exchange.fetchBalance()).get(asset)?.total ?? ZERO;
  const price = await exchange.ticker(`${asset}/${CASH_ASSET}`).then(
    (t) => dec(t.last),
    () => ZERO,
  );
  await deps.orders.updatePositions(account.id, (positions) => adjustHolding(positions, asset, total, price));
  return total;
}
