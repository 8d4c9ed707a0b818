import type { Logger } from '../shared/logger.js';
import type { StreamState, Tick, TickOrigin, TickSource, Timers } from './tick.js';

export interface PollingTicksOptions {
  /** The price now of a symbol (the replay feed's ticker, or the live feed's REST ticker). */
  price: (symbol: string) => Promise<{ last: number; timestamp: number }>;
  everyMs: number;
  origin: TickOrigin;
  timers: Timers;
  logger: Pick<Logger, 'warn'>;
}

/**
 * Ticks made by asking for the price every `everyMs`, one per symbol: the replay as a stream (its
 * ticker moves every second along a path inside the current candle, on today's clock), and the
 * REST stand-in while an exchange's websocket is down. A price that cannot be read is skipped
 * (the next round asks again); rounds never overlap.
 */
export class PollingTickSource implements TickSource {
  private symbols: string[] = [];
  private onTick: ((tick: Tick) => void) | undefined;
  private timer: unknown;
  private round: Promise<void> | undefined;
  private running = false;

  constructor(private readonly options: PollingTicksOptions) {}

  start(symbols: readonly string[], onTick: (tick: Tick) => void): void {
    if (this.running) return;
    this.running = true;
    this.symbols = [...symbols];
    this.onTick = onTick;
    this.schedule(0);
  }

  watch(symbols: readonly string[]): void {
    this.symbols = [...symbols];
  }

  state(): StreamState {
    return this.running ? 'up' : 'idle';
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
  }

  /** One round now (tests drive the source this way; the timer does it otherwise). */
  async poll(): Promise<void> {
    const emit = this.onTick;
    if (!emit) return;
    await Promise.all(
      this.symbols.map(async (symbol) => {
        try {
          const { last, timestamp } = await this.options.price(symbol);
          if (this.running && Number.isFinite(last)) emit({ symbol, last, at: timestamp, source: this.options.origin });
        } catch (error) {
          this.options.logger.warn({ err: error, symbol, origin: this.options.origin }, 'ticks: could not read a price; the next round asks again');
        }
      }),
    );
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      this.round = this.poll().finally(() => this.schedule(this.options.everyMs));
    }, ms);
  }
}
