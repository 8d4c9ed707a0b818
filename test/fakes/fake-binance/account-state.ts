import { Decimal, type DecimalLike } from '../../../src/shared/decimal.js';
import type { FakeBinanceState, FakeSymbolSpec } from './state.js';

/*
 * One Binance spot account: balances (free / locked), orders and their fills, and the matching
 * engine. Market orders take the touch (ask = last price, bid = one tick below, as the ticker
 * and depth routes say); limit orders rest and fill at their price when `state.setPrice` crosses
 * them; stop orders wait for their trigger. Amounts are decimals so balances add up exactly.
 */

export type FakeSide = 'BUY' | 'SELL';
export type FakeOrderType = 'MARKET' | 'LIMIT' | 'LIMIT_MAKER' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT' | 'TAKE_PROFIT_LIMIT';
export type FakeTimeInForce = 'GTC' | 'IOC' | 'FOK';
export type FakeOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'REJECTED';

export interface FakeFill {
  tradeId: number;
  price: Decimal;
  qty: Decimal;
  commission: Decimal;
  commissionAsset: string;
  time: number;
  isMaker: boolean;
}

export interface FakeOrder {
  orderId: number;
  clientOrderId: string;
  symbol: string;
  side: FakeSide;
  type: FakeOrderType;
  timeInForce: FakeTimeInForce;
  /** Limit price; zero for market and stop-market orders. */
  price: Decimal;
  stopPrice: Decimal;
  origQty: Decimal;
  origQuoteOrderQty: Decimal;
  executedQty: Decimal;
  cummulativeQuoteQty: Decimal;
  status: FakeOrderStatus;
  time: number;
  updateTime: number;
  /** Stop orders: whether the trigger was reached (then they behave as market or limit orders). */
  triggered: boolean;
  /** What this order holds in `locked` right now, released as it fills or ends. */
  lockedAsset: string;
  lockedAmount: Decimal;
  fills: FakeFill[];
}

/** A checked new-order request (order-rules.ts turns the HTTP parameters into this). */
export interface NewOrder {
  spec: FakeSymbolSpec;
  side: FakeSide;
  type: FakeOrderType;
  timeInForce: FakeTimeInForce;
  quantity: Decimal;
  quoteOrderQty?: Decimal;
  price?: Decimal;
  stopPrice?: Decimal;
  clientOrderId: string;
}

/** Binance's refusal: HTTP 400 with { code, msg }. */
export class BinanceRejection extends Error {
  constructor(
    readonly code: number,
    readonly msg: string,
    readonly status = 400,
  ) {
    super(msg);
  }
}

export interface FakeAccountOptions {
  apiKey?: string;
  secret?: string;
  /** Taker and maker commission (Binance's default 0.1 %). */
  commissionRate?: string;
  /**
   * Where the commission is taken: 'received' (Binance without BNB: the asset bought, i.e. base on
   * a buy and quote on a sell) or 'quote' (always the quote asset).
   */
  commissionIn?: 'received' | 'quote';
  /**
   * Binance keeps `newClientOrderId` unique among OPEN orders only: once an order is filled, the
   * same id is accepted again ('open', the default, as the real exchange). 'account' refuses any reuse.
   */
  clientIdScope?: 'open' | 'account';
}

const OPEN: readonly FakeOrderStatus[] = ['NEW', 'PARTIALLY_FILLED'];
export const isOpen = (order: FakeOrder): boolean => OPEN.includes(order.status);

export class FakeAccount {
  readonly apiKey: string;
  readonly secret: string;
  readonly commissionRate: Decimal;
  readonly commissionIn: 'received' | 'quote';
  readonly clientIdScope: 'open' | 'account';
  /** Every order ever accepted, oldest first. */
  readonly orders: FakeOrder[] = [];
  private readonly balances = new Map<string, { free: Decimal; locked: Decimal }>();
  private readonly liquidity = new Map<string, Decimal>();
  private nextOrderId = 5_400_000_000;
  private nextTradeId = 3_700_000_000;

  constructor(
    readonly state: FakeBinanceState,
    options: FakeAccountOptions = {},
  ) {
    this.apiKey = options.apiKey ?? 'fake-api-key-0123456789abcdef0123456789abcdef';
    this.secret = options.secret ?? 'fake-secret-fedcba9876543210fedcba9876543210';
    this.commissionRate = new Decimal(options.commissionRate ?? '0.001');
    this.commissionIn = options.commissionIn ?? 'received';
    this.clientIdScope = options.clientIdScope ?? 'open';
    state.onPriceChange((spec) => this.matchResting(spec));
  }

  fund(asset: string, amount: DecimalLike): void {
    const b = this.entry(asset);
    b.free = b.free.plus(amount);
  }

  /** Moves `amount` between free and locked (negative: back to free), as an order placed on the website would hold it. */
  hold(asset: string, amount: DecimalLike): void {
    const b = this.entry(asset);
    b.free = b.free.minus(amount);
    b.locked = b.locked.plus(amount);
  }

  balance(asset: string): { free: Decimal; locked: Decimal } {
    const b = this.entry(asset);
    return { free: b.free, locked: b.locked };
  }

  assets(): string[] {
    return [...this.balances.keys()];
  }

  /** How much base one matching event can fill per symbol (undefined: unlimited) — for partial fills. */
  setLiquidity(symbol: string, quantity: DecimalLike | undefined): void {
    if (quantity === undefined) this.liquidity.delete(symbol);
    else this.liquidity.set(symbol, new Decimal(quantity));
  }

  /** Orders carrying this client id, oldest first: tests count them to prove nothing was sent twice. */
  ordersWithClientId(clientOrderId: string): FakeOrder[] {
    return this.orders.filter((o) => o.clientOrderId === clientOrderId);
  }

  /** The order Binance would answer for: by id, or the latest one with this client id. */
  find(symbol: string, ref: { orderId?: number; clientOrderId?: string }): FakeOrder | undefined {
    const mine = this.orders.filter((o) => o.symbol === symbol);
    if (ref.orderId !== undefined) return mine.find((o) => o.orderId === ref.orderId);
    return mine.filter((o) => o.clientOrderId === ref.clientOrderId).at(-1);
  }

  place(request: NewOrder): FakeOrder {
    const { spec } = request;
    const clash = this.orders.find((o) => o.clientOrderId === request.clientOrderId && (this.clientIdScope === 'account' || isOpen(o)));
    if (clash) throw new BinanceRejection(-2010, 'Duplicate order sent.');
    if (request.stopPrice && this.triggerReached(request.side, request.type, request.stopPrice, spec.price)) {
      throw new BinanceRejection(-2010, 'Stop price would trigger immediately.');
    }
    const lock = this.lockFor(request);
    const free = this.entry(lock.asset).free;
    if (lock.amount.gt(free)) throw new BinanceRejection(-2010, 'Account has insufficient balance for requested action.');
    const now = this.state.now();
    const order: FakeOrder = {
      orderId: this.nextOrderId++,
      clientOrderId: request.clientOrderId,
      symbol: spec.symbol,
      side: request.side,
      type: request.type,
      timeInForce: request.timeInForce,
      price: request.price ?? new Decimal(0),
      stopPrice: request.stopPrice ?? new Decimal(0),
      origQty: request.quantity,
      origQuoteOrderQty: request.quoteOrderQty ?? new Decimal(0),
      executedQty: new Decimal(0),
      cummulativeQuoteQty: new Decimal(0),
      status: 'NEW',
      time: now,
      updateTime: now,
      triggered: false,
      lockedAsset: lock.asset,
      lockedAmount: new Decimal(0),
      fills: [],
    };
    this.moveToLocked(order, lock.amount);
    this.orders.push(order);
    if (!request.stopPrice) this.work(order, spec, this.liquidityFor(spec.symbol));
    return order;
  }

  cancel(order: FakeOrder): FakeOrder {
    if (!isOpen(order)) throw new BinanceRejection(-2011, 'Unknown order sent.');
    this.finish(order, 'CANCELED');
    return order;
  }

  /** Every fill of this account on a symbol, oldest first (myTrades). */
  trades(symbol: string): { order: FakeOrder; fill: FakeFill }[] {
    return this.orders
      .filter((o) => o.symbol === symbol)
      .flatMap((order) => order.fills.map((fill) => ({ order, fill })))
      .sort((a, b) => a.fill.tradeId - b.fill.tradeId);
  }

  private entry(asset: string): { free: Decimal; locked: Decimal } {
    let b = this.balances.get(asset);
    if (!b) {
      b = { free: new Decimal(0), locked: new Decimal(0) };
      this.balances.set(asset, b);
    }
    return b;
  }

  private liquidityFor(symbol: string): { left: Decimal } {
    return { left: this.liquidity.get(symbol) ?? new Decimal(Infinity) };
  }

  /** Buys hold quote (at the limit, trigger or current ask); sells hold the base they sell. */
  private lockFor(request: NewOrder): { asset: string; amount: Decimal } {
    const { spec } = request;
    if (request.side === 'SELL') return { asset: spec.baseAsset, amount: request.quantity };
    if (request.quoteOrderQty) return { asset: spec.quoteAsset, amount: request.quoteOrderQty };
    const price = request.price ?? request.stopPrice ?? new Decimal(spec.price);
    const cost = request.quantity.mul(price);
    const commission = this.commissionIn === 'quote' ? cost.mul(this.commissionRate) : new Decimal(0);
    return { asset: spec.quoteAsset, amount: cost.plus(commission) };
  }

  private moveToLocked(order: FakeOrder, amount: Decimal): void {
    const b = this.entry(order.lockedAsset);
    b.free = b.free.minus(amount);
    b.locked = b.locked.plus(amount);
    order.lockedAmount = order.lockedAmount.plus(amount);
  }

  private release(order: FakeOrder, amount: Decimal): void {
    const b = this.entry(order.lockedAsset);
    b.locked = b.locked.minus(amount);
    b.free = b.free.plus(amount);
    order.lockedAmount = order.lockedAmount.minus(amount);
  }

  private triggerReached(side: FakeSide, type: FakeOrderType, stopPrice: Decimal, last: number): boolean {
    const falling = (side === 'SELL') === type.startsWith('STOP_LOSS'); // sell stop-loss / buy take-profit wait for a fall
    return falling ? new Decimal(last).lte(stopPrice) : new Decimal(last).gte(stopPrice);
  }

  /** Runs an order that may trade now: market, marketable limit, or a just-triggered stop. */
  private work(order: FakeOrder, spec: FakeSymbolSpec, liquidity: { left: Decimal }): void {
    const limit = order.type === 'MARKET' || order.type === 'STOP_LOSS' || order.type === 'TAKE_PROFIT' ? undefined : order.price;
    const touch = new Decimal(order.side === 'BUY' ? spec.price : new Decimal(spec.price).minus(spec.tickSize));
    const marketable = limit === undefined || (order.side === 'BUY' ? touch.lte(limit) : touch.gte(limit));
    if (order.type === 'LIMIT_MAKER' && marketable) return this.finish(order, 'EXPIRED');
    const remaining = order.origQty.minus(order.executedQty);
    if (order.timeInForce === 'FOK' && (!marketable || liquidity.left.lt(remaining))) return this.finish(order, 'EXPIRED');
    if (marketable) this.fill(order, spec, Decimal.min(remaining, liquidity.left), touch, false, liquidity);
    if (order.executedQty.eq(order.origQty)) return this.finish(order, 'FILLED');
    if (limit === undefined || order.timeInForce !== 'GTC') return this.finish(order, 'EXPIRED'); // market orders never rest
  }

  /** After a price move: triggers stops, then fills resting limits the price crossed, at their price. */
  private matchResting(spec: FakeSymbolSpec): void {
    const liquidity = this.liquidityFor(spec.symbol);
    for (const order of this.orders) {
      if (order.symbol !== spec.symbol || !isOpen(order)) continue;
      if (order.stopPrice.gt(0) && !order.triggered) {
        if (!this.triggerReached(order.side, order.type, order.stopPrice, spec.price)) continue;
        order.triggered = true;
        this.work(order, spec, liquidity);
        continue;
      }
      if (order.price.eq(0)) continue;
      const last = new Decimal(spec.price);
      const crossed = order.side === 'BUY' ? last.lte(order.price) : last.minus(spec.tickSize).gte(order.price);
      if (!crossed || liquidity.left.lte(0)) continue;
      this.fill(order, spec, Decimal.min(order.origQty.minus(order.executedQty), liquidity.left), order.price, true, liquidity);
      if (order.executedQty.eq(order.origQty)) this.finish(order, 'FILLED');
    }
  }

  private fill(order: FakeOrder, spec: FakeSymbolSpec, qty: Decimal, price: Decimal, isMaker: boolean, liquidity: { left: Decimal }): void {
    const buy = order.side === 'BUY';
    const inBase = buy && this.commissionIn === 'received';
    // The part of the lock this fill uses up: all of it for a fill that completes the order.
    const remainingBefore = order.origQty.minus(order.executedQty);
    const used = qty.eq(remainingBefore) ? order.lockedAmount : order.lockedAmount.mul(qty).div(remainingBefore).toDecimalPlaces(8, Decimal.ROUND_DOWN);
    this.release(order, used);
    const base = this.entry(spec.baseAsset);
    const quote = this.entry(spec.quoteAsset);
    if (buy) {
      // A buy stop locked at its trigger may meet a higher price: it fills only what the balance pays for.
      const perUnit = price.mul(inBase ? 1 : this.commissionRate.plus(1));
      const affordable = quote.free.div(perUnit).div(spec.stepSize).floor().mul(spec.stepSize);
      qty = Decimal.min(qty, affordable);
    }
    if (qty.lte(0)) return;
    const cost = qty.mul(price);
    const commission = (inBase ? qty : cost).mul(this.commissionRate).toDecimalPlaces(8, Decimal.ROUND_UP);
    const commissionAsset = inBase ? spec.baseAsset : spec.quoteAsset;
    if (buy) {
      quote.free = quote.free.minus(cost).minus(inBase ? 0 : commission);
      base.free = base.free.plus(qty).minus(inBase ? commission : 0);
    } else {
      base.free = base.free.minus(qty);
      quote.free = quote.free.plus(cost).minus(commission);
    }
    order.executedQty = order.executedQty.plus(qty);
    order.cummulativeQuoteQty = order.cummulativeQuoteQty.plus(cost);
    order.status = order.executedQty.eq(order.origQty) ? 'FILLED' : 'PARTIALLY_FILLED';
    order.updateTime = this.state.now();
    order.fills.push({ tradeId: this.nextTradeId++, price, qty, commission, commissionAsset, time: order.updateTime, isMaker });
    liquidity.left = liquidity.left.minus(qty);
  }

  private finish(order: FakeOrder, status: FakeOrderStatus): void {
    this.release(order, order.lockedAmount);
    order.status = status;
    order.updateTime = this.state.now();
  }
}
