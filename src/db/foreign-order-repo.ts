import { and, eq } from 'drizzle-orm';
import type { NewNotification } from '../notifications/notification.js';
import type { ForeignOrderStore } from '../trading/reconcile.js';
import type { Db } from './client.js';
import { insertNotifications } from './notification-rows.js';
import { foreignOrders } from './schema.js';

/** Orders found on an exchange that Parley did not place, and what their owner decided. */
export class ForeignOrderRepo implements ForeignOrderStore {
  constructor(private readonly db: Db) {}

  async report(accountId: number, exchangeOrderId: string, symbol: string, detail: Record<string, unknown>, notification: NewNotification): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .insert(foreignOrders)
        .values({ accountId, exchangeOrderId, symbol, detail })
        .onConflictDoNothing()
        .returning({ id: foreignOrders.exchangeOrderId });
      if (rows.length > 0) await insertNotifications(tx, [notification], new Date());
      return rows.length > 0;
    });
  }

  async decide(accountId: number, exchangeOrderId: string, decision: 'adopted' | 'ignored'): Promise<{ symbol: string } | null> {
    const [row] = await this.db
      .update(foreignOrders)
      .set({ decision })
      .where(and(eq(foreignOrders.accountId, accountId), eq(foreignOrders.exchangeOrderId, exchangeOrderId), eq(foreignOrders.decision, 'reported')))
      .returning({ symbol: foreignOrders.symbol });
    return row ?? null;
  }
}
