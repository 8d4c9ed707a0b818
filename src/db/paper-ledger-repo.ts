import { and, eq, inArray } from 'drizzle-orm';
import type { ExchangeOrder, ExchangeOrderStatus, ExchangeOrderType, OrderSide } from '../exchange/exchange-port.js';
import type { LedgerBalance, PaperLedger } from '../exchange/paper-ledger.js';
import { ZERO } from '../shared/decimal.js';
import type { Db } from './client.js';
import { toDec, toDecOrNull, toNumeric } from './numeric.js';
import { paperBalances, paperOrders } from './schema.js';

type OrderRow = typeof paperOrders.$inferSelect;

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

export class PaperLedgerRepo implements PaperLedger {
  constructor(private readonly db: Db) {}

  async balances(accountId: number): Promise<Map<string, LedgerBalance>> {
    const rows = await this.db.select().from(paperBalances).where(eq(paperBalances.accountId, accountId));
    return new Map(rows.map((r) => [r.asset, { free: toDec(r.free), locked: toDec(r.locked) }]));
  }

  async execute(
    accountId: number,
    clientOrderId: string,
    decide: Parameters<PaperLedger['execute']>[2],
  ): Promise<{ order: ExchangeOrder; existed: boolean }> {
    return this.db.transaction(async (tx) => {
      // Lock the account's balances first: two orders of one account are matched one at a
      // time, so the duplicate check below cannot race another insert of the same id.
      const rows = await tx.select().from(paperBalances).where(eq(paperBalances.accountId, accountId)).for('update');
      const [existing] = await tx
        .select()
        .from(paperOrders)
        .where(and(eq(paperOrders.accountId, accountId), eq(paperOrders.clientOrderId, clientOrderId)))
        .limit(1);
      if (existing) return { order: toOrder(existing), existed: true };

      const balances = new Map(rows.map((r) => [r.asset, { free: toDec(r.free), locked: toDec(r.locked) }]));
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
          createdAt: new Date(order.timestamp),
          updatedAt: new Date(order.timestamp),
        })
        .returning();

      for (const delta of deltas) {
        const current = balances.get(delta.asset) ?? { free: ZERO, locked: ZERO };
        const free = current.free.plus(delta.free);
        const locked = current.locked.plus(delta.locked ?? ZERO);
        if (free.isNegative() || locked.isNegative()) throw new Error(`paper ledger would go negative on ${delta.asset}`);
        await tx
          .insert(paperBalances)
          .values({ accountId, asset: delta.asset, free: toNumeric(free), locked: toNumeric(locked) })
          .onConflictDoUpdate({ target: [paperBalances.accountId, paperBalances.asset], set: { free: toNumeric(free), locked: toNumeric(locked) } });
        balances.set(delta.asset, { free, locked });
      }
      return { order: toOrder(inserted!), existed: false };
    });
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
    const id = /^P(\d{1,15})$/.exec(orderId)?.[1];
    if (!id) return null;
    const [row] = await this.db
      .select()
      .from(paperOrders)
      .where(and(eq(paperOrders.accountId, accountId), eq(paperOrders.id, Number(id))))
      .limit(1);
    return row ? toOrder(row) : null;
  }

  async openOrders(accountId: number, symbol?: string): Promise<ExchangeOrder[]> {
    const conditions = [eq(paperOrders.accountId, accountId), inArray(paperOrders.status, ['open'])];
    if (symbol) conditions.push(eq(paperOrders.symbol, symbol));
    const rows = await this.db.select().from(paperOrders).where(and(...conditions));
    return rows.map(toOrder);
  }
}
