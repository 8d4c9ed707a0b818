/**
 * A price as it happens: one trade, one ticker update, or one replayed step. The alert book is
 * fed with these, one at a time, so a price that crosses a level and comes back is still seen.
 */
export interface Tick {
  /** BASE/QUOTE, as the market directory lists it. */
  symbol: string;
  last: number;
  /** When the exchange (or the replay) says it happened, ms since the epoch. */
  at: number;
  /** ws: the exchange's websocket; rest: the REST poll while the stream is down; replay: the bundled candles. */
  source: TickOrigin;
}

export type TickOrigin = 'ws' | 'rest' | 'replay';

/** Where ticks come from (the exchange's websocket, or the replay). One process runs it: see StreamHolder. */
export interface TickSource {
  /** Starts emitting ticks of `symbols` to `onTick`; watch() changes the set while running. */
  start(symbols: readonly string[], onTick: (tick: Tick) => void): void;
  /** The symbols to stream from now on (an alert on a new coin was set). */
  watch(symbols: readonly string[]): void;
  /** Stops every subscription and timer; resolves once nothing more will be emitted. */
  stop(): Promise<void>;
  /** up: streaming; down: reconnecting (the REST poll stands in); idle: not started. */
  state(): StreamState;
}

export type StreamState = 'idle' | 'up' | 'down';

/**
 * Ticks from the stream's holder to every instance: Redis pub/sub when there is Redis, else in
 * this process. Also carries "this alert changed" so every instance's alert book follows a change
 * made on another one.
 */
export interface TickBus {
  readonly kind: 'redis' | 'memory';
  publish(tick: Tick): Promise<void>;
  /** Every tick published by any instance; returns an unsubscribe. */
  onTick(listener: (tick: Tick) => void): () => void;
  /** An alert was set, changed or removed (its id): every instance reloads it. */
  publishAlertChange(id: string): Promise<void>;
  onAlertChange(listener: (id: string) => void): () => void;
  /** Resolves once the subscriptions are in place (ticks published after this are received). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The timers a stream uses; tests drive them by hand. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
