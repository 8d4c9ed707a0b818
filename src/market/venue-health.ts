import type { Clock } from '../shared/clock.js';

/*
 * How each venue (exchange) has been answering lately: the groundwork of the venue quotes a smart
 * order router scores (issue 16, item 1). Every request to a venue is recorded with how long it
 * took and how it ended; a venue's health is read over a rolling window:
 *  - p50 / p99 latency, nearest-rank, over the requests that got an answer (a success or an error
 *    reply: both measure the venue's round trip). Timeouts are left out of the latency — their
 *    duration is our limit, not the venue's — and counted in the rates instead;
 *  - error rate: errors and timeouts over all requests in the window; timeout rate on its own.
 * The window is by time (default 5 minutes) and by count (default the last 500 requests), so a busy
 * venue's figures stay current and a quiet one's still rest on its last requests within the window.
 * Pure: time comes from the caller (an injected clock), nothing is started or stored elsewhere.
 */

export type VenueOutcome = 'ok' | 'error' | 'timeout';

export interface VenueSample {
  /** When the request ended, ms. */
  at: number;
  latencyMs: number;
  outcome: VenueOutcome;
}

export interface VenueHealth {
  venue: string;
  /** Requests in the window. */
  requests: number;
  /** Null when no request in the window got an answer. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** (errors + timeouts) / requests. */
  errorRate: number;
  timeoutRate: number;
  /** The window the figures cover: from the oldest request counted to `asOf`. */
  since: number;
  asOf: number;
}

export interface VenueStatsOptions {
  windowMs?: number;
  maxSamples?: number;
}

export const DEFAULT_VENUE_WINDOW_MS = 5 * 60_000;
export const DEFAULT_VENUE_MAX_SAMPLES = 500;

export class VenueStats {
  private readonly windowMs: number;
  private readonly maxSamples: number;
  private readonly samples = new Map<string, VenueSample[]>();

  constructor(options: VenueStatsOptions = {}) {
    this.windowMs = options.windowMs ?? DEFAULT_VENUE_WINDOW_MS;
    this.maxSamples = Math.max(1, Math.floor(options.maxSamples ?? DEFAULT_VENUE_MAX_SAMPLES));
    if (!(this.windowMs > 0)) throw new Error('the venue window must be positive');
  }

  record(venue: string, sample: VenueSample): void {
    if (!(sample.latencyMs >= 0) || !Number.isFinite(sample.latencyMs)) throw new Error(`a latency must be a non-negative number of ms, got ${sample.latencyMs}`);
    const list = this.samples.get(venue) ?? [];
    list.push(sample);
    if (list.length > this.maxSamples) list.splice(0, list.length - this.maxSamples);
    this.samples.set(venue, list);
  }

  /** The venue's figures over the window ending `now`; null when it has no request in it. */
  health(venue: string, now: number): VenueHealth | null {
    const list = this.samples.get(venue);
    if (!list) return null;
    const from = now - this.windowMs;
    // Samples are recorded in time order; drop what fell out of the window for good.
    let first = 0;
    while (first < list.length && list[first]!.at <= from) first++;
    if (first > 0) list.splice(0, first);
    const inWindow = list.filter((s) => s.at <= now);
    if (inWindow.length === 0) return null;
    const answered = inWindow.filter((s) => s.outcome !== 'timeout').map((s) => s.latencyMs).sort((a, b) => a - b);
    const errors = inWindow.filter((s) => s.outcome !== 'ok').length;
    const timeouts = inWindow.filter((s) => s.outcome === 'timeout').length;
    return {
      venue,
      requests: inWindow.length,
      p50Ms: nearestRank(answered, 50),
      p99Ms: nearestRank(answered, 99),
      errorRate: errors / inWindow.length,
      timeoutRate: timeouts / inWindow.length,
      since: inWindow[0]!.at,
      asOf: now,
    };
  }

  /** Every venue with a request in the window, by name. */
  all(now: number): VenueHealth[] {
    return [...this.samples.keys()]
      .sort()
      .map((venue) => this.health(venue, now))
      .filter((h): h is VenueHealth => h !== null);
  }
}

/** The smallest value with at least p % of the values at or below it; null for none. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/**
 * Runs one request to `venue` and records it: its time on `clock`, and its outcome — what
 * `outcomeOf` says of its error (default 'error'). The request's own result or error passes through.
 */
export async function measured<T>(stats: VenueStats, venue: string, clock: Clock, request: () => Promise<T>, outcomeOf: (error: unknown) => VenueOutcome = () => 'error'): Promise<T> {
  const started = clock.now();
  try {
    const result = await request();
    stats.record(venue, { at: clock.now(), latencyMs: clock.now() - started, outcome: 'ok' });
    return result;
  } catch (error) {
    stats.record(venue, { at: clock.now(), latencyMs: clock.now() - started, outcome: outcomeOf(error) });
    throw error;
  }
}
