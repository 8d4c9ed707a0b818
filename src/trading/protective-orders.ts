import { dec, floorToStep, ZERO, type Decimal } from '../shared/decimal.js';
import { formatAmount } from '../shared/number-format.js';
import type { Market } from '../market/types.js';
import type { TrackedOrder } from './types.js';

/** A stop-loss or take-profit still waiting. */
export function isWaitingProtective(order: TrackedOrder): boolean {
  return (order.type === 'stop_loss' || order.type === 'take_profit') && order.status === 'open';
}

export type ProtectiveChange =
  /** One Parley watches covers more than is held: reduced to the holding. */
  | { order: TrackedOrder; action: 'resize'; amount: Decimal }
  /** Less than the market's minimum is left, or the exchange holds it (it cannot be amended here): cancelled. */
  | { order: TrackedOrder; action: 'cancel'; reason: 'too_little' | 'native' };

/**
 * A stop or take-profit must never sell more than is held: what each waiting one on `market` should
 * become once the holding is `held` (free and held by open orders). Pure; orders already within
 * the holding are left out.
 */
export function protectiveChanges(orders: readonly TrackedOrder[], market: Market, held: Decimal): ProtectiveChange[] {
  const fits = floorToStep(held.gt(0) ? held : ZERO, market.amountStep);
  return orders
    .filter((o) => o.symbol === market.symbol && isWaitingProtective(o) && dec(o.amount).gt(fits))
    .map((order): ProtectiveChange => {
      if (fits.lt(market.minAmount) || fits.lte(0)) return { order, action: 'cancel', reason: 'too_little' };
      if (order.triggerNative) return { order, action: 'cancel', reason: 'native' };
      return { order, action: 'resize', amount: fits };
    });
}

/** What a sale's preview says about the protective orders it shrinks under. */
export function protectiveNotes(changes: readonly ProtectiveChange[], market: Market): string[] {
  return changes.map((c) => {
    const name = `${c.order.type === 'stop_loss' ? 'Stop-loss' : 'Take-profit'} #${c.order.id}`;
    if (c.action === 'resize') return `${name} covers ${formatAmount(c.order.amount)} ${market.base}; after this you hold ${formatAmount(c.amount)} ${market.base}, so it is reduced to that.`;
    if (c.reason === 'native') return `${name} covers ${formatAmount(c.order.amount)} ${market.base}, more than you will hold: the exchange holds it and it cannot be reduced there, so Parley cancels it — set a new one for what is left.`;
    return `${name} covers ${formatAmount(c.order.amount)} ${market.base}; after this too little ${market.base} is left to protect, so it is cancelled.`;
  });
}
