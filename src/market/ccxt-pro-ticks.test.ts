import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../test/fakes/fake-binance/index.js';
import { startFakeBinanceWs, type FakeBinanceWs } from '../../test/fakes/fake-binance-ws.js';
import { silentLogger } from '../shared/logger.js';
import { systemClock } from '../shared/clock.js';
import { createCcxtProChannels } from './ccxt-pro-ticks.js';
import { backoffDelayMs, ResilientTickSource } from './resilient-ticks.js';
import { realTimers, type Tick } from './tick.js';
import { until } from '../../test/support/until.js';

/** Waits (polling every few ms) until `check` holds; fails after `ms`. */
describe('backoffDelayMs', () => {
  it('doubles from the base up to the cap, half of it jittered', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelayMs(a, 100, 1_000, 0))).toEqual([50, 100, 200, 400, 500]);
    expect([0, 1, 2, 3, 10].map((a) => backoffDelayMs(a, 100, 1_000, 0.999))).toEqual([100, 200, 400, 800, 1000]);
  });
});

describe('ccxt pro streams against a fake Binance websocket (loopback)', () => {
  let rest: FakeBinance;
  let ws: FakeBinanceWs;
  let source: ResilientTickSource;
  let ticks: Tick[];
  let restCalls: number;
  let market: ReturnType<typeof setInterval>;
  let price: string;

  beforeEach(async () => {
    [rest, ws] = await Promise.all([startFakeBinance(), startFakeBinanceWs()]);
    // The exchange's ticker stream: an update every 20 ms (Binance: every second), lost when nobody is subscribed.
    price = '50000.5';
    market = setInterval(() => ws.ticker('BTCUSDT', price), 20);
    ticks = [];
    restCalls = 0;
    const channels = await createCcxtProChannels({ clock: systemClock, baseUrl: rest.url, wsUrl: ws.url });
    source = new ResilientTickSource({
      channels,
      restPrice: async () => ({ last: 40_000 + restCalls++, timestamp: Date.now() }),
      timers: realTimers,
      logger: silentLogger(),
      gapMs: 400,
      backoffMs: 20,
      maxBackoffMs: 100,
      fallbackEveryMs: 20,
      random: () => 0.5,
    });
  });

  afterEach(async () => {
    clearInterval(market);
    await source.stop();
    await Promise.all([ws.close(), rest.close()]);
  });

  const wsTicks = () => ticks.filter((t) => t.source === 'ws');

  it('turns ticker and trade messages into ticks, every trade of a burst included', async () => {
    source.start(['BTC/USDT'], (t) => ticks.push(t));
    await Promise.all([ws.waitForSubscription('btcusdt@miniTicker'), ws.waitForSubscription('btcusdt@trade')]);
    await until(() => source.state() === 'up' && wsTicks().length > 0);
    await until(() => wsTicks().length > 0);
    expect(wsTicks()[0]).toMatchObject({ symbol: 'BTC/USDT', last: 50000.5, source: 'ws' });
    // A spike up and straight back between two ticker updates: both trades become ticks.
    expect(ws.trade('BTCUSDT', '50900') + ws.trade('BTCUSDT', '50010')).toBe(2);
    await until(() => wsTicks().some((t) => t.last === 50010));
    expect(wsTicks().filter((t) => t.last !== 50000.5).map((t) => t.last)).toEqual([50900, 50010]);
    expect(source.state()).toBe('up');
  });

  it('after a drop, reconnects with backoff, polls REST meanwhile, and streams again', async () => {
    source.start(['BTC/USDT'], (t) => ticks.push(t));
    await ws.waitForSubscription('btcusdt@miniTicker');
    ws.refusing = true;
    ws.dropAll();
    // Down: REST prices stand in, and the client keeps trying (each try is refused).
    await until(() => source.state() === 'down' && ticks.filter((t) => t.source === 'rest').length >= 3 && ws.connections >= 3, 5_000, () => JSON.stringify({ s: source.state(), c: source.counts(), n: ws.connections, r: restCalls }));
    ws.refusing = false;
    await ws.waitForSubscription('btcusdt@miniTicker', 2);
    price = '51000';
    await until(() => wsTicks().some((t) => t.last === 51000));
    await until(() => source.state() === 'up');
    const restAfterUp = ticks.filter((t) => t.source === 'rest').length;
    await new Promise((r) => setTimeout(r, 80));
    // Back up: the REST poll has stopped.
    expect(ticks.filter((t) => t.source === 'rest').length).toBeLessThanOrEqual(restAfterUp + 1);
    expect(source.counts().failures).toBeGreaterThanOrEqual(2);
  });

  it('a silent stream (a gap) is treated as down and subscribed again', async () => {
    source.start(['BTC/USDT'], (t) => ticks.push(t));
    await ws.waitForSubscription('btcusdt@miniTicker');
    ws.silent = true;
    await until(() => source.counts().gaps >= 1 && ws.connections >= 2);
    await until(() => ticks.some((t) => t.source === 'rest'));
    ws.silent = false;
    await ws.waitForSubscription('btcusdt@miniTicker', 2);
    price = '52000';
    await until(() => wsTicks().some((t) => t.last === 52000));
    expect(source.state()).toBe('up');
  });

  it('stops at once, even in the middle of a backoff', async () => {
    source.start(['BTC/USDT'], (t) => ticks.push(t));
    await ws.waitForSubscription('btcusdt@miniTicker');
    ws.refusing = true;
    ws.dropAll();
    await until(() => source.state() === 'down');
    await source.stop();
    const seen = ticks.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(ticks.length).toBe(seen);
    expect(source.state()).toBe('idle');
  });
});
