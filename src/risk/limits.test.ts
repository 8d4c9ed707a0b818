import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, RISK_LIMIT_BOUNDS, resolveRiskLimits } from './limits.js';

describe('resolveRiskLimits', () => {
  it('gives the defaults for no overrides, and every default lies within its bounds', () => {
    expect(resolveRiskLimits({})).toEqual({ ok: true, limits: DEFAULT_RISK_LIMITS });
    for (const [name, bound] of Object.entries(RISK_LIMIT_BOUNDS)) {
      const value = DEFAULT_RISK_LIMITS[name as keyof typeof DEFAULT_RISK_LIMITS];
      expect(value, name).toBeGreaterThanOrEqual(bound.min);
      expect(value, name).toBeLessThanOrEqual(bound.max);
      if (bound.integer) expect(Number.isInteger(value), name).toBe(true);
    }
    expect(Object.keys(RISK_LIMIT_BOUNDS).sort()).toEqual(Object.keys(DEFAULT_RISK_LIMITS).sort());
  });

  it('lays the user’s values over the defaults', () => {
    const r = resolveRiskLimits({ maxPositionPct: 20, dailyLossPct: 2.5 });
    expect(r.ok && r.limits).toEqual({ ...DEFAULT_RISK_LIMITS, maxPositionPct: 20, dailyLossPct: 2.5 });
  });

  it('accepts the bounds themselves', () => {
    expect(resolveRiskLimits({ maxDrawdownPct: 90, dailyLossPct: 0.5 }).ok).toBe(true);
  });

  it('refuses, with a code and a sentence each, values out of bounds, fractions of counts, non-numbers and unknown names', () => {
    const r = resolveRiskLimits({ maxDrawdownPct: 95, maxOpenOrders: 2.5, dailyLossPct: '5', maxPosition: 10, cooldownHours: Number.NaN });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.field, p.code])).toEqual([
      ['maxDrawdownPct', 'risk.limits.out_of_range'],
      ['maxOpenOrders', 'risk.limits.not_integer'],
      ['dailyLossPct', 'risk.limits.not_a_number'],
      ['maxPosition', 'risk.limits.unknown'],
      ['cooldownHours', 'risk.limits.not_a_number'],
    ]);
    expect(r.problems[0]!.message).toBe('maxDrawdownPct must be between 1 and 90 (got 95).');
    expect(r.problems[0]!.params).toEqual({ field: 'maxDrawdownPct', value: 95, min: 1, max: 90 });
  });

  it('keeps the liquidity block share at or above its warning share', () => {
    const r = resolveRiskLimits({ liquidityWarnPct: 60 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]!.code).toBe('risk.limits.order');
    expect(resolveRiskLimits({ liquidityWarnPct: 60, liquidityBlockPct: 60 }).ok).toBe(true);
  });

  it('refuses something that is not a set of values', () => {
    expect(resolveRiskLimits(null).ok).toBe(false);
    expect(resolveRiskLimits([1]).ok).toBe(false);
  });
});
