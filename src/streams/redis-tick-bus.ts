import { Redis } from 'ioredis';
import type { Tick, TickBus, TickOrigin } from '../market/tick.js';
import type { Logger } from '../shared/logger.js';

export interface RedisTickBusOptions {
  redisUrl: string;
  /** Channel prefix (tests: a unique one each). Default 'parley:'. */
  prefix?: string;
  logger: Pick<Logger, 'warn'>;
}

const ORIGINS: ReadonlySet<string> = new Set<TickOrigin>(['ws', 'rest', 'replay']);

/**
 * Ticks on Redis pub/sub, so the one process holding the exchange's streams feeds every
 * instance's alert book. Two connections: a subscribed connection can do nothing else. Pub/sub
 * keeps nothing: a tick published while an instance is disconnected is lost to it (its checking
 * pass and the next ticks stand in; see AlertWatcher). A tick travels as one short line of text,
 * `symbol last at origin`, tab-separated.
 */
export class RedisTickBus implements TickBus {
  readonly kind = 'redis' as const;
  private readonly pub: Redis;
  private sub: Redis | undefined;
  private subscribed: Promise<void> | undefined;
  private readonly ticksChannel: string;
  private readonly changesChannel: string;
  private readonly tickListeners = new Set<(tick: Tick) => void>();
  private readonly changeListeners = new Set<(id: string) => void>();

  constructor(private readonly options: RedisTickBusOptions) {
    const prefix = options.prefix ?? 'parley:';
    this.ticksChannel = `${prefix}ticks`;
    this.changesChannel = `${prefix}alerts-changed`;
    // A tick is worth nothing late: no offline queue, fail fast while Redis is away.
    this.pub = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
    this.pub.on('error', (error) => options.logger.warn({ err: error }, 'tick bus: Redis (publish) error'));
  }

  async publish(tick: Tick): Promise<void> {
    await this.pub.publish(this.ticksChannel, `${tick.symbol}\t${tick.last}\t${tick.at}\t${tick.source}`);
  }

  onTick(listener: (tick: Tick) => void): () => void {
    this.tickListeners.add(listener);
    void this.subscribe().catch(() => {});
    return () => this.tickListeners.delete(listener);
  }

  async publishAlertChange(id: string): Promise<void> {
    await this.pub.publish(this.changesChannel, id);
  }

  onAlertChange(listener: (id: string) => void): () => void {
    this.changeListeners.add(listener);
    void this.subscribe().catch(() => {});
    return () => this.changeListeners.delete(listener);
  }

  async ready(): Promise<void> {
    await Promise.all([this.subscribe(), this.pub.status === 'ready' ? undefined : new Promise<void>((resolve) => this.pub.once('ready', () => resolve()))]);
  }

  async close(): Promise<void> {
    this.tickListeners.clear();
    this.changeListeners.clear();
    await Promise.all([this.sub, this.pub].map((r) => r?.quit().catch(() => r.disconnect())));
  }

  private subscribe(): Promise<void> {
    if (this.subscribed) return this.subscribed;
    // ioredis re-subscribes by itself after a reconnect.
    const sub = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    this.sub = sub;
    sub.on('error', (error) => this.options.logger.warn({ err: error }, 'tick bus: Redis (subscribe) error'));
    sub.on('message', (channel: string, message: string) => {
      if (channel === this.ticksChannel) {
        const tick = parseTick(message);
        if (tick) for (const listener of this.tickListeners) listener(tick);
      } else if (channel === this.changesChannel) {
        for (const listener of this.changeListeners) listener(message);
      }
    });
    this.subscribed = sub.subscribe(this.ticksChannel, this.changesChannel).then(() => undefined);
    return this.subscribed;
  }
}

function parseTick(message: string): Tick | undefined {
  const [symbol, last, at, source] = message.split('\t');
  const price = Number(last);
  const time = Number(at);
  if (!symbol || !Number.isFinite(price) || !Number.isFinite(time) || !source || !ORIGINS.has(source)) return undefined;
  return { symbol, last: price, at: time, source: source as TickOrigin };
}
