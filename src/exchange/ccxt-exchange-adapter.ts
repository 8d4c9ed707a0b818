import type { Order as CcxtOrder } from 'ccxt';
import type { CcxtExchange } from '../market/ccxt-exchange.js';
import { toMarket } from '../market/live-feed.js';
import { toOrderBook, toTicker } from '../market/ccxt-quotes.js';
import type { Market, OrderBook, Ticker } from '../market/types.js';
import type { Clock } from '../shared/clock.js';
import { Decimal } from '../shared/decimal.js';
import { ConfigError, InvalidOrder, NotFound, RateLimited, TemporaryError, UnknownSymbol, type AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { createTradingClient, profileFor, type ExchangeProfile, type SupportedExchangeId } from './ccxt-exchange-profiles.js';
import { FETCH_FRESH, type SharedMarketList } from './shared-market-list.js';
import { decOf, feeOfTrades, toBalances, toCcxtOrderCall, toExchangeOrder, type MappingContext } from './ccxt-order-mapping.js';
import {
  binanceErrorOf,
  DuplicateClientOrderId,
  ExchangeRuleBroken,
  filterMessage,
  SendingPaused,
  translateTradingError,
  type TradingErrorContext,
} from './ccxt-trading-errors.js';
import type { Balances, ExchangeCapabilities, ExchangeOrder, ExchangePort, OrderRequest } from '../trading/exchange-port.js';
import { retryTemporary, sleep, type RetryPolicy } from './retry-temporary.js';
import { measured, type VenueStats } from '../market/venue-health.js';

export interface CcxtExchangeAdapterOptions {
  exchangeId: SupportedExchangeId;
  apiKey: string;
  secret: string;
  /** An API passphrase, for exchanges whose keys have one (ccxt's `password`). */
  password?: string;
  /** An account or user id, for exchanges that sign with one (ccxt's `uid`). */
  uid?: string;
  /** The exchange's test environment (Binance's spot testnet); a ConfigError where ccxt has none. */
  sandbox?: boolean;
  /** EXCHANGE_BASE_URL: every API call goes to this origin instead (a proxy; tests: the fake Binance). */
  baseUrl?: string;
  /** Per request (ccxt's timeout); default 10 s. */
  timeoutMs?: number;
  clock: Clock;
  logger?: Logger;
  /** Binance: how long a signed request stays acceptable (default 5000, Binance's own). */
  recvWindowMs?: number;
  /** Retries of a read after a TemporaryError (default 2), backoff from retryBaseDelayMs (250). */
  readRetries?: number;
  retryBaseDelayMs?: number;
  /** Longer waits (a Retry-After of minutes, an IP ban) are not sat out (default 5000). */
  maxRetryWaitMs?: number;
  /** How long the market list and its rules are reused (default 1 h; a filter failure reloads them). */
  marketsTtlMs?: number;
  /** Overrides the exchange's default capabilities, e.g. Kraken's native stops once checked on a real account. */
  capabilities?: Partial<ExchangeCapabilities>;
  /** Exchanges without a lookup by client id: how far back closed orders are searched (default 24 h). */
  lookbackMs?: number;
  /** The market list shared by every account on this exchange (the registry's); else each client fetches its own. */
  sharedMarkets?: SharedMarketList;
  /** A ready ccxt client (tests); otherwise one is built on first use, importing ccxt then. */
  exchange?: CcxtExchange;
  sleep?: (ms: number) => Promise<void>;
  /** Where each call's latency and outcome are recorded (the venue is the exchange id, "-testnet" on the testnet). */
  venueStats?: VenueStats;
}

const DEFAULT_TAKER_FEE = new Decimal('0.001');

interface SentState {
  orderId?: string;
  unclearSince?: number;
}
const REMEMBERED_IDS = 10_000;

/**
 * A live exchange account through ccxt (Binance, Kraken, Coinbase, KuCoin spot). The rules that keep money
 * safe: an order is sent once — never retried here, a repeated client order id is answered with the
 * order it already became — and an unclear outcome is settled by looking the id up, which on Binance
 * waits out the request's recvWindow before it may answer "never placed". Reads are retried on
 * temporary errors; after a 429/418 nothing is sent until its Retry-After has passed.
 */
export class CcxtExchangeAdapter implements ExchangePort {
  readonly name: string;
  readonly paper = false;
  readonly capabilities: ExchangeCapabilities;
  // ES private: credentials stay out of JSON.stringify, pino and util.inspect of the adapter.
  readonly #options: CcxtExchangeAdapterOptions;
  readonly #secrets: string[];
  private readonly profile: ExchangeProfile;
  private readonly policy: RetryPolicy;
  readonly settleMs: number;
  // ES private too: the ccxt client holds the key and secret as plain properties.
  #client: CcxtExchange | undefined;
  #clientPromise: Promise<CcxtExchange> | undefined;
  private marketsCache: { expires: number; value: Promise<Map<string, Market>> } | undefined;
  /** Client ids this adapter has sent: the order each became, or since when an unanswered one is unclear. */
  private readonly sent = new Map<string, SentState>();
  private readonly inFlight = new Map<string, Promise<ExchangeOrder>>();
  private blockedUntil = 0;

  constructor(options: CcxtExchangeAdapterOptions) {
    this.profile = profileFor(options.exchangeId);
    if (!options.exchange && (!options.apiKey || !options.secret)) throw new ConfigError(`${this.profile.label} trading needs an API key and secret.`);
    if (!options.exchange && this.profile.needsPassphrase && !options.password) throw new ConfigError(`${this.profile.label} trading needs the API key's passphrase too.`);
    if (options.sandbox && !this.profile.sandbox) {
      throw new ConfigError(`${this.profile.label} has no test environment in ccxt; use paper trading to try Parley without real money.`);
    }
    this.#options = options;
    this.#secrets = [options.apiKey, options.secret, options.password, options.uid].filter((s): s is string => typeof s === 'string' && s.length >= 6);
    this.name = this.profile.id;
    this.capabilities = { ...this.profile.capabilities, ...options.capabilities };
    this.policy = {
      retries: options.readRetries ?? 2,
      baseDelayMs: options.retryBaseDelayMs ?? 250,
      maxWaitMs: options.maxRetryWaitMs ?? 5_000,
      sleep: options.sleep ?? sleep,
    };
    this.settleMs = this.profile.settleMs({ recvWindowMs: options.recvWindowMs ?? 5_000 });
    if (options.exchange) this.#client = options.exchange;
  }

  async markets(): Promise<Market[]> {
    return [...(await this.marketMap()).values()].map((m) => ({ ...m }));
  }

  async ticker(symbol: string): Promise<Ticker> {
    const market = await this.market(symbol);
    const ticker = toTicker(market.symbol, await this.read({ operation: 'read', market, symbol: market.symbol }, (ex) => ex.fetchTicker(market.symbol)), this.now());
    return { ...ticker, priceDecimals: Math.max(0, market.priceTick.decimalPlaces()) };
  }

  async orderBook(symbol: string, depth = 50): Promise<OrderBook> {
    const market = await this.market(symbol);
    const wanted = Math.max(5, Math.min(1000, Math.floor(depth)));
    // Some exchanges serve only fixed depths (KuCoin: 20 or 100): ask for the first that covers it.
    const fixed = this.profile.bookDepths;
    const limit = fixed ? (fixed.find((d) => d >= wanted) ?? fixed[fixed.length - 1]!) : wanted;
    const book = await this.read({ operation: 'read', market, symbol: market.symbol }, (ex) => ex.fetchOrderBook(market.symbol, limit));
    return toOrderBook(market.symbol, book, wanted, this.now());
  }

  takerFee(symbol: string): Decimal {
    return decOf(this.#client?.markets?.[symbol]?.taker) ?? DEFAULT_TAKER_FEE;
  }

  async fetchBalance(): Promise<Balances> {
    return toBalances(await this.read({ operation: 'read' }, (ex) => ex.fetchBalance()));
  }

  async fetchOrder(symbol: string, orderId: string): Promise<ExchangeOrder> {
    const market = await this.market(symbol);
    const raw = await this.read({ operation: 'read', market, symbol: market.symbol }, (ex) => ex.fetchOrder(orderId, market.symbol));
    return this.complete(raw, { market, now: this.now(), known: { id: orderId } });
  }

  async fetchOpenOrders(symbol?: string): Promise<ExchangeOrder[]> {
    const market = symbol === undefined ? undefined : await this.market(symbol);
    const raws = await this.read({ operation: 'read', market, symbol: market?.symbol }, (ex) => ex.fetchOpenOrders(market?.symbol));
    const markets = await this.marketMap();
    const orders: ExchangeOrder[] = [];
    for (const raw of raws) {
      const m = market ?? (raw.symbol ? markets.get(raw.symbol) : undefined);
      if (m) orders.push(await this.complete(raw, { market: m, now: this.now() }));
    }
    return orders;
  }

  async fetchOrderByClientId(symbol: string, clientOrderId: string): Promise<ExchangeOrder | null> {
    const market = await this.market(symbol);
    const found = await this.lookUp(market, clientOrderId);
    const unclearSince = this.sent.get(clientOrderId)?.unclearSince;
    if (found || unclearSince === undefined) return found;
    // A request that got no answer may still be on its way; Binance refuses it once its recvWindow has passed.
    const waitMs = unclearSince + this.settleMs - this.now();
    if (waitMs <= 0) return null;
    this.#options.logger?.info({ exchange: this.name, clientOrderId, waitMs }, 'order not found yet; waiting until the exchange can no longer accept it');
    await this.policy.sleep(waitMs);
    return this.lookUp(market, clientOrderId);
  }

  async createOrder(request: OrderRequest): Promise<ExchangeOrder> {
    const id = request.clientOrderId;
    // One attempt per client id at a time in this process; a later one starts from what the first left.
    for (let running = this.inFlight.get(id); running; running = this.inFlight.get(id)) await running.catch(() => undefined);
    const attempt = this.sent.has(id) ? this.existingOrSend(request) : this.send(request);
    this.inFlight.set(id, attempt);
    try {
      return await attempt;
    } finally {
      if (this.inFlight.get(id) === attempt) this.inFlight.delete(id);
    }
  }

  async cancelOrder(symbol: string, orderId: string): Promise<ExchangeOrder> {
    const market = await this.market(symbol);
    let raw: CcxtOrder;
    try {
      raw = await this.once({ operation: 'cancelOrder', market, symbol: market.symbol }, (ex) => ex.cancelOrder(orderId, market.symbol));
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      // "Unknown order" covers both an id the exchange never had and an order that is no longer open.
      const current = await this.fetchOrder(symbol, orderId).catch((e: unknown) => {
        if (e instanceof NotFound) return null;
        throw e;
      });
      if (!current) throw new NotFound(`Order ${orderId}`, 'The exchange does not know this order.');
      if (current.status === 'open') throw error;
      throw new InvalidOrder(`This order is already ${current.status === 'closed' ? 'filled' : current.status}: there is nothing to cancel.`);
    }
    return this.complete(raw, { market, now: this.now(), known: { id: orderId } });
  }

  /** The order a client id already became, or — when the lookup proves it never reached the exchange — a first send. */
  private async existingOrSend(request: OrderRequest): Promise<ExchangeOrder> {
    const orderId = this.sent.get(request.clientOrderId)?.orderId;
    if (orderId !== undefined) return this.fetchOrder(request.symbol, orderId);
    return (await this.fetchOrderByClientId(request.symbol, request.clientOrderId)) ?? this.send(request);
  }

  private async send(request: OrderRequest): Promise<ExchangeOrder> {
    const id = request.clientOrderId;
    const market = await this.market(request.symbol);
    if ((request.type === 'stop_loss' && !this.capabilities.nativeStopLoss) || (request.type === 'take_profit' && !this.capabilities.nativeTakeProfit)) {
      throw new InvalidOrder(`${this.profile.label} does not hold ${request.type.replace('_', '-')} orders for Parley; Parley watches the price instead.`);
    }
    const call = toCcxtOrderCall(request, market, this.profile);
    if (this.profile.marketBuyNeedsPrice && call.type === 'market' && call.side === 'buy') call.price = await this.askPrice(market);
    const context: TradingErrorContext = { operation: 'createOrder', market, symbol: market.symbol, side: request.side };
    const exchange = await this.exchange();
    const pausedMs = this.blockedUntil - this.now();
    if (pausedMs > 0) throw new SendingPaused(pausedMs);
    const sentAt = this.now();
    this.remember(id, {});
    let raw: CcxtOrder;
    try {
      raw = await exchange.createOrder(market.symbol, call.type, call.side, call.amount, call.price, call.params);
    } catch (error) {
      const translated = this.translate(error, context);
      if (translated instanceof DuplicateClientOrderId) {
        // The exchange holds an open order with this id, sent before this process knew of it: that is the answer.
        const existing = await this.lookUp(market, id);
        if (existing) return existing;
        this.remember(id, { unclearSince: this.now() });
        throw new TemporaryError('The exchange reports this order as placed already, but it cannot be found yet. Please check again in a moment.', { cause: translated });
      }
      // No answer: the order may exist. A clear refusal: the id never became an order.
      if (translated instanceof TemporaryError) this.remember(id, { unclearSince: sentAt });
      else this.sent.delete(id);
      if (translated instanceof ExchangeRuleBroken) throw await this.withFreshRules(translated, context);
      throw translated;
    }
    const order = await this.complete(raw, { market, now: this.now(), known: { clientOrderId: id, type: request.type, side: request.side, amount: request.amount } });
    // Without an id in the answer the order cannot be fetched by it: later calls look it up by client id.
    this.remember(id, order.id ? { orderId: order.id } : { unclearSince: sentAt });
    return order;
  }

  private async lookUp(market: Market, clientOrderId: string): Promise<ExchangeOrder | null> {
    const context: TradingErrorContext = { operation: 'read', market, symbol: market.symbol };
    let raw: CcxtOrder | undefined;
    if (this.profile.lookup === 'query') {
      const params = this.profile.queryParams?.(clientOrderId) ?? { origClientOrderId: clientOrderId };
      raw = await this.read(context, (ex) => ex.fetchOrder('', market.symbol, params)).catch((error: unknown) => {
        if (error instanceof NotFound) return undefined;
        throw error;
      });
      // An exchange may answer an unknown client id with an empty success (ccxt then parses an order without an id).
      if (raw && !raw.id) raw = undefined;
    } else {
      const filter = this.profile.scanFilter?.(clientOrderId) ?? {};
      const matches = (o: CcxtOrder) => o.clientOrderId === clientOrderId;
      const open = await this.read(context, (ex) => ex.fetchOpenOrders(market.symbol, undefined, undefined, filter));
      raw = open.find(matches);
      if (!raw) {
        const since = this.now() - (this.#options.lookbackMs ?? 86_400_000);
        const done = await this.read(context, (ex) =>
          ex.has['fetchOrders'] === true ? ex.fetchOrders(market.symbol, since, undefined, filter) : ex.fetchClosedOrders(market.symbol, since, undefined, filter),
        );
        raw = done.find(matches);
      }
    }
    return raw ? this.complete(raw, { market, now: this.now(), known: { clientOrderId } }) : null;
  }

  /** Fills in what an answer left out: the order itself after an acknowledgement, the fee from its trades. */
  private async complete(raw: CcxtOrder, context: MappingContext): Promise<ExchangeOrder> {
    let mapped = toExchangeOrder(raw, context);
    const read: TradingErrorContext = { operation: 'read', market: context.market, symbol: context.market.symbol };
    if (!mapped.complete && mapped.order.id) {
      try {
        const again = await this.read(read, (ex) => ex.fetchOrder(mapped.order.id, context.market.symbol));
        mapped = toExchangeOrder(again, { ...context, known: { ...context.known, id: mapped.order.id } });
      } catch (error) {
        // The order exists; what is known of it is still worth returning.
        this.#options.logger?.warn({ exchange: this.name, orderId: mapped.order.id, err: error }, 'could not complete an order answer');
      }
    }
    const { order } = mapped;
    if (mapped.feeKnown) return order;
    try {
      const fee = this.#client?.has['fetchOrderTrades'] ? feeOfTrades(await this.read(read, (ex) => ex.fetchOrderTrades(order.id, context.market.symbol))) : undefined;
      if (fee) return { ...order, fee };
    } catch (error) {
      this.#options.logger?.warn({ exchange: this.name, orderId: order.id, err: error }, 'could not read the order fee; estimating it');
    }
    return { ...order, fee: { cost: order.cost.mul(this.takerFee(context.market.symbol)), currency: context.market.quote } };
  }

  /**
   * Our copy of the rules let the order through and the exchange's did not: they changed since the
   * markets were loaded. Reload them, and explain the rule with the exchange's current numbers.
   */
  private async withFreshRules(error: ExchangeRuleBroken, context: TradingErrorContext): Promise<ExchangeRuleBroken> {
    if (this.marketsCache) this.marketsCache.expires = 0;
    const fresh = await this.market(context.symbol ?? '').catch(() => context.market);
    return new ExchangeRuleBroken(error.filter, filterMessage(error.filter, { ...context, market: fresh }), { cause: error.cause, detail: error.message });
  }

  private async askPrice(market: Market): Promise<number> {
    const ticker = await this.read({ operation: 'read', market, symbol: market.symbol }, (ex) => ex.fetchTicker(market.symbol));
    const ask = ticker.ask ?? ticker.last;
    if (!ask) throw new TemporaryError('The exchange sent no price for this market. Please try again.');
    return ask;
  }

  private async market(symbol: string): Promise<Market> {
    const market = (await this.marketMap()).get(symbol.trim().toUpperCase());
    if (!market) throw new UnknownSymbol(symbol);
    return market;
  }

  private marketMap(): Promise<Map<string, Market>> {
    const now = this.now();
    if (this.marketsCache && this.marketsCache.expires > now) return this.marketsCache.value;
    const reload = this.marketsCache !== undefined;
    const value = this.read({ operation: 'read' }, async (ex) => {
      const out = new Map<string, Market>();
      const shared = this.#options.sharedMarkets !== undefined;
      for (const m of Object.values(await ex.loadMarkets(reload, shared && reload ? { [FETCH_FRESH]: true } : {}))) {
        const market = m && m.spot === true ? toMarket(m, ex.precisionMode) : undefined;
        if (market) out.set(market.symbol, market);
      }
      return out;
    });
    const entry = { expires: now + (this.#options.marketsTtlMs ?? 3_600_000), value };
    this.marketsCache = entry;
    value.catch(() => {
      if (this.marketsCache === entry) this.marketsCache = { expires: 0, value };
    });
    return value;
  }

  /** A call that changes nothing: retried on temporary errors. */
  private read<T>(context: TradingErrorContext, call: (exchange: CcxtExchange) => Promise<T>): Promise<T> {
    return retryTemporary(
      () => this.once(context, call),
      this.policy,
      (error, attempt, waitMs) => this.#options.logger?.warn({ exchange: this.name, attempt, waitMs, err: error }, 'exchange read failed; retrying'),
    );
  }

  /** One call, errors translated; nothing is sent while a Retry-After runs. */
  private async once<T>(context: TradingErrorContext, call: (exchange: CcxtExchange) => Promise<T>): Promise<T> {
    const exchange = await this.exchange();
    this.checkRateGate();
    const stats = this.#options.venueStats;
    const venue = `${this.profile.id}${this.#options.sandbox ? '-testnet' : ''}`;
    try {
      return stats ? await measured(stats, venue, this.#options.clock, () => call(exchange), (error) => (isCcxtTimeout(error) ? 'timeout' : 'error')) : await call(exchange);
    } catch (error) {
      throw this.translate(error, context);
    }
  }

  private translate(error: unknown, context: TradingErrorContext): AppError {
    const translated = translateTradingError(error, context, this.#secrets);
    if (translated instanceof RateLimited) this.blockedUntil = Math.max(this.blockedUntil, this.now() + translated.retryAfterMs);
    if (binanceErrorOf(error)?.code === -1021) void this.#client?.loadTimeDifference().catch(() => undefined);
    return translated;
  }

  private checkRateGate(): void {
    const waitMs = this.blockedUntil - this.now();
    if (waitMs > 0) throw new RateLimited(waitMs, { detail: `${this.name}: waiting out the exchange's Retry-After` });
  }

  private remember(clientOrderId: string, state: SentState): void {
    this.sent.delete(clientOrderId);
    this.sent.set(clientOrderId, state);
    if (this.sent.size > REMEMBERED_IDS) this.sent.delete(this.sent.keys().next().value!);
  }

  private now(): number {
    return this.#options.clock.now();
  }

  private exchange(): Promise<CcxtExchange> {
    if (this.#client) return Promise.resolve(this.#client);
    const o = this.#options;
    this.#clientPromise ??= createTradingClient({
      profile: this.profile,
      settings: { recvWindowMs: o.recvWindowMs ?? 5_000 },
      apiKey: o.apiKey,
      secret: o.secret,
      password: o.password,
      uid: o.uid,
      sandbox: o.sandbox,
      baseUrl: o.baseUrl,
      timeoutMs: o.timeoutMs,
      clock: o.clock,
    }).then(
      (client) => {
        o.sharedMarkets?.share(client, `${this.profile.id}:${o.sandbox ? 'sandbox' : 'live'}:${o.baseUrl ?? ''}`);
        return (this.#client = client);
      },
      (error: unknown) => {
        this.#clientPromise = undefined;
        throw error;
      },
    );
    return this.#clientPromise;
  }
}

/** ccxt's RequestTimeout: the request got no answer within our limit. */
function isCcxtTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'RequestTimeout';
}
