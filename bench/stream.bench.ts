// `npm run -s bench stream`: ticks per second from a (fake) exchange websocket through the tick bus
// to the alert book, and the time from a trade leaving the websocket to its alert's notification
// written to the outbox (p50/p99).
//
// The path measured is the production one: the fake Binance websocket (test/fakes) → ccxt pro
// watchTrades → ResilientTickSource → the tick bus (Redis pub/sub when REDIS_URL or TEST_REDIS_URL
// is set, else in process) → AlertWatcher.onTick (an AlertBook of --alerts level alerts) →
// AlertService.fireReached (the store's conditional trigger + the notice, as the checking pass).
// The store is the in-memory one of the unit tests (test/support/memory-alert-store.ts): the
// database's UPDATE + outbox INSERT is NOT included (PGlite ≈ 0.2–1 ms, PostgreSQL less; see
// STACK-NOTES). The fake server runs in this process, so its sending shares the CPU with the client.
//
// Baseline, same run: the same websocket and ccxt watchTrades with the ticks only counted (no bus,
// no book): the ratio says what the bus and the book cost on top of receiving the stream.
//   options: --ticks=N (100000 per throughput run) --fires=F (2000 firing ticks for the latency)
//            --alerts=A (100000 alerts in the book) --rate=R (firing ticks per second, 500)
import { performance } from 'node:perf_hooks';
import { startFakeBinance } from '../test/fakes/fake-binance/index.js';
import { startFakeBinanceWs, type FakeBinanceWs } from '../test/fakes/fake-binance-ws.js';
import { MemoryAlertStore } from '../test/support/memory-alert-store.js';
import { SettableMarketData } from '../test/support/settable-market-data.js';
import { AlertService } from '../src/alerts/alert-service.js';
import { AlertWatcher } from '../src/alerts/alert-watcher.js';
import { createCcxtProChannels } from '../src/market/ccxt-pro-ticks.js';
import { MarketDirectory } from '../src/market/market-directory.js';
import { ResilientTickSource } from '../src/market/resilient-ticks.js';
import { realTimers, type Tick, type TickBus } from '../src/market/tick.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';
import { MemoryTickBus } from '../src/streams/memory-tick-bus.js';
import { RedisTickBus } from '../src/streams/redis-tick-bus.js';

const arg = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TICKS = arg('ticks', 100_000);
const FIRES = arg('fires', 2_000);
const ALERTS = arg('alerts', 100_000);
const RATE = arg('rate', 500);
const REDIS_URL = process.env.REDIS_URL || process.env.TEST_REDIS_URL || undefined;
const SYMBOL = 'BTC/USDT';
const BASE = 40_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) return false;
    await sleep(1);
  }
  return true;
}

/** Sends `n` trades as fast as the socket takes them, a batch per turn of the event loop. */
async function blast(ws: FakeBinanceWs, n: number, price: (i: number) => string): Promise<void> {
  for (let i = 0; i < n; ) {
    const end = Math.min(n, i + 200);
    for (; i < end; i++) ws.trade('BTCUSDT', price(i));
    await new Promise((r) => setImmediate(r));
  }
}

async function streamTo(ws: FakeBinanceWs, restUrl: string, onTick: (tick: Tick) => void): Promise<ResilientTickSource> {
  const channels = await createCcxtProChannels({ clock: systemClock, baseUrl: restUrl, wsUrl: ws.url });
  // Trades only: one tick per message, the gap check off (no ticker stream here).
  const source = new ResilientTickSource({ channels, subscribe: ['trades'], restPrice: async () => ({ last: BASE, timestamp: Date.now() }), timers: realTimers, logger: silentLogger(), gapMs: 3_600_000 });
  source.start([SYMBOL], onTick);
  await ws.waitForSubscription('btcusdt@trade');
  return source;
}

/** Ticks/s received over `TICKS` trades: from the first send to the last tick seen. */
async function throughput(ws: FakeBinanceWs, counted: () => number): Promise<{ perSecond: number; received: number }> {
  const start = counted();
  const t0 = performance.now();
  // Prices wander between 40,000 and 40,099: they reach none of the book's alerts.
  await blast(ws, TICKS, (i) => String(BASE + (i % 100)));
  await until(() => counted() - start >= TICKS, 60_000);
  const seconds = (performance.now() - t0) / 1000;
  const received = counted() - start;
  return { perSecond: received / seconds, received };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  console.log(`stream bench: ${TICKS} trades per throughput run, ${FIRES} firing trades at ${RATE}/s, ${ALERTS} alerts in the book, node ${process.version}`);
  const [rest, ws] = await Promise.all([startFakeBinance(), startFakeBinanceWs()]);

  // Baseline: the websocket and ccxt alone.
  let rawCount = 0;
  const raw = await streamTo(ws, rest.url, () => rawCount++);
  await throughput(ws, () => rawCount); // warm-up
  const baseline = { ...(await throughput(ws, () => rawCount)) };
  await raw.stop();
  console.log(`baseline (websocket → ccxt → count): ${baseline.perSecond.toFixed(0)} ticks/s`);

  // The pipeline: bus and book.
  const bus: TickBus = REDIS_URL ? new RedisTickBus({ redisUrl: REDIS_URL, prefix: `bench-${process.pid}:`, logger: silentLogger() }) : new MemoryTickBus();
  const market = new SettableMarketData(systemClock);
  market.set(SYMBOL, BASE);
  const store = new MemoryAlertStore();
  const alerts = new AlertService({ store, marketData: market, markets: new MarketDirectory(market, systemClock), clock: systemClock, logger: silentLogger(), maxActivePerUser: 1e9 });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  // The book: ALERTS alerts far from the price (50,000 and up, 30,000 and down: no trade here
  // reaches them, so they are only in the book, not in the store), plus FIRES "above" alerts at
  // 45,000 + i, in the store, that the latency run crosses one at a time.
  const created = new Date();
  for (let i = 0; i < FIRES; i++) await store.create({ id: `fire-${i}`, userId: 5000 + i, symbol: SYMBOL, createdAt: created, direction: 'above', price: String(45_000 + i) }, { maxActive: 1e9 });
  const stored = await store.active({ limit: FIRES + 1 });
  const far = Array.from({ length: ALERTS }, (_, i) => {
    const above = i % 2 === 0;
    return { ...stored[0]!, id: `far-${String(i).padStart(7, '0')}`, direction: above ? ('above' as const) : ('below' as const), price: String(above ? 50_000 + i / 10 : 30_000 - i / 10), kind: 'level' as const };
  });
  const everything = [...far, ...stored].sort((a, b) => (a.id < b.id ? -1 : 1));
  const bookSource = {
    active: async (page: { afterId?: string | undefined; limit: number }) => everything.filter((a) => page.afterId === undefined || a.id > page.afterId).slice(0, page.limit),
    get: (id: string) => store.get(id),
  };
  const watcher = new AlertWatcher({
    store: bookSource,
    fire: async (ids, tick) => {
      const fired = await alerts.fireReached(ids, tick);
      const sent = sentAt.get(tick.last);
      if (sent !== undefined && fired.length > 0) latencies.push(performance.now() - sent);
      return fired;
    },
    clock: systemClock,
    logger: silentLogger(),
  });
  await watcher.rebuild();
  let booked = 0;
  bus.onTick((tick) => {
    booked++;
    watcher.onTick(tick);
  });
  await bus.ready();
  const source = await streamTo(ws, rest.url, (tick) => void bus.publish(tick).catch(() => {}));
  await throughput(ws, () => booked); // warm-up
  const piped = await throughput(ws, () => booked);
  console.log(`pipeline (websocket → ccxt → ${bus.kind} bus → book of ${watcher.size} alerts): ${piped.perSecond.toFixed(0)} ticks/s`);

  // Latency: a trade crossing one more alert every 1/RATE s, with 4 quiet trades between.
  for (let i = 0; i < FIRES; i++) {
    const price = 45_000 + i + 0.5;
    sentAt.set(price, performance.now());
    ws.trade('BTCUSDT', String(price));
    for (let q = 0; q < 4; q++) ws.trade('BTCUSDT', String(BASE + q));
    await sleep(1000 / RATE);
  }
  await until(() => latencies.length >= FIRES, 30_000);
  await watcher.settled();
  const told = store.told.filter((n) => n.key.startsWith('alert:fire-')).length;
  const sorted = [...latencies].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  console.log(`tick → notification enqueued (in-memory store): p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${sorted.at(-1)?.toFixed(2)} ms over ${latencies.length} firings; notices written ${told} (each alert once: ${told === FIRES ? 'yes' : 'NO'})`);

  await source.stop();
  await bus.close();

  // The baseline again, after the pipeline (the first run is the colder one): the better of the two counts.
  const again = await streamTo(ws, rest.url, () => rawCount++);
  const second = await throughput(ws, () => rawCount);
  await again.stop();
  console.log(`baseline again: ${second.perSecond.toFixed(0)} ticks/s`);
  baseline.perSecond = Math.max(baseline.perSecond, second.perSecond);
  console.log(`ratio pipeline/baseline: ${(piped.perSecond / baseline.perSecond).toFixed(2)} (baseline ${baseline.perSecond.toFixed(0)} ticks/s)`);
  await Promise.all([ws.close(), rest.close()]);
  console.log(`stream: ticks_per_s=${piped.perSecond.toFixed(0)} p99_ms=${p99.toFixed(2)} bus=${bus.kind} baseline_ticks_per_s=${baseline.perSecond.toFixed(0)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
