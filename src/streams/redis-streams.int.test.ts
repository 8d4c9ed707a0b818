import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../../test/support/services.js';
import type { Tick } from '../market/tick.js';
import { silentLogger } from '../shared/logger.js';
import { MemoryTickBus } from './memory-tick-bus.js';
import { RedisLeases } from './redis-leases.js';
import { RedisTickBus } from './redis-tick-bus.js';
import { until } from '../../test/support/until.js';

const tick = (last: number): Tick => ({ symbol: 'BTC/USDT', last, at: 1_700_000_000_000 + last, source: 'ws' });

/** The same contract for both buses: every instance gets every tick and every alert change, in order. */
function tickBusContract(name: string, make: () => Promise<() => MemoryTickBus | RedisTickBus>) {
  describe(name, () => {
    const open: Array<MemoryTickBus | RedisTickBus> = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((b) => b.close()));
    });

    it('delivers each tick to every subscriber, in order, and alert changes alike', async () => {
      const factory = await make();
      const [a, b] = [factory(), factory()];
      open.push(a, b);
      const got: Record<string, Tick[]> = { a: [], b: [] };
      const changes: string[] = [];
      a.onTick((t) => got.a!.push(t));
      b.onTick((t) => got.b!.push(t));
      b.onAlertChange((id) => changes.push(id));
      await Promise.all([a.ready(), b.ready()]);
      for (let i = 1; i <= 50; i++) await a.publish(tick(i));
      await a.publishAlertChange('alert-1');
      await until(() => got.a!.length === 50 && got.b!.length === 50 && changes.length === 1);
      expect(got.b!.map((t) => t.last)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(got.b![0]).toEqual(tick(1));
      expect(changes).toEqual(['alert-1']);
    });
  });
}

tickBusContract('MemoryTickBus', async () => {
  const shared = new MemoryTickBus();
  return () => shared;
});

describe.skipIf(!TEST_REDIS_URL)('on Redis (TEST_REDIS_URL)', () => {
  tickBusContract('RedisTickBus', async () => {
    const prefix = `test-${randomBytes(6).toString('hex')}:`;
    return () => new RedisTickBus({ redisUrl: TEST_REDIS_URL!, prefix, logger: silentLogger() });
  });

  it('RedisLeases: one holder at a time, renewed by its holder, taken over once it lapses', async () => {
    const redis = new Redis(TEST_REDIS_URL!);
    try {
      const leases = new RedisLeases(redis, `test-${randomBytes(6).toString('hex')}:`);
      expect(await leases.acquire('streams', 'a', 150)).toBe(true);
      expect(await leases.acquire('streams', 'b', 150)).toBe(false);
      expect(await leases.acquire('streams', 'a', 150)).toBe(true); // renewed
      await leases.release('streams', 'b'); // not b's: nothing happens
      expect(await leases.acquire('streams', 'b', 150)).toBe(false);
      // a dies: no renewal. Its lease lapses and b takes it.
      await new Promise((r) => setTimeout(r, 200));
      expect(await leases.acquire('streams', 'b', 150)).toBe(true);
      expect(await leases.acquire('streams', 'a', 150)).toBe(false);
      await leases.release('streams', 'b');
      expect(await leases.acquire('streams', 'a', 150)).toBe(true);
    } finally {
      redis.disconnect();
    }
  });
});
