/** Time as the budget needs it: a monotonic clock and a timer (tests pass a manual pair). */
export interface BudgetTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
}

export interface RequestBudgetOptions {
  /** One cost unit comes back every `intervalMs` (ccxt's `rateLimit` for the exchange). */
  intervalMs: number;
  /** Cost units that may be spent at once after a quiet spell. */
  burst: number;
  timers?: BudgetTimers;
}

const realTimers: BudgetTimers = { now: () => performance.now(), setTimeout: (run, ms) => setTimeout(run, ms) };

/**
 * The request rate of one exchange client: a token bucket in ccxt's cost units, refilled at one
 * unit per `intervalMs` up to `burst`, requests served first come first served.
 *
 * It replaces ccxt's own throttler, which credits no time spent idle: there, a lone order after
 * a quiet minute still waits its whole cost × rateLimit (tens of milliseconds on Binance) before
 * it is sent. Here it goes at once, and a busy client is still held to the exchange's average
 * rate. A request costing more than what is left goes when the balance is not negative and
 * leaves a debt the next requests wait out, so an expensive call is never starved.
 */
export class RequestBudget {
  private tokens: number;
  private last: number;
  private readonly waiting: Array<{ cost: number; go: () => void }> = [];
  private timerSet = false;
  private readonly timers: BudgetTimers;

  constructor(private readonly options: RequestBudgetOptions) {
    if (!(options.intervalMs > 0) || !(options.burst >= 1)) throw new RangeError('RequestBudget needs intervalMs > 0 and burst >= 1');
    this.timers = options.timers ?? realTimers;
    this.tokens = options.burst;
    this.last = this.timers.now();
  }

  /** Resolves when a request of this cost may be sent. */
  take(cost = 1): Promise<void> {
    const units = Number.isFinite(cost) && cost > 0 ? cost : 1;
    if (this.waiting.length === 0 && this.refill() >= 0) {
      this.tokens -= units;
      return Promise.resolve();
    }
    return new Promise((go) => {
      this.waiting.push({ cost: units, go });
      this.wake();
    });
  }

  /** Units available now (negative: a debt still being waited out). */
  available(): number {
    return this.refill();
  }

  private refill(): number {
    const now = this.timers.now();
    this.tokens = Math.min(this.options.burst, this.tokens + (now - this.last) / this.options.intervalMs);
    this.last = now;
    return this.tokens;
  }

  private wake(): void {
    if (this.timerSet) return;
    this.timerSet = true;
    const ms = Math.max(1, Math.ceil(-this.refill() * this.options.intervalMs));
    this.timers.setTimeout(() => {
      this.timerSet = false;
      this.drain();
    }, ms);
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.refill() >= 0) {
      const next = this.waiting.shift()!;
      this.tokens -= next.cost;
      next.go();
    }
    if (this.waiting.length > 0) this.wake();
  }
}

/** One second's worth of requests at the exchange's pace, at most 10 (Binance: 10; Kraken, 1 unit per 3 s: 1). */
export function burstFor(intervalMs: number): number {
  return Math.max(1, Math.min(10, Math.floor(1000 / intervalMs)));
}
