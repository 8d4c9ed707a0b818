import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAccount, FakeBinanceState, startFakeBinance, type FakeBinance } from '../../test/fakes/fake-binance/index.js';
import { ManualClock, systemClock } from '../shared/clock.js';
import { dec } from '../shared/decimal.js';
import type { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { silentLogger } from '../shared/logger.js';
import type { Account } from '../trading/types.js';
import { CredentialsUnavailable, ExchangeKeys, type CredentialStore, type StoredCredentials } from './credential-store.js';
import { createExchangeResolver, KeysRefused, verifyExchangeKeys, type ExchangeRegistryOptions } from './exchange-registry.js';
import type { ExchangePort } from '../trading/exchange-port.js';

/** The accounts table, in memory: keys per account id, with a stamp that changes when they do. */
class MemoryCredentials implements CredentialStore {
  readonly stored = new Map<number, { apiKey: string; secret: string; version: number }>();
  loads = 0;
  stampChecks = 0;
  set(accountId: number, apiKey: string, secret: string): void {
    this.stored.set(accountId, { apiKey, secret, version: (this.stored.get(accountId)?.version ?? 0) + 1 });
  }
  async credentials(accountId: number): Promise<StoredCredentials> {
    this.loads++;
    const entry = this.stored.get(accountId);
    if (!entry) throw new CredentialsUnavailable('disconnected');
    return { keys: new ExchangeKeys(entry.apiKey, entry.secret), stamp: `v${entry.version}` };
  }
  async credentialStamp(accountId: number): Promise<string | null> {
    this.stampChecks++;
    const entry = this.stored.get(accountId);
    return entry ? `v${entry.version}` : null;
  }
}

const paperExchange = { name: 'paper', paper: true } as ExchangePort;
const live = (id: number, mode: Account['mode'] = 'live'): Account => ({ id, userId: 1, exchange: 'binance', mode });
const marketBuy = (clientOrderId = newId()) => ({ clientOrderId, symbol: 'BTC/USDT', side: 'buy' as const, type: 'market' as const, amount: dec('0.001') });
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as AppError);

describe('exchange registry', () => {
  let fake: FakeBinance;
  let account: FakeAccount;
  const posts = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order');

  beforeAll(async () => {
    const state = new FakeBinanceState();
    account = new FakeAccount(state);
    fake = await startFakeBinance({ state, account });
    account.fund('USDT', '10000');
  });
  afterAll(async () => {
    await fake?.close();
  });

  const registry = (store: CredentialStore, more: Partial<ExchangeRegistryOptions> = {}) =>
    createExchangeResolver({
      paperFor: () => paperExchange,
      accounts: store,
      clock: systemClock,
      logger: silentLogger(),
      baseUrl: fake.url,
      adapterOptions: { timeoutMs: 2_000, retryBaseDelayMs: 5 },
      ...more,
    });

  it('gives paper accounts the paper exchange, and each live account one cached client', async () => {
    const store = new MemoryCredentials();
    store.set(1, account.apiKey, account.secret);
    const resolve = registry(store);
    expect(resolve({ id: 9, userId: 1, exchange: 'paper', mode: 'paper' })).toBe(paperExchange);
    const exchange = resolve(live(1));
    expect(resolve(live(1))).toBe(exchange);
    expect(exchange).toMatchObject({ name: 'binance', paper: false });
    expect(exchange.capabilities.nativeStopLoss).toBe(true);
    // Synchronous resolution, lazy keys: nothing is read before the first call.
    expect(store.loads).toBe(0);
    expect(exchange.takerFee('BTC/USDT').toFixed()).toBe('0.001');
    const balances = await exchange.fetchBalance();
    expect(balances.get('USDT')?.free.gte(1)).toBe(true);
    await exchange.fetchBalance();
    expect(store.loads).toBe(1);
    resolve.forget(1);
    expect(resolve(live(1))).not.toBe(exchange);
  });

  it('fetches an exchange’s market list once for all its accounts, even when they all start at once', async () => {
    const store = new MemoryCredentials();
    for (const id of [21, 22, 23]) store.set(id, account.apiKey, account.secret);
    const resolve = registry(store);
    const before = fake.count('/api/v3/exchangeInfo');
    const [first, second, third] = [21, 22, 23].map((id) => resolve(live(id)));
    await Promise.all([first!.markets(), second!.ticker('BTC/USDT'), third!.fetchBalance()]);
    await third!.ticker('ETH/USDT');
    expect(fake.count('/api/v3/exchangeInfo') - before).toBe(1);
    await expect(second!.createOrder(marketBuy())).resolves.toMatchObject({ status: 'closed' });
  });

  it('trades through the account’s keys: the client order id reaches the exchange', async () => {
    const store = new MemoryCredentials();
    store.set(2, account.apiKey, account.secret);
    const exchange = registry(store)(live(2, 'testnet'));
    const request = marketBuy();
    const order = await exchange.createOrder(request);
    expect(order).toMatchObject({ clientOrderId: request.clientOrderId, status: 'closed' });
    expect(posts().filter((p) => p.params.newClientOrderId === request.clientOrderId)).toHaveLength(1);
  });

  it('explains refused keys: “Your Binance keys were refused”, with the exchange for each interface to phrase what to do', async () => {
    const store = new MemoryCredentials();
    store.set(3, account.apiKey, 'not-the-secret-0000000000000000');
    const exchange = registry(store)(live(3));
    const error = await failure(exchange.fetchBalance());
    expect(error).toBeInstanceOf(KeysRefused);
    expect(error.userMessage).toMatch(/^Your Binance keys were refused: connect the account again/);
    expect(error).toMatchObject({ code: 'exchange.keys_refused', params: { exchange: 'Binance' } });
    expect(`${error.message} ${error.stack}`).not.toContain('not-the-secret');
    const before = account.orders.length;
    expect(await failure(exchange.createOrder(marketBuy()))).toBeInstanceOf(KeysRefused);
    expect(account.orders).toHaveLength(before);
  });

  it('uses new keys as soon as they are stored, and sends nothing once the account is disconnected', async () => {
    const store = new MemoryCredentials();
    store.set(4, 'revoked-key-0000000000000000', account.secret);
    const exchange = registry(store)(live(4));
    expect(await failure(exchange.fetchBalance())).toBeInstanceOf(KeysRefused);
    // Reconnected (perhaps on another instance): the next order re-checks the stored keys.
    store.set(4, account.apiKey, account.secret);
    await expect(exchange.createOrder(marketBuy())).resolves.toMatchObject({ status: 'closed' });
    store.stored.delete(4);
    const before = posts().length;
    const error = await failure(exchange.createOrder(marketBuy()));
    expect(error).toBeInstanceOf(CredentialsUnavailable);
    expect(error.userMessage).toContain('no longer connected');
    expect(posts()).toHaveLength(before);
  });

  it('re-checks the keys before every order, and on reads only once in a while', async () => {
    const store = new MemoryCredentials();
    store.set(5, account.apiKey, account.secret);
    const clock = new ManualClock(Date.now());
    // Signed requests need the real time; only the registry's re-check interval reads this clock.
    const exchange = registry(store, { clock: { now: () => clock.now() }, adapterOptions: { clock: systemClock, timeoutMs: 2_000 } })(live(5));
    await exchange.fetchBalance();
    await exchange.fetchBalance();
    expect(store.stampChecks).toBe(0);
    clock.advance(61_000);
    await exchange.fetchBalance();
    expect(store.stampChecks).toBe(1);
    await exchange.createOrder(marketBuy());
    expect(store.stampChecks).toBe(2);
    expect(store.loads).toBe(1);
  });

  it('reports an account without keys clearly, before any request', async () => {
    const exchange = registry(new MemoryCredentials())(live(6));
    const before = fake.requests.length;
    const error = await failure(exchange.fetchBalance());
    expect(error).toBeInstanceOf(CredentialsUnavailable);
    expect(fake.requests).toHaveLength(before);
  });

  it('never shows the keys in JSON or util.inspect', async () => {
    const store = new MemoryCredentials();
    store.set(7, account.apiKey, account.secret);
    // A store holding plain keys would show them; the registry must not lead there.
    const exchange = registry(store)(live(7));
    await exchange.fetchBalance();
    const keys = (await store.credentials(7)).keys;
    for (const text of [JSON.stringify(exchange), inspect(exchange, { depth: 6 }), JSON.stringify({ keys }), inspect({ keys })]) {
      expect(text).not.toContain(account.secret);
      expect(text).not.toContain(account.apiKey);
    }
  });

  describe('verifyExchangeKeys', () => {
    const settings = () => ({ clock: systemClock, logger: silentLogger(), baseUrl: fake.url, adapterOptions: { timeoutMs: 2_000 } });

    it('passes keys the exchange accepts, live or testnet', async () => {
      for (const mode of ['live', 'testnet'] as const) {
        await expect(verifyExchangeKeys({ exchange: 'binance', mode, keys: new ExchangeKeys(account.apiKey, account.secret) }, settings())).resolves.toEqual({ assets: expect.any(Number) });
      }
    });

    it('refuses a wrong secret or key with KeysRefused', async () => {
      for (const keys of [new ExchangeKeys(account.apiKey, 'wrong-secret-123456'), new ExchangeKeys('wrong-key-123456', account.secret)]) {
        const error = await failure(verifyExchangeKeys({ exchange: 'binance', mode: 'live', keys }, settings()));
        expect(error).toBeInstanceOf(KeysRefused);
        expect(error.userMessage).toContain('Binance keys were refused');
      }
    });

    it('says plainly when an exchange has no testnet', async () => {
      const error = await failure(verifyExchangeKeys({ exchange: 'kraken', mode: 'testnet', keys: new ExchangeKeys('k'.repeat(20), 's'.repeat(20)) }, settings()));
      expect(error.userMessage).toContain('no test environment');
    });
  });
});
