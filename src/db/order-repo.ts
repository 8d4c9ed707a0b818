import { and, asc, count, desc, eq, gt, inArray, or, type SQL } from 'drizzle-orm';
import { decString, ZERO, type Decimal } from '../shared/decimal.js';
import type { AppliedUpdate, ApplyOptions, FillDelta, OrderFilter, OrderStore, OrderUpdate } from '../trading/ports.js';
import { fillGrowth, nextStatus } from '../trading/order-status.js';
import type { ExchangeOrder, OrderSide } from '../trading/exchange-port.js';
import type { JournalAdoption } from '../trading/reconcile.js';
import { ACTIVE_STATUSES, type Account, type OrderStatus, type OrderType, type Position, type TrackedOrder } from '../trading/types.js';
import type { NewNotification } from '../notifications/notification.js';
import type { Confirmation } from '../trading/types.js';
import type { Db } from './client.js';
import { toConfirmation } from './confirmation-repo.js';
import { insertNotifications } from './notification-rows.js';
import { toDec, toNumeric } from './numeric.js';
import { confirmations, orderEvents, orders, positions } from './schema.js';

type Row = typeof orders.$inferSelect;

export function toTrackedOrder(row: Row): TrackedOrder {
  const filled = toDec(row.filled);
  return {
    id: row.id,
    clientOrderId: row.clientOrderId,
    exchangeOrderId: row.exchangeOrderId,
    symbol: row.symbol,
    side: row.side as OrderSide,
    type: row.type as OrderType,
    status: row.status as OrderStatus,
    amount: decString(toDec(row.amount)),
    price: row.price === null ? null : decString(toDec(row.price)),
    triggerPrice: row.stopPrice === null ? null : decString(toDec(row.stopPrice)),
    triggerNative: row.triggerNative,
    filled: decString(filled),
    average: row.average === null ? null : decString(toDec(row.average)),
    cost: decString(toDec(row.cost)),
    fee: decString(toDec(row.fee)),
    feeCurrency: row.feeCurrency,
    error: row.error,
    priceDecimals: row.priceDecimals,
    userId: row.userId,
    accountId: row.accountId,
    updatedAt: row.updatedAt,
  };
}

export class OrderRepo implements OrderStore, JournalAdoption {
  /** `now` is the injected clock: the sync job compares these times with it. */
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async apply(clientOrderId: string, update: OrderUpdate, options: ApplyOptions): Promise<AppliedUpdate> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(orders).where(eq(orders.clientOrderId, clientOrderId)).for('update');
      if (!row) throw new Error(`no journaled order with client order id ${clientOrderId}`);
      const before = toTrackedOrder(row);
      const status = nextStatus(before.status, update.status);

      const bookedFilled = toDec(row.filled);
      const grew = update.filled ? fillGrowth(bookedFilled, update.filled) : ZERO;
      let fill: FillDelta | null = null;
      if (grew.gt(0)) {
        fill = {
          amount: grew,
          cost: fillGrowth(toDec(row.cost), update.cost ?? ZERO),
          fee: fillGrowth(toDec(row.fee), update.fee ?? ZERO),
          feeCurrency: update.feeCurrency ?? row.feeCurrency ?? '',
        };
      }
      const filled = bookedFilled.plus(grew);
      const cost = fill ? toDec(row.cost).plus(fill.cost) : toDec(row.cost);
      const fee = fill ? toDec(row.fee).plus(fill.fee) : toDec(row.fee);
      const changed = status !== before.status || fill !== null || (update.exchangeOrderId != null && update.exchangeOrderId !== row.exchangeOrderId);

      let after: Row = row;
      if (changed || update.error) {
        [after] = (await tx
          .update(orders)
          .set({
            status,
            filled: toNumeric(filled),
            cost: toNumeric(cost),
            fee: toNumeric(fee),
            average: filled.gt(0) ? toNumeric(cost.div(filled)) : row.average,
            feeCurrency: fill?.feeCurrency || row.feeCurrency,
            exchangeOrderId: update.exchangeOrderId ?? row.exchangeOrderId,
            error: update.error ?? row.error,
            updatedAt: this.now(),
          })
          .where(eq(orders.id, row.id))
          .returning()) as [Row];
        await tx.insert(orderEvents).values({
          orderId: row.id,
          status,
          detail: { from: before.status, ...(fill ? { filled: decString(fill.amount), cost: decString(fill.cost), fee: decString(fill.fee) } : {}), ...(update.error ? { error: update.error } : {}), ...update.detail },
        });
      }
      const order = toTrackedOrder(after);

      const realizedPnlUsdt = fill ? await this.rewritePositions(tx, row.accountId, (current) => options.applyFill(current, fill, order)) : null;

      const finish = options.finish?.(order);
      let settled: Confirmation | null = null;
      if (finish) {
        const [c] = await tx
          .update(confirmations)
          .set({ status: finish.status, result: finish.result })
          .where(and(eq(confirmations.id, finish.confirmationId), eq(confirmations.status, 'executing')))
          .returning();
        if (c) settled = toConfirmation(c);
      }
      const applied = { order, previousStatus: before.status, fill, changed, realizedPnlUsdt };
      if (options.notify) await insertNotifications(tx, options.notify(applied, settled), this.now());
      return applied;
    });
  }

  /** Journals an order placed outside Parley (reconciliation's "adopt"); its fills are booked by apply. */
  async adopt(account: Account, order: ExchangeOrder): Promise<TrackedOrder> {
    // A client order id must be unique in the journal: an outside one may be missing or reused.
    const clientOrderId = order.clientOrderId && !(await this.byClientId(order.clientOrderId)) ? order.clientOrderId : `adopted-${account.id}-${order.id}`;
    const now = this.now();
    const [row] = await this.db
      .insert(orders)
      .values({
        userId: account.userId,
        accountId: account.id,
        clientOrderId,
        exchangeOrderId: order.id,
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        status: 'open',
        amount: toNumeric(order.amount),
        price: order.price ? toNumeric(order.price) : null,
        stopPrice: order.triggerPrice ? toNumeric(order.triggerPrice) : null,
        triggerNative: order.type === 'stop_loss' || order.type === 'take_profit',
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: orders.clientOrderId })
      .returning();
    const adopted = row ?? (await this.db.select().from(orders).where(eq(orders.clientOrderId, clientOrderId)).limit(1))[0]!;
    if (row) await this.db.insert(orderEvents).values({ orderId: row.id, status: 'open', detail: { adopted: true, exchangeOrderId: order.id } });
    return toTrackedOrder(adopted);
  }

  async updatePositions(accountId: number, change: (positions: Position[]) => Position[]): Promise<void> {
    await this.db.transaction(async (tx) => void (await this.rewritePositions(tx, accountId, change)));
  }

  /** Positions locked, changed by a pure function, and only the rows that moved written back. Resolves with the realized P&L the change added. */
  private async rewritePositions(tx: Db, accountId: number, change: (positions: Position[]) => Position[]): Promise<Decimal> {
    const rows = await tx.select().from(positions).where(eq(positions.accountId, accountId)).for('update');
    const current: Position[] = rows.map((r) => ({ asset: r.asset, amount: toDec(r.amount), avgEntryUsdt: toDec(r.avgEntryUsdt), realizedPnlUsdt: toDec(r.realizedPnlUsdt) }));
    const old = new Map(current.map((p) => [p.asset, p]));
    const next = change(current);
    const realized = next.reduce((sum, p) => sum.plus(p.realizedPnlUsdt).minus(old.get(p.asset)?.realizedPnlUsdt ?? ZERO), ZERO);
    for (const p of next) {
      const o = old.get(p.asset);
      if (o && o.amount.eq(p.amount) && o.avgEntryUsdt.eq(p.avgEntryUsdt) && o.realizedPnlUsdt.eq(p.realizedPnlUsdt)) continue;
      const values = { amount: toNumeric(p.amount), avgEntryUsdt: toNumeric(p.avgEntryUsdt), realizedPnlUsdt: toNumeric(p.realizedPnlUsdt), updatedAt: this.now() };
      await tx.insert(positions).values({ accountId, asset: p.asset, ...values }).onConflictDoUpdate({ target: [positions.accountId, positions.asset], set: values });
    }
    return realized;
  }

  async resize(clientOrderId: string, amount: Decimal, notify: (order: TrackedOrder, from: string) => NewNotification[]): Promise<TrackedOrder | null> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(orders)
        .where(and(eq(orders.clientOrderId, clientOrderId), eq(orders.status, 'open'), eq(orders.triggerNative, false), inArray(orders.type, ['stop_loss', 'take_profit'])))
        .for('update');
      if (!row) return null;
      const from = decString(toDec(row.amount));
      const [after] = await tx.update(orders).set({ amount: toNumeric(amount), updatedAt: this.now() }).where(eq(orders.id, row.id)).returning();
      await tx.insert(orderEvents).values({ orderId: row.id, status: 'open', detail: { resized: { from, to: decString(amount) } } });
      const order = toTrackedOrder(after!);
      await insertNotifications(tx, notify(order, from), this.now());
      return order;
    });
  }

  async claimTrigger(clientOrderId: string): Promise<boolean> {
    const rows = await this.db
      .update(orders)
      .set({ status: 'submitting', updatedAt: this.now() })
      .where(and(eq(orders.clientOrderId, clientOrderId), eq(orders.status, 'open'), eq(orders.triggerNative, false), inArray(orders.type, ['stop_loss', 'take_profit'])))
      .returning({ id: orders.id });
    if (rows[0]) await this.db.insert(orderEvents).values({ orderId: rows[0].id, status: 'submitting', detail: { from: 'open', triggered: true } });
    return rows.length > 0;
  }

  async active(limit: number): Promise<TrackedOrder[]> {
    const rows = await this.db.select().from(orders).where(inArray(orders.status, [...ACTIVE_STATUSES])).orderBy(asc(orders.id)).limit(limit);
    return rows.map(toTrackedOrder);
  }

  async forUser(userId: number, filter: OrderFilter = {}): Promise<TrackedOrder[]> {
    const rows = await this.db
      .select()
      .from(orders)
      .where(and(...userOrderConditions(userId, filter)))
      .orderBy(desc(orders.id))
      .limit(Math.min(filter.limit ?? 50, 500))
      .offset(Math.max(0, filter.offset ?? 0));
    return rows.map(toTrackedOrder);
  }

  async countForUser(userId: number, filter: OrderFilter = {}): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(orders).where(and(...userOrderConditions(userId, filter)));
    return Number(row?.n ?? 0);
  }

  async findForUser(userId: number, ref: string): Promise<TrackedOrder | null> {
    const clean = ref.trim().replace(/^#/, '');
    if (!clean || clean.length > 64) return null;
    const byOwnId = /^\d{1,15}$/.test(clean) ? eq(orders.id, Number(clean)) : undefined;
    const match = or(...[byOwnId, eq(orders.exchangeOrderId, clean), eq(orders.clientOrderId, clean)].filter((c) => c !== undefined));
    const [row] = await this.db.select().from(orders).where(and(eq(orders.userId, userId), match)).orderBy(desc(orders.id)).limit(1);
    return row ? toTrackedOrder(row) : null;
  }

  async byClientId(clientOrderId: string): Promise<TrackedOrder | null> {
    const [row] = await this.db.select().from(orders).where(eq(orders.clientOrderId, clientOrderId)).limit(1);
    return row ? toTrackedOrder(row) : null;
  }

  async positions(accountId: number): Promise<Position[]> {
    const rows = await this.db.select().from(positions).where(eq(positions.accountId, accountId));
    return rows.map((r) => ({ asset: r.asset, amount: toDec(r.amount), avgEntryUsdt: toDec(r.avgEntryUsdt), realizedPnlUsdt: toDec(r.realizedPnlUsdt) }));
  }
}

function userOrderConditions(userId: number, filter: OrderFilter): SQL[] {
  const conditions = [eq(orders.userId, userId)];
  if (filter.accountId !== undefined) conditions.push(eq(orders.accountId, filter.accountId));
  if (filter.symbol) conditions.push(eq(orders.symbol, filter.symbol));
  if (filter.activeOnly) conditions.push(inArray(orders.status, [...ACTIVE_STATUSES]));
  if (filter.statuses && filter.statuses.length > 0) conditions.push(inArray(orders.status, [...filter.statuses]));
  if (filter.filledOnly) conditions.push(gt(orders.filled, '0'));
  return conditions;
}
