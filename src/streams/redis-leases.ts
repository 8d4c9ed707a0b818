import type { Redis } from 'ioredis';
import type { Leases } from '../notifications/ports.js';

const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Named leases in Redis: SET NX PX to take a free one, PEXPIRE to renew one's own, both in one
 * script so a lease that lapsed between the two steps is never renewed by a former holder. The
 * key expires by itself when its holder dies (no renewal): another process takes it then.
 */
export class RedisLeases implements Leases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'parley:lease:',
  ) {}

  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const got = await this.redis.eval(ACQUIRE, 1, this.prefix + name, holder, String(Math.max(1, Math.round(ttlMs))));
    return got === 1;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.prefix + name, holder);
  }
}
