import type { Clock } from '../shared/clock.js';
import { dec, floorToStep, ZERO, type Decimal } from '../shared/decimal.js';
import { InsufficientFunds, InvalidOrder, NotFound } from '../shared/errors.js';
import { formatAmount, formatMoney } from '../shared/number-format.js';
import type { MarketDirectory } from '../market/market-directory.js';
import { walkBook } from '../market/synthetic-book.js';
import type { Market, MarketDataPort, OrderBook, Ticker } from '../market/types.js';
import type { Balances, ExchangeOrder, ExchangePort, OrderRequest } from '../trading/exchange-port.js';
import { cancelResting, placeLimit, publicOrder } from './paper-fills.js';
import type { PaperLedger } from './paper-ledger.js';

export interface PaperExchangeDeps {
  ledger: PaperLedger;
  marketData: MarketDataPort;
  markets: MarketDirectory;
  feeRate: Decimal;
  clock: Clock;
}

/**
 * A realistic dry-run exchange for one account: market orders fill by walking the same
 * order book the preview priced from, the taker fee is charged in the quote asset, and
 * the exchange enforces its own rules (tick, step, minimums, balances) like a real one would.
 * Limit orders take what the book offers at their price or better at once and rest for the
 * rest, holding their funds; PaperMatcher fills resting orders as the market reaches them.
 */
export class PaperExchange implements ExchangePort {
  readonly name = 'paper';
  readonly paper = true;
  /** Stops and take-profits on paper are always watched by Parley itself. */
  readonly capabilities = { nativeStopLoss: false, nativeTakeProfit: false };

  constructor(
    private readonly accountId: number,
    private readonly deps: PaperExchangeDeps,
  ) {}

  markets(): Promise<Market[]> {
    return this.deps.markets.all();
  }

  /** The paper exchange trades on the app's market data (replayed or live public prices). */
  ticker(symbol: string): Promise<Ticker> {
    return this.deps.marketData.ticker(symbol);
  }

  orderBook(symbol: string, depth?: number): Promise<OrderBook> {
    return this.deps.marketData.orderBook(symbol, depth);
  }

  takerFee(): Decimal {
    return this.deps.feeRate;
  }

  async fetchBalance(): Promise<Balances> {
    const ledger = await this.deps.ledger.balances(this.accountId);
    const balances: Balances = new Map();
    for (const [asset, b] of ledger) balances.set(asset, { free: b.free, used: b.locked, total: b.free.plus(b.locked) });
    return balances;
  }

  async createOrder(request: OrderRequest): Promise<ExchangeOrder> {
    if (request.type === 'limit') return this.createLimitOrder(request);
    if (request.type !== 'market') {
      throw new InvalidOrder('The paper exchange does not hold stop-loss or take-profit orders: Parley watches the price for them instead.');
    }
    const market = await this.deps.markets.get(request.symbol);
    validateAmount(market, request.amount);
    const book = await this.deps.marketData.orderBook(request.symbol);
    const now = this.deps.clock.now();
    const buy = request.side === 'buy';

    const { order } = await this.deps.ledger.execute(this.accountId, request.clientOrderId, (balances) => {
      const walk = walkBook(buy ? book.asks : book.bids, { amount: request.amount });
      if (walk.exhausted) throw new InvalidOrder(`The order book is too thin to fill ${formatAmount(request.amount)} ${market.base} right now.`);
      if (walk.cost.lt(market.minCost)) throw new InvalidOrder(`The minimum order on ${market.symbol} is ${formatMoney(market.minCost, market.quote)}.`);
      const fee = walk.cost.mul(this.deps.feeRate);
      const freeQuote = balances.get(market.quote)?.free ?? ZERO;
      const freeBase = balances.get(market.base)?.free ?? ZERO;
      if (buy && walk.cost.plus(fee).gt(freeQuote)) {
        throw new InsufficientFunds(`Not enough ${market.quote}: this needs ${formatMoney(walk.cost.plus(fee), market.quote)} and you have ${formatMoney(freeQuote, market.quote)} free.`);
      }
      if (!buy && request.amount.gt(freeBase)) {
        throw new InsufficientFunds(`Not enough ${market.base}: you have ${formatAmount(freeBase)} ${market.base} free.`);
      }
      return {
        order: {
          clientOrderId: request.clientOrderId,
          symbol: market.symbol,
          side: request.side,
          type: 'market',
          status: 'closed',
          amount: request.amount,
          price: null,
          filled: walk.filled,
          cost: walk.cost,
          average: walk.averagePrice,
          fee: { cost: fee, currency: market.quote },
          timestamp: now,
        },
        deltas: buy
          ? [
              { asset: market.quote, free: walk.cost.plus(fee).neg() },
              { asset: market.base, free: walk.filled },
            ]
          : [
              { asset: market.base, free: walk.filled.neg() },
              { asset: market.quote, free: walk.cost.minus(fee) },
            ],
      };
    });
    return order;
  }

  private async createLimitOrder(request: OrderRequest): Promise<ExchangeOrder> {
    const market = await this.deps.markets.get(request.symbol);
    validateAmount(market, request.amount);
    const price = validatePrice(market, request.price);
    const value = request.amount.mul(price);
    if (value.lt(market.minCost)) {
      throw new InvalidOrder(
        `The minimum order on ${market.symbol} is ${formatMoney(market.minCost, market.quote)}; ${formatAmount(request.amount)} ${market.base} at ${price.toFixed()} is ${formatMoney(value, market.quote)}.`,
      );
    }
    const book = await this.deps.marketData.orderBook(request.symbol);
    const now = this.deps.clock.now();
    const { order } = await this.deps.ledger.execute(this.accountId, request.clientOrderId, (balances) =>
      placeLimit({ request: { ...request, price }, market, book, balances, feeRate: this.deps.feeRate, now }),
    );
    return order;
  }

  fetchOrderByClientId(_symbol: string, clientOrderId: string): Promise<ExchangeOrder | null> {
    return this.deps.ledger.findByClientId(this.accountId, clientOrderId);
  }

  async fetchOrder(_symbol: string, orderId: string): Promise<ExchangeOrder> {
    const order = await this.deps.ledger.findById(this.accountId, orderId);
    if (!order) throw new NotFound(`Order ${orderId}`);
    return order;
  }

  fetchOpenOrders(symbol?: string): Promise<ExchangeOrder[]> {
    return this.deps.ledger.openOrders(this.accountId, symbol);
  }

  async cancelOrder(_symbol: string, orderId: string): Promise<ExchangeOrder> {
    const now = this.deps.clock.now();
    // Waits for a fill in progress (no skipLocked): a cancel reports what really happened.
    const result = await this.deps.ledger.update(this.accountId, orderId, (order) => cancelResting(order, now));
    if (!result) throw new NotFound(`Order ${orderId}`);
    return publicOrder(result.order);
  }
}

/** What a real exchange's LOT_SIZE filter would reject. */
function validateAmount(market: Market, amount: Decimal): void {
  if (!amount.isFinite() || amount.lte(0)) throw new InvalidOrder('The amount must be a positive number.');
  if (!floorToStep(amount, market.amountStep).eq(amount)) {
    throw new InvalidOrder(`${market.symbol} trades in steps of ${formatAmount(market.amountStep)} ${market.base}.`);
  }
  if (amount.lt(market.minAmount)) throw new InvalidOrder(`The minimum order on ${market.symbol} is ${formatAmount(market.minAmount)} ${market.base}.`);
  if (amount.gt(dec('1e12'))) throw new InvalidOrder('That amount is too large.');
}

/**
 * What Binance's PRICE_FILTER would reject. Off-tick prices are refused, not rounded: the
 * trading core rounds (and tells the user) before anything reaches an exchange.
 */
function validatePrice(market: Market, price: Decimal | undefined): Decimal {
  if (!price || !price.isFinite() || price.lte(0)) throw new InvalidOrder('A limit order needs a positive price.');
  if (!floorToStep(price, market.priceTick).eq(price)) {
    throw new InvalidOrder(`${market.symbol} prices move in steps of ${market.priceTick.toFixed()} ${market.quote}: ${price.toFixed()} is between two steps.`);
  }
  if (price.gt(dec('1e12'))) throw new InvalidOrder('That price is too large.');
  return price;
}
