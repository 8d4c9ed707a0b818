import { describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.js';
import { measured, nearestRank, VenueStats } from './venue-health.js';

describe('venue health: rolling latency and error rate per venue', () => {
  it('gives p50 and p99 by nearest rank over the answered requests', () => {
    const stats = new VenueStats({ windowMs: 60_000 });
    // 100 requests of 1..100 ms, recorded in a shuffled order.
    const latencies = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1);
    latencies.forEach((ms, i) => stats.record('binance', { at: 1_000 + i, latencyMs: ms, outcome: 'ok' }));
    expect(stats.health('binance', 2_000)).toMatchObject({ requests: 100, p50Ms: 50, p99Ms: 99, errorRate: 0, timeoutRate: 0 });
    expect(nearestRank([7], 99)).toBe(7);
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRank([], 50)).toBeNull();
  });

  it('counts errors and timeouts in the error rate, and leaves timeouts out of the latency', () => {
    const stats = new VenueStats();
    stats.record('kraken', { at: 10, latencyMs: 100, outcome: 'ok' });
    stats.record('kraken', { at: 20, latencyMs: 300, outcome: 'error' });
    stats.record('kraken', { at: 30, latencyMs: 10_000, outcome: 'timeout' });
    stats.record('kraken', { at: 40, latencyMs: 200, outcome: 'ok' });
    const h = stats.health('kraken', 50)!;
    expect([h.requests, h.p50Ms, h.p99Ms, h.errorRate, h.timeoutRate]).toEqual([4, 200, 300, 0.5, 0.25]);
    // A venue whose every request timed out has no latency to show, and a 100 % error rate.
    stats.record('coinbase', { at: 10, latencyMs: 10_000, outcome: 'timeout' });
    expect(stats.health('coinbase', 50)).toMatchObject({ p50Ms: null, p99Ms: null, errorRate: 1 });
  });

  it('forgets what is older than the window, and keeps at most the last N requests', () => {
    const stats = new VenueStats({ windowMs: 1_000, maxSamples: 3 });
    stats.record('kucoin', { at: 0, latencyMs: 900, outcome: 'error' });
    stats.record('kucoin', { at: 500, latencyMs: 50, outcome: 'ok' });
    expect(stats.health('kucoin', 900)).toMatchObject({ requests: 2, errorRate: 0.5, since: 0 });
    // At 1,200 the first request is more than a second old: only the second counts.
    expect(stats.health('kucoin', 1_200)).toMatchObject({ requests: 1, errorRate: 0, p99Ms: 50, since: 500 });
    expect(stats.health('kucoin', 5_000)).toBeNull();
    for (let i = 0; i < 5; i++) stats.record('kucoin', { at: 6_000 + i, latencyMs: 10 * (i + 1), outcome: 'ok' });
    expect(stats.health('kucoin', 6_010)).toMatchObject({ requests: 3, p50Ms: 40, p99Ms: 50 });
    expect(stats.health('nowhere', 6_010)).toBeNull();
    expect(stats.all(6_010).map((h) => h.venue)).toEqual(['kucoin']);
  });

  it('times a request on the injected clock and records how it ended, passing its result or error through', async () => {
    const clock = new ManualClock(1_000);
    const stats = new VenueStats();
    const slow = async () => {
      clock.advance(120);
      return 'book';
    };
    expect(await measured(stats, 'binance', clock, slow)).toBe('book');
    const timeout = new Error('timed out');
    const failing = async () => {
      clock.advance(3_000);
      throw timeout;
    };
    await expect(measured(stats, 'binance', clock, failing, (e) => (e === timeout ? 'timeout' : 'error'))).rejects.toBe(timeout);
    await expect(measured(stats, 'binance', clock, async () => Promise.reject(new Error('418')))).rejects.toThrow('418');
    expect(stats.health('binance', clock.now())).toMatchObject({ requests: 3, p50Ms: 0, p99Ms: 120, errorRate: 2 / 3, timeoutRate: 1 / 3 });
  });
});
