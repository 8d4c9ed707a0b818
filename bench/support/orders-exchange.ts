// The exchange side of the orders bench: the fake Binance with one well-funded account that every
// bench user's keys open, faults chosen per order (by client order id, so a fault lands on the flow
// that planned it however flows interleave), and the arrival time of every order request on the
// bench's clock for the confirm-to-request latency.
import { performance } from 'node:perf_hooks';
import { FakeAccount, FakeBinanceState, startFakeBinance, type FakeBinance, type FakeOrder, type Fault, type RecordedRequest } from '../../test/fakes/fake-binance/index.js';

/** What one flow asks of the exchange for its order: faults on the send and on the first lookup. */
export interface OrderChaos {
  send?: Fault;
  lookup?: Fault;
  /** Called as the order request arrives, before the exchange acts on it (a restart "mid-order"). */
  onArrival?: () => void;
}

export const SYMBOLS = { btc: 'BTCUSDT', eth: 'ETHUSDT', sol: 'SOLUSDT' } as const;

export class BenchExchange {
  private fake: FakeBinance | undefined;
  readonly state = new FakeBinanceState();
  readonly account = new FakeAccount(this.state);
  private readonly chaos = new Map<string, OrderChaos>();
  private readonly arrivals = new Map<string, number>();
  private readonly basePrices = new Map<string, number>();

  async start(): Promise<string> {
    // One account behind every user's keys: plenty of everything, so funds never decide a flow.
    for (const [asset, amount] of [['USDT', '100000000'], ['BTC', '1000'], ['ETH', '100000'], ['SOL', '1000000']] as const) this.account.fund(asset, amount);
    // Thin books on two markets: larger market orders there fill partly (the rest expires, as on
    // Binance) and marketable limits rest with a partial fill.
    this.account.setLiquidity(SYMBOLS.eth, '0.03');
    this.account.setLiquidity(SYMBOLS.sol, '0.4');
    for (const symbol of Object.values(SYMBOLS)) this.basePrices.set(symbol, this.state.symbol(symbol)!.price);
    this.fake = await startFakeBinance({ state: this.state, account: this.account, onRequest: (r) => this.onRequest(r) });
    return this.fake.url;
  }

  close(): Promise<void> {
    return this.fake?.close() ?? Promise.resolve();
  }

  price(symbol: string): number {
    return this.basePrices.get(symbol)!;
  }

  plan(clientOrderId: string, chaos: OrderChaos): void {
    this.chaos.set(clientOrderId, chaos);
  }

  /** When the first order request with this client id arrived (performance.now()), if one did. */
  arrival(clientOrderId: string): number | undefined {
    return this.arrivals.get(clientOrderId);
  }

  ordersWithClientId(clientOrderId: string): FakeOrder[] {
    return this.account.ordersWithClientId(clientOrderId);
  }

  allOrders(): readonly FakeOrder[] {
    return this.account.orders;
  }

  orderRequests(): number {
    return this.fake?.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order').length ?? 0;
  }

  /** A dip and a spike in one tick: resting limits near the price fill (partly, on thin books) and the sync job must book them. */
  wiggle(): void {
    for (const [symbol, price] of this.basePrices) {
      this.state.setPrice(symbol, toTick(price * 0.97));
      this.state.setPrice(symbol, toTick(price * 1.03));
      this.state.setPrice(symbol, price);
    }
  }

  private onRequest(request: RecordedRequest): Fault | undefined {
    if (request.path !== '/api/v3/order') return undefined;
    if (request.method === 'POST') {
      const id = request.params.newClientOrderId ?? '';
      if (!this.arrivals.has(id)) this.arrivals.set(id, performance.now());
      const chaos = this.chaos.get(id);
      chaos?.onArrival?.();
      const fault = chaos?.send;
      if (chaos) delete chaos.send; // once: a later send of the same id (if Parley ever made one) meets no fault
      return fault;
    }
    if (request.method === 'GET' && request.params.origClientOrderId) {
      const chaos = this.chaos.get(request.params.origClientOrderId);
      const fault = chaos?.lookup;
      if (chaos) delete chaos.lookup;
      return fault;
    }
    return undefined;
  }
}

/** BTC, ETH and SOL all tick at 0.01 USDT. */
const toTick = (value: number): number => Math.round(value * 100) / 100;
