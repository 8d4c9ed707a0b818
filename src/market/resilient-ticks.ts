import type { Logger } from '../shared/logger.js';
import { PollingTickSource } from './polling-ticks.js';
import type { StreamState, Tick, TickSource, Timers } from './tick.js';

/**
 * An exchange's market streams, one subscription per symbol and channel (ccxt pro in production:
 * ccxt-pro-ticks.ts; a fake in tests). next() resolves with the ticks of the next message and
 * rejects when the connection fails; a later call subscribes again (reconnecting if needed).
 */
export interface StreamChannels {
  next(symbol: string, channel: StreamChannel): Promise<Tick[]>;
  /** Drops every connection (after a gap): pending next() calls reject, later ones reconnect. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** ticker: the exchange's ticker updates (Binance: every second); trades: every trade, so a short spike is seen. */
export type StreamChannel = 'ticker' | 'trades';

export interface ResilientTicksOptions {
  channels: StreamChannels;
  /** Which streams per symbol (default both). The gap check watches the ticker, which is never quiet for long. */
  subscribe?: readonly StreamChannel[];
  /** The REST price, polled while a symbol's stream is down. */
  restPrice: (symbol: string) => Promise<{ last: number; timestamp: number }>;
  timers: Timers;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** No ticker message for this long: the stream is treated as down and subscribed again (default 30 s). */
  gapMs?: number;
  /** First reconnect delay (default 500 ms), doubled per failure up to maxBackoffMs (default 30 s), with jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How often the REST price is read while down (default 2 s). */
  fallbackEveryMs?: number;
  /** 0 ≤ x < 1; tests pass a constant. */
  random?: () => number;
}

export class StreamGap extends Error {
  constructor(symbol: string, ms: number) {
    super(`no ticker message for ${symbol} in ${ms} ms`);
    this.name = 'StreamGap';
  }
}

/** The delay before reconnect attempt `attempt` (0-based): exponential, capped, with "equal jitter" (half fixed, half random). */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

export interface StreamStats {
  /** Ticks emitted by origin. */
  ws: number;
  rest: number;
  /** Failures seen (each is followed by a reconnect after the backoff). */
  failures: number;
  /** Of which gaps. */
  gaps: number;
}

/**
 * The exchange's websocket as a TickSource that keeps going: each (symbol, channel) subscription
 * is a loop that, on a failure, waits an exponential backoff with jitter and subscribes again; a
 * ticker silent for `gapMs` counts as a failure (the connection is dropped and made again, since a
 * half-open socket never errors); and while any of a symbol's subscriptions is failing, the REST
 * ticker is polled every `fallbackEveryMs` in its place, so prices still arrive (more slowly).
 */
export class ResilientTickSource implements TickSource {
  private running = false;
  private symbols = new Set<string>();
  private readonly loops = new Map<string, Promise<void>>();
  /** `${symbol}|${channel}` whose last outcome was a failure. */
  private readonly failing = new Set<string>();
  private onTick: ((tick: Tick) => void) | undefined;
  private readonly fallback: PollingTickSource;
  private readonly stats: StreamStats = { ws: 0, rest: 0, failures: 0, gaps: 0 };
  private readonly subscribe: readonly StreamChannel[];
  private readonly gapMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly random: () => number;
  private resetting: Promise<void> | undefined;
  /** Backoffs in progress: stop() ends them at once. */
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly options: ResilientTicksOptions) {
    this.subscribe = options.subscribe ?? ['ticker', 'trades'];
    this.gapMs = options.gapMs ?? 30_000;
    this.backoffMs = options.backoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.random = options.random ?? Math.random;
    this.fallback = new PollingTickSource({ price: options.restPrice, everyMs: options.fallbackEveryMs ?? 2_000, origin: 'rest', timers: options.timers, logger: options.logger });
  }

  start(symbols: readonly string[], onTick: (tick: Tick) => void): void {
    if (this.running) return;
    this.running = true;
    this.onTick = onTick;
    this.watch(symbols);
  }

  watch(symbols: readonly string[]): void {
    this.symbols = new Set(symbols);
    if (!this.running) return;
    for (const symbol of this.symbols) {
      for (const channel of this.subscribe) {
        const key = `${symbol}|${channel}`;
        if (!this.loops.has(key)) this.loops.set(key, this.loop(symbol, channel).finally(() => this.loops.delete(key)));
      }
    }
    this.refreshFallback();
  }

  state(): StreamState {
    if (!this.running) return 'idle';
    return this.failing.size > 0 ? 'down' : 'up';
  }

  counts(): Readonly<StreamStats> {
    return { ...this.stats };
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const wake of this.sleepers) wake();
    await this.fallback.stop();
    await this.options.channels.close().catch(() => {});
    await Promise.all(this.loops.values());
    this.failing.clear();
  }

  private async loop(symbol: string, channel: StreamChannel): Promise<void> {
    const key = `${symbol}|${channel}`;
    let attempt = 0;
    while (this.running && this.symbols.has(symbol)) {
      try {
        const pending = this.options.channels.next(symbol, channel);
        const ticks = channel === 'ticker' ? await this.withinGap(pending, symbol) : await pending;
        attempt = 0;
        // A message on any of the symbol's streams: the connection is back (a quiet pair's trade stream may say nothing for long).
        let recovered = false;
        for (const c of this.subscribe) recovered = this.failing.delete(`${symbol}|${c}`) || recovered;
        if (recovered) {
          this.options.logger.info({ symbol, channel }, 'ticks: stream back up');
          this.refreshFallback();
        }
        if (!this.running) return;
        for (const tick of ticks) {
          this.stats.ws++;
          this.onTick?.(tick);
        }
      } catch (error) {
        if (!this.running || !this.symbols.has(symbol)) return;
        this.stats.failures++;
        if (!this.failing.has(key)) {
          this.failing.add(key);
          this.options.logger.warn({ err: error, symbol, channel }, 'ticks: stream down; REST prices stand in until it is back');
          this.refreshFallback();
        }
        if (error instanceof StreamGap) {
          this.stats.gaps++;
          // One reset for every loop that noticed the same silence.
          this.resetting ??= this.options.channels.reset().catch(() => {}).finally(() => (this.resetting = undefined));
          await this.resetting;
        }
        await this.sleep(backoffDelayMs(attempt++, this.backoffMs, this.maxBackoffMs, this.random()));
      }
    }
  }

  /** The REST poll runs for the symbols with a failing subscription, and only then. */
  private refreshFallback(): void {
    const down = [...this.symbols].filter((s) => this.subscribe.some((c) => this.failing.has(`${s}|${c}`)));
    this.fallback.watch(down);
    if (down.length > 0 && this.running && this.fallback.state() === 'idle') {
      this.fallback.start(down, (tick) => {
        this.stats.rest++;
        this.onTick?.(tick);
      });
    } else if (down.length === 0 && this.fallback.state() !== 'idle') {
      void this.fallback.stop();
    }
  }

  private withinGap<T>(pending: Promise<T>, symbol: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.options.timers.setTimeout(() => {
        // The subscription's own promise settles later (rejected by the reset): nobody waits on it.
        pending.catch(() => {});
        reject(new StreamGap(symbol, this.gapMs));
      }, this.gapMs);
      pending.then(
        (value) => {
          this.options.timers.clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          this.options.timers.clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.options.timers.clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = this.options.timers.setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
