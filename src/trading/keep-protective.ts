import { ZERO } from '../shared/decimal.js';
import { AppError } from '../shared/errors.js';
import { fillBooker, updateFromExchange } from './book-fills.js';
import { orderNotifications, resizedNotification } from './events.js';
import { isRefusal, type ExecDeps } from './execution.js';
import { protectiveChanges, type ProtectiveChange } from './protective-orders.js';
import type { MarketDirectory } from '../market/market-directory.js';
import type { Account } from './types.js';

export interface KeepProtectiveDeps extends ExecDeps {
  markets: MarketDirectory;
}

/**
 * After a holding shrank (a sale filled), the stops and take-profits waiting on it are made to fit:
 * one Parley watches is reduced to what is held, or cancelled when too little is left; one the
 * exchange holds is cancelled there (it cannot be amended here) and the user is told to set a new one.
 * Each change is journaled and told through the outbox. Resolves with what changed.
 */
export async function keepProtectiveWithinHolding(deps: KeepProtectiveDeps, account: Account, symbol: string): Promise<ProtectiveChange[]> {
  const market = await deps.markets.get(symbol).catch(() => null);
  if (!market) return [];
  const waiting = await deps.orders.forUser(account.userId, { accountId: account.id, symbol, activeOnly: true, limit: 100 });
  if (!waiting.some((o) => o.type === 'stop_loss' || o.type === 'take_profit')) return [];
  const exchange = deps.exchangeFor(account);
  const held = (await exchange.fetchBalance()).get(market.base)?.total;
  const changes = protectiveChanges(waiting, market, held ?? ZERO);
  const decimals = waiting.find((o) => o.priceDecimals != null)?.priceDecimals ?? Math.max(0, market.priceTick.decimalPlaces());
  for (const change of changes) {
    try {
      if (change.action === 'resize') {
        await deps.orders.resize(change.order.clientOrderId, change.amount, (order, from) => [resizedNotification(order, from, decimals)]);
        continue;
      }
      const why =
        change.reason === 'native'
          ? `It covered more ${market.base} than you hold now, and the exchange cannot reduce it: set a new one for what is left.`
          : `Too little ${market.base} is left to protect.`;
      const applyFill = await fillBooker(deps.marketData, symbol);
      const notify = { notify: (applied: Parameters<typeof orderNotifications>[0]) => orderNotifications(applied, { priceDecimals: decimals }) };
      if (!change.order.triggerNative) {
        await deps.orders.apply(change.order.clientOrderId, { status: 'cancelled', error: why }, { applyFill, ...notify });
        continue;
      }
      try {
        const cancelled = await exchange.cancelOrder(symbol, change.order.exchangeOrderId ?? change.order.clientOrderId);
        await deps.orders.apply(change.order.clientOrderId, { ...updateFromExchange(cancelled), error: why }, { applyFill, ...notify });
      } catch (error) {
        // Gone already (filled, cancelled by hand): the sync job records what it became.
        if (!isRefusal(error)) throw error;
      }
    } catch (error) {
      deps.logger.warn({ orderId: change.order.id, err: error instanceof AppError ? error.code : error }, 'could not fit a protective order to the holding; next sale retries');
    }
  }
  return changes;
}
