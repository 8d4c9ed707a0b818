import type { Tick, TickSource, Timers } from '../market/tick.js';
import type { Leases } from '../notifications/ports.js';
import type { Logger } from '../shared/logger.js';

export interface StreamHolderDeps {
  /** Redis leases when there is Redis (every instance competes), else the database's. */
  leases: Leases;
  /** This process, as the lease's holder. */
  holderId: string;
  source: TickSource;
  /** Where the holder's ticks go: the bus, to every instance. */
  publish: (tick: Tick) => Promise<void>;
  /**
   * Where a tick goes when the bus refuses it (Redis away): this process's own alert book, so
   * alerts are still checked on every tick through the outage — by the holder alone, which is
   * enough, since a firing is decided by the store, not by which instance saw the tick.
   */
  deliverLocally?: (tick: Tick) => void;
  /** The pairs to stream (the alert books' pairs). */
  symbols: () => string[];
  timers: Timers;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** The lease's life; it is renewed every third of it (default 15 s). */
  ttlMs?: number;
  name?: string;
}

export const STREAM_LEASE = 'market-streams';

/**
 * Exactly one process holds the exchange's subscriptions: the one holding the lease. It renews
 * the lease every ttl/3; when it dies, the lease lapses and another process takes it within a
 * ttl and starts streaming. A holder that cannot renew (the lease store is unreachable) stops
 * streaming rather than risk a second holder; for a moment after a takeover two processes may
 * publish the same prices — harmless, since each firing is decided by the store's conditional
 * UPDATE, never by who saw the tick.
 */
export class StreamHolder {
  private holding = false;
  private timer: unknown;
  private running = false;
  private checking: Promise<void> | undefined;
  private published = 0;
  private publishFailures = 0;
  private readonly ttlMs: number;
  private readonly name: string;

  constructor(private readonly deps: StreamHolderDeps) {
    this.ttlMs = deps.ttlMs ?? 15_000;
    this.name = deps.name ?? STREAM_LEASE;
  }

  get isHolder(): boolean {
    return this.holding;
  }

  counts(): { published: number; publishFailures: number } {
    return { published: this.published, publishFailures: this.publishFailures };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** The pairs changed (an alert on a new coin): the holder's stream follows. */
  watch(symbols: readonly string[]): void {
    if (this.holding) this.deps.source.watch(symbols);
  }

  /** Takes or renews the lease, and starts or stops streaming accordingly (the timer calls it; tests too). */
  check(): Promise<void> {
    this.checking ??= this.renew().finally(() => (this.checking = undefined));
    return this.checking;
  }

  /** Stops streaming and hands the lease back, so another process takes over at once. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    await this.checking;
    if (this.holding) {
      this.holding = false;
      await this.deps.source.stop();
      await this.deps.leases.release(this.name, this.deps.holderId).catch(() => {});
    }
  }

  private async renew(): Promise<void> {
    let got: boolean;
    try {
      got = await this.deps.leases.acquire(this.name, this.deps.holderId, this.ttlMs);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'streams: could not renew the stream lease; not streaming until it can');
      got = false;
    }
    if (!this.running) return;
    if (got && !this.holding) {
      this.holding = true;
      this.deps.logger.info({ holder: this.deps.holderId }, 'streams: this process holds the market streams');
      this.deps.source.start(this.deps.symbols(), (tick) => {
        this.published++;
        this.deps.publish(tick).catch(() => {
          this.publishFailures++;
          this.deps.deliverLocally?.(tick);
        });
      });
    } else if (!got && this.holding) {
      this.holding = false;
      this.deps.logger.info({ holder: this.deps.holderId }, 'streams: another process holds the market streams now');
      await this.deps.source.stop();
    }
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = this.deps.timers.setTimeout(() => {
      void this.check().finally(() => this.schedule(Math.max(1, Math.floor(this.ttlMs / 3))));
    }, ms);
  }
}
