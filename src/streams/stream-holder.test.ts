import { describe, expect, it } from 'vitest';
import type { StreamState, Tick, TickSource } from '../market/tick.js';
import type { Leases } from '../notifications/ports.js';
import { ManualClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import { FallbackLeases } from './fallback-leases.js';
import { StreamHolder } from './stream-holder.js';

/** Leases on a manual clock, as Redis keeps them (a holder, an expiry). */
class ClockLeases implements Leases {
  private readonly held = new Map<string, { holder: string; until: number }>();
  down = false;
  constructor(private readonly clock: ManualClock) {}
  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    if (this.down) throw new Error('lease store unreachable');
    const now = this.clock.now();
    const lease = this.held.get(name);
    if (lease && lease.holder !== holder && lease.until > now) return false;
    this.held.set(name, { holder, until: now + ttlMs });
    return true;
  }
  async release(name: string, holder: string): Promise<void> {
    if (this.held.get(name)?.holder === holder) this.held.delete(name);
  }
}

/** A source that emits when told to. */
class HandSource implements TickSource {
  private emit: ((tick: Tick) => void) | undefined;
  symbolsWatched: string[] = [];
  start(symbols: readonly string[], onTick: (tick: Tick) => void): void {
    this.symbolsWatched = [...symbols];
    this.emit = onTick;
  }
  watch(symbols: readonly string[]): void {
    this.symbolsWatched = [...symbols];
  }
  async stop(): Promise<void> {
    this.emit = undefined;
  }
  state(): StreamState {
    return this.emit ? 'up' : 'idle';
  }
  tick(last: number): boolean {
    this.emit?.({ symbol: 'BTC/USDT', last, at: 0, source: 'ws' });
    return this.emit !== undefined;
  }
}

const noTimers = { setTimeout: () => 0, clearTimeout: () => {} };

describe('StreamHolder: one process holds the exchange streams', () => {
  const setup = () => {
    const clock = new ManualClock(0);
    const leases = new ClockLeases(clock);
    const published: Array<[string, number]> = [];
    const holder = (id: string) => {
      const source = new HandSource();
      const h = new StreamHolder({ leases, holderId: id, source, publish: async (t) => void published.push([id, t.last]), symbols: () => ['BTC/USDT'], timers: noTimers, logger: silentLogger(), ttlMs: 9_000 });
      h.start();
      return { h, source };
    };
    return { clock, leases, published, holder };
  };

  it('the first takes the lease and streams; the other waits, and takes over when the holder dies', async () => {
    const { clock, published, holder } = setup();
    const a = holder('a');
    const b = holder('b');
    await a.h.check();
    await b.h.check();
    expect([a.h.isHolder, b.h.isHolder]).toEqual([true, false]);
    expect(a.source.symbolsWatched).toEqual(['BTC/USDT']);
    a.source.tick(1);
    // a renews in time: b still waits.
    clock.advance(3_000);
    await a.h.check();
    clock.advance(8_000);
    await b.h.check();
    expect(b.h.isHolder).toBe(false);
    // a dies (no renewal, no release): once its lease lapses, b holds the streams.
    clock.advance(1_001);
    await b.h.check();
    expect(b.h.isHolder).toBe(true);
    b.source.tick(2);
    expect(published).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('a holder that stops hands the lease over at once; one that cannot renew stops streaming', async () => {
    const { leases, holder } = setup();
    const a = holder('a');
    const b = holder('b');
    await a.h.check();
    await a.h.stop();
    expect(a.source.state()).toBe('idle');
    await b.h.check();
    expect(b.h.isHolder).toBe(true);
    leases.down = true;
    await b.h.check();
    expect(b.h.isHolder).toBe(false);
    expect(b.source.tick(3)).toBe(false);
  });

  it('follows the pairs to stream while holding', async () => {
    const { holder } = setup();
    const a = holder('a');
    await a.h.check();
    a.h.watch(['BTC/USDT', 'ETH/USDT']);
    expect(a.source.symbolsWatched).toEqual(['BTC/USDT', 'ETH/USDT']);
  });

  it('through a Redis outage: one holder on the database lease, and its ticks checked in its own process', async () => {
    const clock = new ManualClock(0);
    const redis = new ClockLeases(clock);
    const database = new ClockLeases(clock);
    let busUp = true;
    const overBus: Array<[string, number]> = [];
    const local: Array<[string, number]> = [];
    const holder = (id: string) => {
      const source = new HandSource();
      const h = new StreamHolder({
        leases: new FallbackLeases(redis, database),
        holderId: id,
        source,
        publish: async (t) => {
          if (!busUp) throw new Error('Redis is away');
          overBus.push([id, t.last]);
        },
        deliverLocally: (t) => void local.push([id, t.last]),
        symbols: () => ['BTC/USDT'],
        timers: noTimers,
        logger: silentLogger(),
        ttlMs: 9_000,
      });
      h.start();
      return { h, source };
    };
    const a = holder('a');
    const b = holder('b');
    await a.h.check();
    await b.h.check();
    a.source.tick(1);
    await Promise.resolve();
    // Redis goes away: the Redis lease cannot be renewed, the bus refuses ticks.
    redis.down = true;
    busUp = false;
    clock.advance(3_000);
    await a.h.check();
    await b.h.check();
    // One holder still (the database's lease), and its ticks reach its own book.
    expect([a.h.isHolder, b.h.isHolder].filter(Boolean)).toHaveLength(1);
    const streaming = a.h.isHolder ? a : b;
    expect(streaming.source.tick(2)).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(overBus).toEqual([['a', 1]]);
    expect(local).toEqual([[a.h.isHolder ? 'a' : 'b', 2]]);
  });
});
