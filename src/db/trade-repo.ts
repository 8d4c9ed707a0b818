import { and, eq, inArray } from 'drizzle-orm';
import type { RecordExecution, TradeStore } from '../trading/ports.js';
import type { Position } from '../trading/types.js';
import type { Db } from './client.js';
import { toDec, toNumeric } from './numeric.js';
import { confirmations, orderEvents, orders, positions } from './schema.js';

/** Maps ccxt's order states onto Parley's own. */
export function parleyStatus(status: string, filled: string, amount: string): string {
  if (status === 'closed') return 'filled';
  if (status === 'canceled') return 'cancelled';
  if (status === 'open') return toDec(filled).gt(0) && toDec(filled).lt(toDec(amount)) ? 'partially_filled' : 'open';
  return status; // rejected | expired
}

export class TradeRepo implements TradeStore {
  constructor(private readonly db: Db) {}

  async recordExecution(input: RecordExecution): Promise<void> {
    const { order } = input;
    await this.db.transaction(async (tx) => {
      const status = parleyStatus(order.status, order.filled.toFixed(), order.amount.toFixed());
      const [inserted] = await tx
        .insert(orders)
        .values({
          userId: input.userId,
          accountId: input.accountId,
          clientOrderId: order.clientOrderId,
          exchangeOrderId: order.id,
          symbol: order.symbol,
          side: order.side,
          type: order.type,
          status,
          amount: toNumeric(order.amount),
          price: order.price ? toNumeric(order.price) : null,
          filled: toNumeric(order.filled),
          average: order.average ? toNumeric(order.average) : null,
          cost: toNumeric(order.cost),
          fee: toNumeric(order.fee.cost),
          feeCurrency: order.fee.currency,
        })
        .onConflictDoNothing({ target: orders.clientOrderId })
        .returning({ id: orders.id });
      // Already recorded (a retried recording): positions were applied then; touch nothing.
      if (!inserted) return;

      await tx.insert(orderEvents).values({ orderId: inserted.id, status, detail: { exchangeOrderId: order.id, filled: order.filled.toFixed() } });

      const rows = await tx.select().from(positions).where(eq(positions.accountId, input.accountId)).for('update');
      const current: Position[] = rows.map((r) => ({
        asset: r.asset,
        amount: toDec(r.amount),
        avgEntryUsdt: toDec(r.avgEntryUsdt),
        realizedPnlUsdt: toDec(r.realizedPnlUsdt),
      }));
      const next = input.applyToPositions(current);
      const before = new Map(current.map((p) => [p.asset, p]));
      for (const p of next) {
        const old = before.get(p.asset);
        if (old && old.amount.eq(p.amount) && old.avgEntryUsdt.eq(p.avgEntryUsdt) && old.realizedPnlUsdt.eq(p.realizedPnlUsdt)) continue;
        const values = { amount: toNumeric(p.amount), avgEntryUsdt: toNumeric(p.avgEntryUsdt), realizedPnlUsdt: toNumeric(p.realizedPnlUsdt), updatedAt: new Date() };
        await tx
          .insert(positions)
          .values({ accountId: input.accountId, asset: p.asset, ...values })
          .onConflictDoUpdate({ target: [positions.accountId, positions.asset], set: values });
      }
      const gone = current.filter((p) => !next.some((n) => n.asset === p.asset)).map((p) => p.asset);
      if (gone.length > 0) await tx.delete(positions).where(and(eq(positions.accountId, input.accountId), inArray(positions.asset, gone)));

      await tx
        .update(confirmations)
        .set({ status: 'executed', result: input.result })
        .where(eq(confirmations.id, input.confirmationId));
    });
  }

  async positions(accountId: number): Promise<Position[]> {
    const rows = await this.db.select().from(positions).where(eq(positions.accountId, accountId));
    return rows.map((r) => ({ asset: r.asset, amount: toDec(r.amount), avgEntryUsdt: toDec(r.avgEntryUsdt), realizedPnlUsdt: toDec(r.realizedPnlUsdt) }));
  }
}
