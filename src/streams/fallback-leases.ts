import type { Leases } from '../notifications/ports.js';

/**
 * Redis's leases while Redis answers, the database's while it does not: with Redis away, the
 * processes still agree on one stream holder (through the database every instance shares), so
 * alerts keep being checked on every tick through an outage. At the switch back two holders may
 * stream for one renewal — harmless, since each firing is the store's conditional UPDATE.
 */
export class FallbackLeases implements Leases {
  constructor(
    private readonly primary: Leases,
    private readonly fallback: Leases,
    private readonly onFallback: (error: unknown) => void = () => {},
  ) {}

  private fallingBack = false;

  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    try {
      const got = await this.primary.acquire(name, holder, ttlMs);
      this.fallingBack = false;
      return got;
    } catch (error) {
      // Told once per outage, not at every renewal.
      if (!this.fallingBack) this.onFallback(error);
      this.fallingBack = true;
      return this.fallback.acquire(name, holder, ttlMs);
    }
  }

  async release(name: string, holder: string): Promise<void> {
    await Promise.all([this.primary.release(name, holder).catch(() => {}), this.fallback.release(name, holder).catch(() => {})]);
  }
}
