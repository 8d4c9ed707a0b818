import { describe, expect, it } from 'vitest';
import { strongBuy } from '../../test/support/strong-signals.js';
import { ManualClock } from '../shared/clock.js';
import { AdvisorService, inQuietHours, isStrong, type AdvisorStore, type ProposalRecord } from './advisor-service.js';

const at = (hour: number) => Date.UTC(2026, 0, 5, hour, 30);

describe('advisor rules', () => {
  it('quiet hours: a plain window, one that wraps midnight, none', () => {
    expect(inQuietHours({ from: 9, to: 17 }, at(9))).toBe(true);
    expect(inQuietHours({ from: 9, to: 17 }, at(17))).toBe(false);
    expect(inQuietHours({ from: 22, to: 7 }, at(23))).toBe(true);
    expect(inQuietHours({ from: 22, to: 7 }, at(3))).toBe(true);
    expect(inQuietHours({ from: 22, to: 7 }, at(12))).toBe(false);
    expect(inQuietHours(null, at(3))).toBe(false);
    expect(inQuietHours({ from: 5, to: 5 }, at(5))).toBe(false);
  });

  it('only a call on a measured edge, strong enough, is offered', () => {
    const strong = strongBuy('BTC/USDT', at(12));
    expect(isStrong(strong)).toBe(true);
    expect(isStrong({ ...strong, verdict: 'no_edge' })).toBe(false);
    expect(isStrong({ ...strong, direction: 'hold' })).toBe(false);
    expect(isStrong({ ...strong, strength: 0.2, score: 0.2 })).toBe(false);
  });

  it('makes one proposal per watcher, skipping quiet hours, the day’s cap and what cannot be sized', async () => {
    const made: ProposalRecord[] = [];
    const store = {
      watchersOf: async () => [1, 2, 3, 4],
      quietHours: async (userId: number) => (userId === 2 ? { from: 10, to: 14 } : null),
      proposalsSince: async (userId: number) => (userId === 3 ? 3 : 0),
      propose: async (p: ProposalRecord) => (made.push(p), true),
    } as unknown as AdvisorStore;
    const remembered: number[] = [];
    const advisor = new AdvisorService({
      store,
      sizer: { size: async (userId) => (userId === 4 ? null : { request: { side: 'buy', symbol: 'BTC/USDT', type: 'market', size: { kind: 'quote', amount: '500.00' } }, size: '500.00 USDT of BTC', sizing: 'half' }) },
      desk: { remember: async (userId) => void remembered.push(userId) },
      clock: new ManualClock(at(12)),
      maxPerDay: 3,
      ttlMs: 900_000,
    });
    expect(await advisor.consider(strongBuy('BTC/USDT', Date.UTC(2026, 0, 5, 12)))).toEqual({ proposed: 1, quiet: 1, capped: 1, unsized: 1 });
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ userId: 1, side: 'buy', expiresAt: at(12) + 900_000, candleAt: Date.UTC(2026, 0, 5, 12) });
    expect(made[0]!.id).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(remembered).toEqual([1]);
    expect(await advisor.consider({ ...strongBuy('BTC/USDT', at(13)), verdict: 'no_edge' })).toEqual({ proposed: 0, quiet: 0, capped: 0, unsized: 0 });
  });
});
