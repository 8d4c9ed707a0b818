import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, RISK_LIMIT_BOUNDS, resolveRiskLimits, type RiskLimitName } from './limits.js';
import {
  confirmPending, isLoosening, LIMIT_ORDER, LIMIT_STEPS, limitsAfterPending, limitsInForce, NO_LIMIT_SETTINGS, proposeChange, RISK_PRESETS, RISK_TOLERANCES, stepLimit, toleranceOf,
} from './limit-settings.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const HOUR = 3_600_000;

describe('risk presets', () => {
  it('are valid limits, medium is the defaults, and each is tighter or looser than medium as named', () => {
    for (const t of RISK_TOLERANCES) expect(resolveRiskLimits(RISK_PRESETS[t]).ok, t).toBe(true);
    expect(RISK_PRESETS.medium).toEqual(DEFAULT_RISK_LIMITS);
    for (const name of LIMIT_ORDER) {
      expect(isLoosening(name, DEFAULT_RISK_LIMITS[name], RISK_PRESETS.conservative[name]), `conservative ${name}`).toBe(false);
      if (RISK_PRESETS.aggressive[name] !== DEFAULT_RISK_LIMITS[name]) expect(isLoosening(name, DEFAULT_RISK_LIMITS[name], RISK_PRESETS.aggressive[name]), `aggressive ${name}`).toBe(true);
    }
    expect(toleranceOf(RISK_PRESETS.aggressive)).toBe('aggressive');
  });
});

describe('changing a limit', () => {
  it('tightens at once', () => {
    const r = proposeChange(NO_LIMIT_SETTINGS, { kind: 'set', name: 'maxPositionPct', value: 5 }, NOW, HOUR);
    expect(r).toMatchObject({ ok: true, applied: [{ name: 'maxPositionPct', from: 10, to: 5 }], delayed: [], effectiveAt: null });
    expect(r.ok && limitsInForce(r.settings, NOW).maxPositionPct).toBe(5);
  });

  it('loosens only after the delay, and the wait starts again with each loosening', () => {
    const first = proposeChange(NO_LIMIT_SETTINGS, { kind: 'set', name: 'maxPositionPct', value: 20 }, NOW, HOUR);
    if (!first.ok) throw new Error('refused');
    expect(first).toMatchObject({ applied: [], delayed: [{ name: 'maxPositionPct', from: 10, to: 20 }], effectiveAt: NOW + HOUR });
    expect(limitsInForce(first.settings, NOW + HOUR - 1).maxPositionPct).toBe(10);
    expect(limitsAfterPending(first.settings, NOW).maxPositionPct).toBe(20);
    expect(limitsInForce(first.settings, NOW + HOUR).maxPositionPct).toBe(20);

    const second = proposeChange(first.settings, { kind: 'set', name: 'dailyLossPct', value: 8 }, NOW + 30 * 60_000, HOUR);
    if (!second.ok) throw new Error('refused');
    expect(second.settings.pending).toEqual({ limits: { maxPositionPct: 20, dailyLossPct: 8 }, tolerance: null, effectiveAt: NOW + 90 * 60_000 });
  });

  it('a tightening cancels a loosening of the same limit that waits', () => {
    const loose = proposeChange(NO_LIMIT_SETTINGS, { kind: 'set', name: 'maxPositionPct', value: 20 }, NOW, HOUR);
    if (!loose.ok) throw new Error('refused');
    const tight = proposeChange(loose.settings, { kind: 'set', name: 'maxPositionPct', value: 8 }, NOW + 1, HOUR);
    expect(tight).toMatchObject({ ok: true, applied: [{ name: 'maxPositionPct', to: 8 }], delayed: [] });
    expect(tight.ok && tight.settings.pending).toBeNull();
  });

  it('confirming a second time puts what waits in force at once', () => {
    const loose = proposeChange(NO_LIMIT_SETTINGS, { kind: 'preset', tolerance: 'aggressive' }, NOW, HOUR);
    if (!loose.ok) throw new Error('refused');
    expect(loose.applied).toEqual([]);
    expect(limitsInForce(loose.settings, NOW)).toEqual(DEFAULT_RISK_LIMITS);
    const confirmed = confirmPending(loose.settings, NOW + 1);
    expect(confirmed.moves.map((m) => m.name)).toContain('maxPositionPct');
    expect(limitsInForce(confirmed.settings, NOW + 1)).toEqual(RISK_PRESETS.aggressive);
    expect(confirmed.settings).toMatchObject({ tolerance: 'aggressive', pending: null });
  });

  it('a preset splits: what tightens applies now, what loosens waits', () => {
    const custom = proposeChange(NO_LIMIT_SETTINGS, { kind: 'set', name: 'maxOpenOrders', value: 5 }, NOW, HOUR);
    if (!custom.ok) throw new Error('refused');
    const r = proposeChange(custom.settings, { kind: 'preset', tolerance: 'conservative' }, NOW, HOUR);
    if (!r.ok) throw new Error('refused');
    expect(r.delayed).toEqual([{ name: 'maxOpenOrders', from: 5, to: 10 }]);
    expect(r.applied.map((m) => m.name)).toContain('maxPositionPct');
    expect(limitsInForce(r.settings, NOW)).toMatchObject({ maxPositionPct: 5, maxOpenOrders: 5 });
    expect(limitsInForce(r.settings, NOW + HOUR)).toEqual(RISK_PRESETS.conservative);
    expect(r.settings.tolerance).toBeNull();
    expect(limitsInForce(r.settings, NOW + HOUR) && r.settings.pending?.tolerance).toBe('conservative');
  });

  it('refuses values out of bounds, and a block share below its warning share, changing nothing', () => {
    expect(proposeChange(NO_LIMIT_SETTINGS, { kind: 'set', name: 'maxDrawdownPct', value: 95 }, NOW, HOUR)).toMatchObject({ ok: false, problems: [{ code: 'risk.limits.out_of_range' }] });
    expect(proposeChange(NO_LIMIT_SETTINGS, { kind: 'set', name: 'liquidityBlockPct', value: 5 }, NOW, HOUR)).toMatchObject({ ok: false, problems: [{ code: 'risk.limits.order' }] });
  });

  it('a measurement setting (a period, a lookback) waits whichever way it moves', () => {
    expect(proposeChange(NO_LIMIT_SETTINGS, { kind: 'set', name: 'volatilityAtrPeriod', value: 10 }, NOW, HOUR)).toMatchObject({ ok: true, applied: [], delayed: [{ name: 'volatilityAtrPeriod' }] });
    expect(isLoosening('cooldownHours', 12, 6)).toBe(true);
    expect(isLoosening('cooldownHours', 12, 24)).toBe(false);
  });
});

describe('stepLimit', () => {
  it('moves on the step grid and stops at the bounds', () => {
    expect(stepLimit('maxPositionPct', 10, 1)).toBe(11);
    expect(stepLimit('dailyLossPct', 5, -1)).toBe(4.5);
    expect(stepLimit('correlationThreshold', 0.8, 1)).toBe(0.81);
    expect(stepLimit('maxDrawdownPct', 88, 5)).toBe(90);
    expect(stepLimit('dailyLossPct', 0.5, -5)).toBe(0.5);
    for (const name of Object.keys(RISK_LIMIT_BOUNDS) as RiskLimitName[]) {
      const { min, max } = RISK_LIMIT_BOUNDS[name];
      for (const steps of [-5, -1, 1, 5]) {
        const v = stepLimit(name, DEFAULT_RISK_LIMITS[name], steps);
        expect(v >= min && v <= max && resolveRiskLimits({ [name]: v }).ok, `${name} ${steps}`).toBe(true);
        expect(LIMIT_STEPS[name]).toBeGreaterThan(0);
      }
    }
  });
});
