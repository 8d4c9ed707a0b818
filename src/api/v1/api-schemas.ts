import { z } from 'zod';
import type { TrackedOrder } from '../../trading/types.js';

/** A decimal amount or price: a JSON string ("0.01") or number (0.01), read exactly, positive. */
export const decimalInput = z
  .union([z.string().max(40), z.number().finite()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((v) => /^\d{1,20}(\.\d{1,18})?$/.test(v) && Number(v) > 0, 'must be a positive decimal number such as 0.01 or "0.01"');

/** "BTC/USDT", "btc/usdt" or "BTC" (against USDT). */
export const symbolInput = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,15}(\/[A-Za-z0-9]{1,15})?$/, 'must be a pair such as BTC/USDT (or a coin such as BTC)')
  .transform((v) => (v.includes('/') ? v.toUpperCase() : `${v.toUpperCase()}/USDT`));

/** Decimal strings: money never goes through a float on its way out. */
export const decimalOut = z.string().describe('Decimal number as a string');
export const idParam = z.string().regex(/^\d{1,12}$/, 'must be a whole number').transform(Number);

export const ORDER_STATUSES = ['pending', 'submitting', 'open', 'partially_filled', 'filled', 'cancelled', 'rejected', 'expired'] as const;

export const orderView = z.object({
  id: z.number().int(),
  exchange_id: z.number().int().describe('The account (see GET /exchanges)'),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit', 'stop_loss', 'take_profit']),
  status: z.enum(ORDER_STATUSES),
  amount: decimalOut,
  price: decimalOut.nullable().describe('Limit price'),
  trigger_price: decimalOut.nullable().describe('Stop-loss or take-profit level'),
  filled: decimalOut,
  average_price: decimalOut.nullable(),
  cost: decimalOut,
  fee: decimalOut,
  fee_currency: z.string().nullable(),
  updated_at: z.string().describe('ISO 8601'),
});

export const toOrderView = (o: TrackedOrder): z.input<typeof orderView> => ({
  id: o.id,
  exchange_id: o.accountId,
  symbol: o.symbol,
  side: o.side,
  type: o.type,
  status: o.status,
  amount: o.amount,
  price: o.price,
  trigger_price: o.triggerPrice,
  filled: o.filled,
  average_price: o.average,
  cost: o.cost,
  fee: o.fee,
  fee_currency: o.feeCurrency,
  updated_at: o.updatedAt.toISOString(),
});
