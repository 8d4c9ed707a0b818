import type { Clock } from '../../shared/clock.js';

export interface CircuitBreakerOptions {
  /** Consecutive outage failures that open the circuit. */
  failureThreshold: number;
  /** How long the LLM is skipped once open, before one trial request. */
  cooldownMs: number;
  clock: Clock;
  /** Upper bound for a server's retry-after. Default 5 minutes. */
  maxCooldownMs?: number;
}

export type CircuitState = 'closed' | 'open' | 'half_open';

/**
 * Skips the LLM during an outage, so a dead or rate-limited server does not add its timeout to
 * every message. closed → (N consecutive failures, or a 429 with retry-after) → open → (cooldown
 * passed) → half-open: one trial request; success closes, failure opens again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil: number | null = null;
  private trialStartedAt: number | null = null;

  constructor(private readonly options: CircuitBreakerOptions) {}

  state(): CircuitState {
    if (this.openUntil === null) return 'closed';
    return this.options.clock.now() < this.openUntil ? 'open' : 'half_open';
  }

  /** May a request go to the LLM now? In half-open, only one trial at a time. */
  tryAcquire(): boolean {
    const state = this.state();
    if (state === 'closed') return true;
    if (state === 'open') return false;
    const now = this.options.clock.now();
    // A trial whose outcome never came back (it should always come back) stops blocking after a cooldown.
    if (this.trialStartedAt !== null && now - this.trialStartedAt < this.options.cooldownMs) return false;
    this.trialStartedAt = now;
    return true;
  }

  /** The service answered. Returns true when this closed an open circuit. */
  recordSuccess(): boolean {
    const wasOpen = this.openUntil !== null;
    this.failures = 0;
    this.openUntil = null;
    this.trialStartedAt = null;
    return wasOpen;
  }

  /** An outage-type failure. Returns true when this opened the circuit, or re-opened it after a failed trial. */
  recordFailure(retryAfterMs?: number): boolean {
    const now = this.options.clock.now();
    const before = this.state();
    const wasOpen = before !== 'closed';
    this.failures += 1;
    this.trialStartedAt = null;
    const maxCooldown = this.options.maxCooldownMs ?? 300_000;
    let until: number | null = null;
    if (retryAfterMs !== undefined && retryAfterMs > 0) until = now + Math.min(retryAfterMs, maxCooldown);
    if (wasOpen || this.failures >= this.options.failureThreshold) until = Math.max(until ?? 0, now + this.options.cooldownMs);
    if (until === null) return false;
    this.openUntil = Math.max(this.openUntil ?? 0, until);
    // A late failure of a request sent before the circuit opened is not news.
    return before !== 'open';
  }
}
