import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { AlertWatcher } from '../alerts/alert-watcher.js';
import { createCcxtProChannels } from '../market/ccxt-pro-ticks.js';
import { PollingTickSource } from '../market/polling-ticks.js';
import { ResilientTickSource } from '../market/resilient-ticks.js';
import { realTimers, type StreamState, type TickSource, type Timers } from '../market/tick.js';
import type { Leases } from '../notifications/ports.js';
import { FallbackLeases } from '../streams/fallback-leases.js';
import { RedisLeases } from '../streams/redis-leases.js';
import { StreamHolder } from '../streams/stream-holder.js';
import type { Core } from './core.js';

/** How often each instance's book is rebuilt from the store: snoozes that ended, re-armed repeating alerts, a lost change message. */
export const ALERT_BOOK_RESYNC_MS = 30_000;
/** The replay's ticker moves once a second. */
const REPLAY_TICK_MS = 1_000;

export interface AlertStreams {
  watcher: AlertWatcher;
  holder: StreamHolder | undefined;
  /** For /health: streaming (this process holds the streams: up or down), standby, or off. */
  state(): StreamState | 'standby' | 'off';
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface AlertStreamsOptions {
  timers?: Timers;
  /** The book's resync period (default ALERT_BOOK_RESYNC_MS). */
  resyncMs?: number;
  /** The stream lease's life (default 15 s): a dead holder is replaced within it. */
  leaseTtlMs?: number;
}

/**
 * Alerts per tick in a process that runs jobs: its AlertWatcher (an AlertBook rebuilt from the
 * store, reloaded on every "alert changed" message, resynced every 30 s) listens to the tick bus;
 * its StreamHolder competes for the lease and, while holding it, streams the books' pairs and
 * publishes every tick on the bus. With MARKET_STREAM=off there is no stream (the watcher is built
 * but nothing feeds it: the 5 s pass alone checks the alerts, as before).
 */
export async function buildAlertStreams(core: Core, options: AlertStreamsOptions = {}): Promise<AlertStreams> {
  const { config, logger, tickBus: bus } = core;
  const timers = options.timers ?? realTimers;
  const watcher = new AlertWatcher({ store: core.repos.alerts, fire: (ids, tick) => core.alerts.fireReached(ids, tick), clock: core.clock, logger });
  const source = config.MARKET_STREAM === 'off' ? undefined : await tickSource(core, timers);
  let leaseRedis: Redis | undefined;
  let holder: StreamHolder | undefined;
  if (source) {
    let leases: Leases = core.repos.leases;
    if (config.REDIS_URL) {
      leaseRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
      leaseRedis.on('error', () => {}); // the holder logs what a failed renewal means
      // Through a Redis outage the database decides who streams (see FallbackLeases).
      leases = new FallbackLeases(new RedisLeases(leaseRedis), core.repos.leases, () => logger.warn('streams: Redis is away; the stream lease is kept in the database until it is back'));
    }
    holder = new StreamHolder({
      leases,
      holderId: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
      source,
      publish: (tick) => bus.publish(tick),
      deliverLocally: (tick) => watcher.onTick(tick),
      symbols: () => watcher.symbols(),
      timers,
      logger,
      ...(options.leaseTtlMs ? { ttlMs: options.leaseTtlMs } : {}),
    });
    const h = holder;
    watcher.onSymbols((symbols) => h.watch(symbols));
  }
  const unsubscribe = [bus.onTick((tick) => watcher.onTick(tick)), bus.onAlertChange((id) => void watcher.reload(id).catch((error: unknown) => logger.warn({ err: error, alertId: id }, 'alerts: could not reload a changed alert; the resync will')))];
  let resync: unknown;
  let running = false;
  const scheduleResync = () => {
    if (!running) return;
    resync = timers.setTimeout(() => {
      void watcher
        .rebuild()
        .catch((error: unknown) => logger.warn({ err: error }, 'alerts: could not resync the per-tick book; next time'))
        .finally(scheduleResync);
    }, options.resyncMs ?? ALERT_BOOK_RESYNC_MS);
  };
  return {
    watcher,
    holder,
    state: () => (!source || !holder ? 'off' : holder.isHolder ? source.state() : 'standby'),
    async start() {
      running = true;
      await Promise.all([watcher.rebuild(), bus.ready()]);
      holder?.start();
      scheduleResync();
      logger.info({ alerts: watcher.size, pairs: watcher.symbols().length, bus: bus.kind, stream: source ? core.marketData.source : 'off' }, 'alerts: checked on every tick');
    },
    async stop() {
      running = false;
      if (resync !== undefined) timers.clearTimeout(resync);
      await holder?.stop();
      for (const off of unsubscribe) off();
      await watcher.settled();
      leaseRedis?.disconnect();
    },
  };
}

/** Live: the exchange's websocket (REST while it is down). Replay and book: the feed's ticker every second. */
async function tickSource(core: Core, timers: Timers): Promise<TickSource | undefined> {
  const { config, marketData, logger } = core;
  const price = (symbol: string) => marketData.ticker(symbol);
  if (marketData.source !== 'live') return new PollingTickSource({ price, everyMs: REPLAY_TICK_MS, origin: 'replay', timers, logger });
  if (config.EXCHANGE_BASE_URL && !config.EXCHANGE_WS_URL) {
    logger.info({ baseUrl: config.EXCHANGE_BASE_URL }, 'streams: EXCHANGE_BASE_URL is set without EXCHANGE_WS_URL; no market stream, alerts are checked by the 5 s pass');
    return undefined;
  }
  const channels = await createCcxtProChannels({ clock: core.clock, ...(config.EXCHANGE_BASE_URL ? { baseUrl: config.EXCHANGE_BASE_URL } : {}), ...(config.EXCHANGE_WS_URL ? { wsUrl: config.EXCHANGE_WS_URL } : {}) });
  return new ResilientTickSource({ channels, restPrice: price, timers, logger });
}
