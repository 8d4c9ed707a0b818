import { dec, type Decimal } from '../shared/decimal.js';
import type { ExchangeOrder, OrderRequest } from './exchange-port.js';
import type { MarketDataPort } from '../market/types.js';
import { statusOfExchangeOrder } from './order-status.js';
import { applyTrade, CASH_ASSET } from './position-accounting.js';
import type { ApplyOptions, NewOrder, OrderUpdate } from './ports.js';
import type { Confirmation, ExecutionResult, OrderPlan, OrderSnapshot } from './types.js';

/** Glue between the exchange's view of an order and Parley's journal. */

export function updateFromExchange(order: ExchangeOrder): OrderUpdate {
  return {
    status: statusOfExchangeOrder(order),
    exchangeOrderId: order.id,
    filled: order.filled,
    cost: order.cost,
    fee: order.fee.cost,
    feeCurrency: order.fee.currency,
  };
}

/** Positions absorb a fill at the USDT value of the quote now (1 for USDT, a ticker otherwise). */
export async function fillBooker(marketData: MarketDataPort, symbol: string): Promise<ApplyOptions['applyFill']> {
  const [base, quote] = symbol.split('/') as [string, string];
  const quoteUsdt: Decimal = quote === CASH_ASSET ? dec(1) : dec((await marketData.ticker(`${quote}/${CASH_ASSET}`)).last);
  return (positions, fill, order) =>
    applyTrade(positions, { base, quote, side: order.side, amount: fill.amount, cost: fill.cost, fee: fill.fee, feeCurrency: fill.feeCurrency || quote, quoteUsdt });
}

/** The journal entry a confirmed order plan becomes, written with the claim. */
export function journalEntry(confirmation: Confirmation): NewOrder | null {
  if (confirmation.kind !== 'order') return null;
  const plan = confirmation.plan;
  return {
    clientOrderId: confirmation.id,
    userId: confirmation.userId,
    accountId: confirmation.accountId,
    symbol: plan.symbol,
    side: plan.side,
    type: plan.type,
    amount: plan.amount,
    price: plan.limitPrice ?? null,
    triggerPrice: plan.triggerPrice ?? null,
    triggerNative: plan.nativeTrigger ?? false,
    priceDecimals: plan.priceDecimals ?? null,
  };
}

/** What is sent to the exchange for a plan: exactly what the preview showed. */
export function requestFor(plan: OrderPlan, clientOrderId: string): OrderRequest {
  return {
    clientOrderId,
    symbol: plan.symbol,
    side: plan.side,
    type: plan.type,
    amount: dec(plan.amount),
    ...(plan.limitPrice ? { price: dec(plan.limitPrice) } : {}),
    ...(plan.triggerPrice ? { triggerPrice: dec(plan.triggerPrice) } : {}),
  };
}

export function executedResult(order: OrderSnapshot): Extract<ExecutionResult, { ok: true; kind: 'order' }> {
  return { ok: true, kind: 'order', order: stripTracking(order) };
}

/** A snapshot without the tracking fields, as stored in a confirmation's result. */
export function stripTracking(order: OrderSnapshot): OrderSnapshot {
  const { id, clientOrderId, exchangeOrderId, symbol, side, type, status, amount, price, triggerPrice, triggerNative, filled, average, cost, fee, feeCurrency, error, priceDecimals } = order;
  return { id, clientOrderId, exchangeOrderId, symbol, side, type, status, amount, price, triggerPrice, triggerNative, filled, average, cost, fee, feeCurrency, error, priceDecimals: priceDecimals ?? null };
}
