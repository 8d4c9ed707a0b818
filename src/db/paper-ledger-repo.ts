import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { ExchangeOrder, ExchangeOrderStatus, ExchangeOrderType, OrderSide } from '../trading/exchange-port.js';
import type { BalanceDelta, LedgerBalance, OrderDecider, PaperLedger, PaperOrderRecord } from '../exchange/paper-ledger.js';
import { ZERO, type Decimal } from '../shared/decimal.js';
import type { Db } from './client.js';
import { GroupCommit } from './group-commit.js';
import { toDec, toDecOrNull, toNumeric } from './numeric.js';
import { paperBalances, paperOrders } from './schema.js';

type OrderRow = typeof paperOrders.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const toOrder = (row: OrderRow): ExchangeOrder => {
  const filled = toDec(row.filled);
  const cost = toDec(row.cost);
  return {
    id: `P${row.id}`,
    clientOrderId: row.clientOrderId,
    symbol: row.symbol,
    side: row.side as OrderSide,
    type: row.type as ExchangeOrderType,
    status: row.status as ExchangeOrderStatus,
    amount: toDec(row.amount),
    price: toDecOrNull(row.price),
    filled,
    cost,
    average: filled.gt(0) ? cost.div(filled) : null,
    fee: { cost: toDec(row.fee), currency: row.feeCurrency ?? '' },
    timestamp: row.createdAt.getTime(),
  };
};

const toRecord = (row: OrderRow): PaperOrderRecord => ({
  ...toOrder(row),
  accountId: row.accountId,
  locked: toDec(row.locked),
  updatedAt: row.updatedAt.getTime(),
});

/** 'P123' → 123; anything else is not one of ours. */
const rowId = (orderId: string): number | null => {
  const id = /^P(\d{1,15})$/.exec(orderId)?.[1];
  return id ? Number(id) : null;
};

const isUniqueViolation = (error: unknown): boolean => {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === '23505') return true;
  }
  return false;
};

export class PaperLedgerRepo implements PaperLedger {
  private readonly reads: GroupCommit<number, Map<string, LedgerBalance>>;

  constructor(
    private readonly db: Db,
    options: { parallel?: number } = {},
  ) {
    // Every preview reads its account's balances: many previews, one query (see GroupCommit).
    this.reads = new GroupCommit(async (accountIds) => {
      const rows = await this.db.select().from(paperBalances).where(inArray(paperBalances.accountId, [...new Set(accountIds)]));
      const byAccount = new Map<number, Array<(typeof rows)[number]>>();
      for (const r of rows) byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r]);
      return accountIds.map((id) => new Map((byAccount.get(id) ?? []).map((r) => [r.asset, { free: toDec(r.free), locked: toDec(r.locked) }])));
    }, options);
  }

  balances(accountId: number): Promise<Map<string, LedgerBalance>> {
    return this.reads.run(accountId);
  }

  /** Adds to an account's free balance (funding a paper account; tests). */
  async credit(accountId: number, asset: string, amount: Decimal): Promise<void> {
    await this.db.transaction((tx) => applyDeltas(tx, accountId, [{ asset, free: amount }]));
  }

  async execute(
    accountId: number,
    clientOrderId: string,
    decide: Parameters<PaperLedger['execute']>[2],
  ): Promise<{ order: ExchangeOrder; existed: boolean }> {
    try {
      return await this.db.transaction(async (tx) => {
        // Lock the account's balances first: two orders of one account are matched one at a
        // time, so the duplicate check below cannot race another insert of the same id.
        const balances = await lockBalances(tx, accountId);
        const [existing] = await tx
          .select()
          .from(paperOrders)
          .where(and(eq(paperOrders.accountId, accountId), eq(paperOrders.clientOrderId, clientOrderId)))
          .limit(1);
        if (existing) return { order: toOrder(existing), existed: true };

        const { order, deltas } = decide(balances);
        const [inserted] = await tx
          .insert(paperOrders)
          .values({
            accountId,
            clientOrderId,
            symbol: order.symbol,
            side: order.side,
            type: order.type,
            status: order.status,
            amount: toNumeric(order.amount),
            price: order.price ? toNumeric(order.price) : null,
            filled: toNumeric(order.filled),
            cost: toNumeric(order.cost),
            fee: toNumeric(order.fee.cost),
            feeCurrency: order.fee.currency,
            locked: toNumeric(order.locked ?? ZERO),
            createdAt: new Date(order.timestamp),
            updatedAt: new Date(order.timestamp),
          })
          .returning();
        await applyDeltas(tx, accountId, deltas);
        return { order: toOrder(inserted!), existed: false };
      });
    } catch (error) {
      // An account with no balance rows has nothing to lock: a racing twin may insert first.
      if (!isUniqueViolation(error)) throw error;
      const order = await this.findByClientId(accountId, clientOrderId);
      if (!order) throw error;
      return { order, existed: true };
    }
  }

  async update(
    accountId: number,
    orderId: string,
    decide: OrderDecider,
    options: { skipLocked?: boolean } = {},
  ): Promise<{ order: PaperOrderRecord; changed: boolean } | null> {
    const id = rowId(orderId);
    if (id === null) return null;
    return this.db.transaction(async (tx) => {
      // The order first, then its account's balances: every writer that holds an order row
      // takes the balances after it, and `execute` never waits on an existing order row.
      const [row] = await tx
        .select()
        .from(paperOrders)
        .where(and(eq(paperOrders.accountId, accountId), eq(paperOrders.id, id)))
        .for('update', options.skipLocked ? { skipLocked: true } : {});
      if (!row) return null;
      const balances = await lockBalances(tx, accountId);
      const current = toRecord(row);
      const decision = decide(current, balances);
      if (!decision) return { order: current, changed: false };

      const { change } = decision;
      const [updated] = await tx
        .update(paperOrders)
        .set({
          ...(change.status && { status: change.status }),
          ...(change.filled && { filled: toNumeric(change.filled) }),
          ...(change.cost && { cost: toNumeric(change.cost) }),
          ...(change.fee && { fee: toNumeric(change.fee) }),
          ...(change.locked && { locked: toNumeric(change.locked) }),
          updatedAt: new Date(change.updatedAt),
        })
        .where(eq(paperOrders.id, id))
        .returning();
      await applyDeltas(tx, accountId, decision.deltas);
      return { order: toRecord(updated!), changed: true };
    });
  }

  async restingOrders(page: { afterId?: string; limit: number }): Promise<PaperOrderRecord[]> {
    const after = page.afterId === undefined ? 0 : (rowId(page.afterId) ?? 0);
    const rows = await this.db
      .select()
      .from(paperOrders)
      .where(and(eq(paperOrders.status, 'open'), eq(paperOrders.type, 'limit'), gt(paperOrders.id, after)))
      .orderBy(asc(paperOrders.id))
      .limit(page.limit);
    return rows.map(toRecord);
  }

  async findByClientId(accountId: number, clientOrderId: string): Promise<ExchangeOrder | null> {
    const [row] = await this.db
      .select()
      .from(paperOrders)
      .where(and(eq(paperOrders.accountId, accountId), eq(paperOrders.clientOrderId, clientOrderId)))
      .limit(1);
    return row ? toOrder(row) : null;
  }

  async findById(accountId: number, orderId: string): Promise<ExchangeOrder | null> {
    const id = rowId(orderId);
    if (id === null) return null;
    const [row] = await this.db
      .select()
      .from(paperOrders)
      .where(and(eq(paperOrders.accountId, accountId), eq(paperOrders.id, id)))
      .limit(1);
    return row ? toOrder(row) : null;
  }

  async openOrders(accountId: number, symbol?: string): Promise<ExchangeOrder[]> {
    const conditions = [eq(paperOrders.accountId, accountId), eq(paperOrders.status, 'open')];
    if (symbol) conditions.push(eq(paperOrders.symbol, symbol));
    const rows = await this.db.select().from(paperOrders).where(and(...conditions)).orderBy(asc(paperOrders.id));
    return rows.map(toOrder);
  }
}

/** In asset order, so two transactions of one account never lock its rows in opposite orders. */
async function lockBalances(tx: Tx, accountId: number): Promise<Map<string, LedgerBalance>> {
  const rows = await tx.select().from(paperBalances).where(eq(paperBalances.accountId, accountId)).orderBy(asc(paperBalances.asset)).for('update');
  return new Map(rows.map((r) => [r.asset, { free: toDec(r.free), locked: toDec(r.locked) }]));
}

/**
 * Increments in SQL, not values computed from what the decider read: a row another
 * transaction inserted after our snapshot (a first BTC credit) would otherwise be overwritten.
 * A result below zero throws, which rolls the whole transaction back.
 */
async function applyDeltas(tx: Tx, accountId: number, deltas: readonly BalanceDelta[]): Promise<void> {
  for (const delta of deltas) {
    const locked = delta.locked ?? ZERO;
    if (delta.free.isZero() && locked.isZero()) continue;
    const [row] = await tx
      .insert(paperBalances)
      .values({ accountId, asset: delta.asset, free: toNumeric(delta.free), locked: toNumeric(locked) })
      .onConflictDoUpdate({
        target: [paperBalances.accountId, paperBalances.asset],
        set: { free: sql`"paper_balances"."free" + excluded."free"`, locked: sql`"paper_balances"."locked" + excluded."locked"` },
      })
      .returning();
    if (toDec(row!.free).isNegative() || toDec(row!.locked).isNegative()) throw new Error(`paper ledger would go negative on ${delta.asset}`);
  }
}
