import type { Balances as CcxtBalances, Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt';
import type { Market } from '../market/types.js';
import { Decimal, floorToStep, roundToStep, ZERO } from '../shared/decimal.js';
import { InvalidOrder } from '../shared/errors.js';
import type { ExchangeProfile } from './ccxt-exchange-profiles.js';
import type { Balances, ExchangeOrder, ExchangeOrderStatus, ExchangeOrderType, OrderRequest, OrderSide } from '../trading/exchange-port.js';

/*
 * Between the port's decimal orders and ccxt's. ccxt parses amounts into floats; where the exchange
 * sent decimal strings (Binance's `info`), those are read instead, and every other number goes
 * through its shortest decimal text, never through float arithmetic.
 */

/** A ccxt number or an exchange's decimal string → Decimal; undefined when absent or not a number. */
export function decOf(value: unknown): Decimal | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(String(value)) : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const d = new Decimal(value);
    return d.isFinite() ? d : undefined;
  } catch {
    return undefined;
  }
}

const positive = (value: Decimal | undefined): Decimal | undefined => (value && value.gt(0) ? value : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined);

export interface CcxtOrderCall {
  type: 'market' | 'limit';
  side: OrderSide;
  amount: number;
  price?: number;
  params: Record<string, unknown>;
}

/**
 * The port's request → ccxt's createOrder arguments. The amount must already sit on the market's
 * step: rounding it here would trade a different amount than the user confirmed, so an off-step
 * amount is refused (the trading core rounds down before it asks). Prices go to the nearest tick.
 */
export function toCcxtOrderCall(request: OrderRequest, market: Market, profile: ExchangeProfile): CcxtOrderCall {
  const { amount } = request;
  if (!amount.isFinite() || amount.lte(0)) throw new InvalidOrder('The amount must be a positive number.');
  if (!floorToStep(amount, market.amountStep).eq(amount)) {
    throw new InvalidOrder(`${market.symbol} trades in steps of ${market.amountStep.toFixed()} ${market.base}; ${amount.toFixed()} is not one. Nothing was sent.`);
  }
  if (amount.lt(market.minAmount)) throw new InvalidOrder(`The minimum order on ${market.symbol} is ${market.minAmount.toFixed()} ${market.base}.`);
  if (!market.active) throw new InvalidOrder(`Trading on ${market.symbol} is paused on the exchange right now.`);
  if (!profile.clientIdPattern.test(request.clientOrderId)) {
    throw new InvalidOrder(`The order id "${request.clientOrderId}" is not accepted by ${profile.label}.`);
  }
  const tick = (value: Decimal | undefined, what: string): number => {
    if (!value || !value.isFinite() || value.lte(0)) throw new InvalidOrder(`A ${request.type.replace('_', '-')} order needs a positive ${what}.`);
    const rounded = roundToStep(value, market.priceTick);
    if (rounded.lte(0)) throw new InvalidOrder(`The ${what} is below ${market.symbol}'s smallest price step.`);
    return Number(rounded.toFixed());
  };
  const params: Record<string, unknown> = { ...profile.clientIdParams(request.clientOrderId) };
  const call: CcxtOrderCall = { type: 'market', side: request.side, amount: Number(amount.toFixed()), params };
  if (request.type === 'limit') {
    call.type = 'limit';
    call.price = tick(request.price, 'limit price');
    if (amount.mul(call.price).lt(market.minCost)) throw new InvalidOrder(`The minimum order on ${market.symbol} is ${market.minCost.toFixed()} ${market.quote}.`);
  } else if (request.type === 'stop_loss') {
    params['stopLossPrice'] = tick(request.triggerPrice, 'trigger price');
  } else if (request.type === 'take_profit') {
    params['takeProfitPrice'] = tick(request.triggerPrice, 'trigger price');
  }
  return call;
}

export interface MappedOrder {
  order: ExchangeOrder;
  /** False when the answer lacked the fee (Binance's GET order never has it): fetch the trades. */
  feeKnown: boolean;
  /** False when the answer was an acknowledgement only (no status; Kraken and Coinbase creates, Binance ACK): fetch the order. */
  complete: boolean;
}

export interface MappingContext {
  market: Market;
  now: number;
  /** What we already know when the answer leaves it out (the request, a cancel's order id). */
  known?: { id?: string; clientOrderId?: string; type?: ExchangeOrderType; side?: OrderSide; amount?: Decimal };
}

const STATUSES: Record<string, ExchangeOrderStatus> = { open: 'open', closed: 'closed', canceled: 'canceled', rejected: 'rejected', expired: 'expired', canceling: 'open' };
const BINANCE_TYPES: Record<string, ExchangeOrderType> = {
  MARKET: 'market',
  LIMIT: 'limit',
  LIMIT_MAKER: 'limit',
  STOP_LOSS: 'stop_loss',
  STOP_LOSS_LIMIT: 'stop_loss',
  TAKE_PROFIT: 'take_profit',
  TAKE_PROFIT_LIMIT: 'take_profit',
};

function orderType(raw: CcxtOrder, info: Record<string, unknown>, known: MappingContext['known']): ExchangeOrderType {
  const binance = BINANCE_TYPES[String(info['type'] ?? '')];
  if (binance) return binance;
  if (raw.stopLossPrice) return 'stop_loss';
  if (raw.takeProfitPrice) return 'take_profit';
  if (raw.type === 'limit' || raw.type === 'market') return raw.type;
  return known?.type ?? 'market';
}

export function toExchangeOrder(raw: CcxtOrder, { market, now, known }: MappingContext): MappedOrder {
  const info: Record<string, unknown> = raw.info && typeof raw.info === 'object' ? (raw.info as Record<string, unknown>) : {};
  const id = text(raw.id) ?? known?.id;
  const status = raw.status ? STATUSES[raw.status] : undefined;
  const rawAmount = decOf(info['origQty']) ?? decOf(raw.amount);
  const filled = decOf(info['executedQty']) ?? decOf(raw.filled) ?? ZERO;
  const type = orderType(raw, info, known);
  const average = decOf(raw.average);
  const cost = decOf(info['cummulativeQuoteQty']) ?? decOf(raw.cost) ?? (average ? average.mul(filled) : ZERO);
  const fee = feeOfOrder(raw, info, market);
  const order: ExchangeOrder = {
    id: id ?? '',
    // A Binance cancel answers with the cancel's own client id; the order's is origClientOrderId.
    clientOrderId: text(info['origClientOrderId']) ?? text(raw.clientOrderId) ?? known?.clientOrderId ?? '',
    symbol: market.symbol,
    side: raw.side === 'buy' || raw.side === 'sell' ? raw.side : (known?.side ?? 'buy'),
    type,
    status: status ?? 'open',
    // Coinbase sizes market buys in quote: no base amount then, and a finished one amounts to its fill.
    amount: rawAmount ?? known?.amount ?? (status && status !== 'open' ? filled : ZERO),
    price: type === 'market' ? null : (positive(decOf(info['price'])) ?? positive(decOf(raw.price)) ?? null),
    triggerPrice: positive(decOf(info['stopPrice'])) ?? positive(decOf(raw.triggerPrice ?? raw.stopLossPrice ?? raw.takeProfitPrice)) ?? null,
    filled,
    cost,
    average: filled.gt(0) ? cost.div(filled) : null,
    fee: fee ?? { cost: ZERO, currency: market.quote },
    timestamp: raw.timestamp ?? now,
  };
  return { order, feeKnown: fee !== undefined || filled.eq(0), complete: id !== undefined && status !== undefined };
}

/**
 * Binance FULL answers list fills with their commission; other exchanges give ccxt's fee or fees.
 * A fee without a currency (Kraken's, unless the order chose one) is in the quote asset, Kraken's default.
 */
function feeOfOrder(raw: CcxtOrder, info: Record<string, unknown>, market: Market): { cost: Decimal; currency: string } | undefined {
  const fills = Array.isArray(info['fills']) ? (info['fills'] as Record<string, unknown>[]) : [];
  const fromFills = sumFees(fills.map((f) => ({ cost: decOf(f['commission']), currency: text(f['commissionAsset']) })));
  if (fromFills) return fromFills;
  const fees = (raw as { fees?: { cost?: unknown; currency?: unknown }[] }).fees;
  const listed = Array.isArray(fees) && fees.length > 0 ? fees : raw.fee ? [raw.fee] : [];
  return sumFees(listed.map((f) => ({ cost: decOf(f.cost), currency: text(f.currency) ?? market.quote })));
}

/** The fee of an order's trades (Binance's myTrades commission strings, or ccxt's fee). */
export function feeOfTrades(trades: CcxtTrade[]): { cost: Decimal; currency: string } | undefined {
  return sumFees(
    trades.map((t) => {
      const info = (t.info ?? {}) as Record<string, unknown>;
      return { cost: decOf(info['commission']) ?? decOf(t.fee?.cost), currency: text(info['commissionAsset']) ?? text(t.fee?.currency) };
    }),
  );
}

/**
 * Adds fees up per currency. An order's fee is one amount in one asset; the rare order charged in
 * two (part in BNB, say) reports its largest share, as ExchangeOrder has room for one.
 */
function sumFees(fees: { cost: Decimal | undefined; currency: string | undefined }[]): { cost: Decimal; currency: string } | undefined {
  const totals = new Map<string, Decimal>();
  for (const f of fees) if (f.cost && f.currency) totals.set(f.currency, (totals.get(f.currency) ?? ZERO).plus(f.cost));
  let best: { cost: Decimal; currency: string } | undefined;
  for (const [currency, cost] of totals) if (!best || cost.gt(best.cost)) best = { cost, currency };
  return best;
}

/** ccxt's balance → ours, leaving out empty assets. Binance's decimal strings are read where present. */
export function toBalances(raw: CcxtBalances): Balances {
  const out: Balances = new Map();
  const info = raw.info as { balances?: { asset?: unknown; free?: unknown; locked?: unknown }[] } | undefined;
  if (Array.isArray(info?.balances)) {
    for (const b of info.balances) {
      const free = decOf(b.free) ?? ZERO;
      const used = decOf(b.locked) ?? ZERO;
      if (typeof b.asset === 'string' && !free.plus(used).eq(0)) out.set(b.asset, { free, used, total: free.plus(used) });
    }
    return out;
  }
  const table = raw as unknown as Record<string, { free?: unknown; used?: unknown; total?: unknown } | undefined>;
  for (const asset of Object.keys((raw as { total?: object }).total ?? {})) {
    const entry = table[asset];
    const free = decOf(entry?.free) ?? ZERO;
    const used = decOf(entry?.used) ?? ZERO;
    const total = decOf(entry?.total) ?? free.plus(used);
    if (!total.eq(0)) out.set(asset, { free, used, total });
  }
  return out;
}
