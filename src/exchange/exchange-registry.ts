import type { Market, OrderBook, Ticker } from '../market/types.js';
import type { Clock } from '../shared/clock.js';
import { Decimal } from '../shared/decimal.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Account } from '../trading/types.js';
import { CcxtExchangeAdapter, type CcxtExchangeAdapterOptions } from './ccxt-exchange-adapter.js';
import { profileFor, type ExchangeProfile, type SupportedExchangeId } from './ccxt-exchange-profiles.js';
import { CredentialsUnavailable, type CredentialStore, type ExchangeKeys } from './credential-store.js';
import { SharedMarketList } from './shared-market-list.js';
import type { Balances, ExchangeCapabilities, ExchangeOrder, ExchangePort, OrderRequest } from '../trading/exchange-port.js';

/** Options every live client gets: the clock, EXCHANGE_BASE_URL, a logger. */
export interface LiveClientSettings {
  clock: Clock;
  logger: Logger;
  /** EXCHANGE_BASE_URL: every exchange call goes there instead (a proxy; tests: the fake Binance). */
  baseUrl?: string | undefined;
  /** Extra adapter options (tests: short timeouts). */
  adapterOptions?: Partial<CcxtExchangeAdapterOptions>;
}

export interface ExchangeRegistryOptions extends LiveClientSettings {
  /** The paper exchange of a paper account (built by the composition root). */
  paperFor: (account: Account) => ExchangePort;
  accounts: CredentialStore;
  /** How long a read may go on with keys not re-checked against the database (default 60 s). */
  recheckMs?: number;
  /** Live clients kept at most (least recently used dropped first; default 1000). */
  maxClients?: number;
}

/** The trading core's resolver, plus a way to drop a cached client whose keys changed. */
export interface ExchangeRegistry {
  (account: Account): ExchangePort;
  forget(accountId: number): void;
}

const DEFAULT_TAKER_FEE = new Decimal('0.001');
/** The adapter's own default (ccxt sends it as Binance's recvWindow). */
const DEFAULT_RECV_WINDOW_MS = 5_000;

/** "Your Binance keys were refused; reconnect with /connect." — the exchange said no to the stored keys. */
export class KeysRefused extends AppError {
  constructor(label: string, options?: { cause?: unknown; detail?: string }) {
    super('exchange.keys_refused', `Your ${label} keys were refused: connect the account again with working keys. (Check that the key still exists and may trade.)`, { ...options, params: { exchange: label } });
  }
}

/**
 * Resolves an account to its exchange: the paper exchange for paper accounts; for live and
 * testnet accounts a ccxt adapter (sandbox for testnet) built once per account and cached. The
 * resolver stays synchronous, as the trading core wants it: what it returns loads the account's
 * keys on first use. Orders re-check the keys against the database every time (a disconnect or a
 * reconnect on another instance takes effect at once); reads do so every `recheckMs`.
 */
export function createExchangeResolver(options: ExchangeRegistryOptions): ExchangeRegistry {
  const clients = new Map<number, LiveExchange>();
  const sharedMarkets = new SharedMarketList();
  const withShared: ExchangeRegistryOptions = { ...options, adapterOptions: { sharedMarkets, ...options.adapterOptions } };
  const max = options.maxClients ?? 1000;
  const resolve = (account: Account): ExchangePort => {
    if (account.mode === 'paper' || account.exchange === 'paper') return options.paperFor(account);
    const cached = clients.get(account.id);
    if (cached && cached.exchangeId === account.exchange && cached.sandbox === (account.mode === 'testnet')) {
      clients.delete(account.id);
      clients.set(account.id, cached); // most recently used last
      return cached;
    }
    const created = new LiveExchange(account, withShared);
    clients.set(account.id, created);
    if (clients.size > max) clients.delete(clients.keys().next().value!);
    return created;
  };
  return Object.assign(resolve, { forget: (accountId: number) => void clients.delete(accountId) });
}

interface Loaded {
  adapter: CcxtExchangeAdapter;
  stamp: string;
  checkedAt: number;
}

/** One live account's ExchangePort: a CcxtExchangeAdapter made on first use, with the errors explained. */
class LiveExchange implements ExchangePort {
  readonly name: string;
  readonly paper = false;
  readonly capabilities: ExchangeCapabilities;
  readonly exchangeId: SupportedExchangeId;
  readonly sandbox: boolean;
  readonly settleMs: number;
  private readonly profile: ExchangeProfile;
  private readonly account: Account;
  // ES private: the client holds the keys, and the store may; neither belongs in a log or a dump.
  readonly #options: ExchangeRegistryOptions;
  #loaded: Loaded | undefined;
  #loading: Promise<Loaded> | undefined;

  constructor(account: Account, options: ExchangeRegistryOptions) {
    this.account = account;
    this.#options = options;
    this.profile = profileFor(account.exchange);
    this.exchangeId = this.profile.id;
    // Shown in previews: a testnet must never look like the real thing.
    this.name = account.mode === 'testnet' ? `${this.profile.id} testnet` : this.profile.id;
    this.sandbox = account.mode === 'testnet';
    this.settleMs = this.profile.settleMs({ recvWindowMs: options.adapterOptions?.recvWindowMs ?? DEFAULT_RECV_WINDOW_MS });
    this.capabilities = { ...this.profile.capabilities, ...options.adapterOptions?.capabilities };
  }

  markets(): Promise<Market[]> {
    return this.call('read', (a) => a.markets());
  }

  takerFee(symbol: string): Decimal {
    // Synchronous by contract: before the first call has loaded the client, the usual default.
    return this.#loaded?.adapter.takerFee(symbol) ?? DEFAULT_TAKER_FEE;
  }

  fetchBalance(): Promise<Balances> {
    return this.call('read', (a) => a.fetchBalance());
  }

  ticker(symbol: string): Promise<Ticker> {
    return this.call('read', (a) => a.ticker(symbol));
  }

  orderBook(symbol: string, depth?: number): Promise<OrderBook> {
    return this.call('read', (a) => a.orderBook(symbol, depth));
  }

  createOrder(request: OrderRequest): Promise<ExchangeOrder> {
    return this.call('order', (a) => a.createOrder(request));
  }

  fetchOrderByClientId(symbol: string, clientOrderId: string): Promise<ExchangeOrder | null> {
    return this.call('read', (a) => a.fetchOrderByClientId(symbol, clientOrderId));
  }

  fetchOrder(symbol: string, orderId: string): Promise<ExchangeOrder> {
    return this.call('read', (a) => a.fetchOrder(symbol, orderId));
  }

  fetchOpenOrders(symbol?: string): Promise<ExchangeOrder[]> {
    return this.call('read', (a) => a.fetchOpenOrders(symbol));
  }

  cancelOrder(symbol: string, orderId: string): Promise<ExchangeOrder> {
    return this.call('order', (a) => a.cancelOrder(symbol, orderId));
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, accountId: this.account.id, sandbox: this.sandbox };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `LiveExchange ${JSON.stringify(this.toJSON())}`;
  }

  private async call<T>(kind: 'read' | 'order', run: (adapter: CcxtExchangeAdapter) => Promise<T>): Promise<T> {
    const { adapter } = await this.adapter(kind === 'order');
    try {
      return await run(adapter);
    } catch (error) {
      throw this.explain(error);
    }
  }

  /** The adapter for the keys stored now: re-checked before every order, and on reads once `recheckMs` has passed. */
  private async adapter(strict: boolean): Promise<Loaded> {
    const loaded = this.#loaded;
    const now = this.#options.clock.now();
    if (loaded && !strict && now - loaded.checkedAt < (this.#options.recheckMs ?? 60_000)) return loaded;
    if (loaded) {
      const stamp = await this.#options.accounts.credentialStamp(this.account.id);
      if (stamp === loaded.stamp) {
        loaded.checkedAt = now;
        return loaded;
      }
      // Reconnected with other keys, or disconnected: this client must not be used again.
      if (this.#loaded === loaded) this.#loaded = undefined;
      if (stamp === null) throw new CredentialsUnavailable('disconnected', { detail: `account ${this.account.id}` });
    }
    this.#loading ??= this.load().finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  private async load(): Promise<Loaded> {
    const { keys, stamp } = await this.#options.accounts.credentials(this.account.id);
    const adapter = buildAdapter(this.profile.id, this.sandbox, keys, this.#options);
    this.#options.logger.info({ accountId: this.account.id, exchange: this.name, sandbox: this.sandbox }, 'live exchange client ready');
    const loaded = { adapter, stamp, checkedAt: this.#options.clock.now() };
    this.#loaded = loaded;
    return loaded;
  }

  private explain(error: unknown): unknown {
    if (error instanceof AppError && error.code === 'exchange.auth') {
      return new KeysRefused(`${this.profile.label}${this.sandbox ? ' testnet' : ''}`, { cause: error, detail: `account ${this.account.id}: ${error.message}` });
    }
    return error;
  }
}

function buildAdapter(exchangeId: SupportedExchangeId, sandbox: boolean, keys: ExchangeKeys, settings: LiveClientSettings): CcxtExchangeAdapter {
  return new CcxtExchangeAdapter({
    exchangeId,
    apiKey: keys.apiKey,
    secret: keys.secret,
    ...(keys.passphrase !== undefined ? { password: keys.passphrase } : {}),
    sandbox,
    clock: settings.clock,
    logger: settings.logger,
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
    ...settings.adapterOptions,
  });
}

export interface KeyCheck {
  exchange: string;
  mode: 'live' | 'testnet';
  keys: ExchangeKeys;
}

/**
 * Tries keys before anything is stored: one balance call through a throwaway adapter. Resolves
 * with how many assets the account holds; a refusal is KeysRefused, anything else the adapter's
 * own error (a timeout is a TemporaryError, "no testnet" a ConfigError).
 */
export async function verifyExchangeKeys(check: KeyCheck, settings: LiveClientSettings): Promise<{ assets: number }> {
  const profile = profileFor(check.exchange);
  const adapter = buildAdapter(profile.id, check.mode === 'testnet', check.keys, { ...settings, adapterOptions: { readRetries: 1, ...settings.adapterOptions } });
  try {
    const balances = await adapter.fetchBalance();
    return { assets: [...balances.values()].filter((b) => b.total.gt(0)).length };
  } catch (error) {
    if (error instanceof AppError && error.code === 'exchange.auth') {
      throw new KeysRefused(`${profile.label}${check.mode === 'testnet' ? ' testnet' : ''}`, { cause: error, detail: error.message });
    }
    throw error;
  }
}
