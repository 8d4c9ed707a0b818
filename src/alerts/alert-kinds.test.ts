import { describe, expect, it } from 'vitest';
import { AlertRefused } from './alert-rules.js';
import {
  actionsAfterFiring,
  checkDuration,
  conditionHolds,
  formatDuration,
  HOUR_MS,
  moveHolds,
  movePercent,
  passDecision,
  snoozeEnd,
  windowRange,
  windowWords,
} from './alert-kinds.js';
import type { LevelAlert, MoveAlert } from './types.js';

const T0 = Date.UTC(2026, 0, 1, 12);
const common = {
  id: 'a1',
  userId: 1,
  symbol: 'BTC/USDT',
  status: 'active' as const,
  createdAt: new Date(T0),
  triggeredAt: null,
  triggeredPrice: null,
  cancelledAt: null,
  cooldownMs: null,
  armed: true,
  snoozedUntil: null,
  expiresAt: null,
  fireCount: 0,
};
const level = (fields: Partial<LevelAlert> = {}): LevelAlert => ({ ...common, kind: 'level', direction: 'below', price: '60000', ...fields });
const move = (fields: Partial<MoveAlert> = {}): MoveAlert => ({ ...common, symbol: 'ETH/USDT', kind: 'move', direction: 'either', pct: '5', windowMs: HOUR_MS, ...fields });

describe('move alerts', () => {
  it('measure a rise from the window’s low and a fall from its high, at exactly the percent', () => {
    const range = { low: 3_000, high: 3_200 };
    expect(moveHolds({ direction: 'up', pct: '5' }, range, 3_150)).toEqual({ pct: 5, from: 3_000 });
    expect(moveHolds({ direction: 'up', pct: '5' }, range, 3_149.99)).toBeNull();
    expect(moveHolds({ direction: 'down', pct: '5' }, range, 3_040)).toEqual({ pct: -5, from: 3_200 });
    expect(moveHolds({ direction: 'down', pct: '5' }, range, 3_150)).toBeNull();
    // Either way: whichever is larger is told.
    expect(moveHolds({ direction: 'either', pct: '5' }, { low: 3_000, high: 3_200 }, 3_150)).toEqual({ pct: 5, from: 3_000 });
    expect(moveHolds({ direction: 'either', pct: '5' }, { low: 3_100, high: 3_400 }, 3_150)?.pct).toBeCloseTo(-7.35, 2);
    expect(moveHolds({ direction: 'either', pct: '5' }, { low: 3_100, high: 3_200 }, 3_150)).toBeNull();
  });

  it('take the window from the candles that reach into it; no candles, no range (and no firing)', () => {
    const candles = [
      { timestamp: T0 - 2 * HOUR_MS, high: 9_000, low: 1_000 },
      { timestamp: T0 - HOUR_MS - 60_000, high: 3_010, low: 2_990 },
      { timestamp: T0 - 60_000, high: 3_160, low: 3_100 },
    ];
    expect(windowRange(candles, HOUR_MS, T0 - HOUR_MS)).toEqual({ low: 2_990, high: 3_160 });
    expect(windowRange([], HOUR_MS, T0)).toBeNull();
    expect(conditionHolds(move(), 3_150, null)).toEqual({ holds: false });
    expect(conditionHolds(move(), 3_150, { low: 3_000, high: 3_000 })).toEqual({ holds: true, move: { pct: 5, from: 3_000 } });
    expect(conditionHolds(level(), 60_000, null)).toEqual({ holds: true });
  });

  it('refuse a move that is not a percentage between 0 and 100, and a window outside a minute to a week', () => {
    expect(movePercent('5')).toBe('5');
    expect(movePercent(2.5)).toBe('2.5');
    for (const bad of ['0', '-5', '101', 'lots']) expect(() => movePercent(bad)).toThrow(AlertRefused);
    expect(checkDuration('window', HOUR_MS)).toBe(HOUR_MS);
    expect(() => checkDuration('window', 30_000)).toThrow('A move’s window must be between a minute and 7 days.');
    expect(() => checkDuration('window', 8 * 24 * HOUR_MS)).toThrow(AlertRefused);
  });
});

describe('when a pass fires, re-arms or expires an alert', () => {
  it('fires an armed alert whose condition holds, and waits otherwise', () => {
    expect(passDecision(level(), T0, true)).toBe('fire');
    expect(passDecision(level(), T0, false)).toBe('wait');
    // A move whose window could not be read this pass neither fires nor re-arms.
    expect(passDecision(move(), T0, null)).toBe('wait');
    expect(passDecision(level({ status: 'triggered' }), T0, true)).toBe('wait');
  });

  it('re-arms a repeating alert only after its cooldown and once the price is back: one notice per crossing', () => {
    const fired = level({ cooldownMs: 600_000, armed: false, triggeredAt: new Date(T0), fireCount: 1 });
    expect(passDecision(fired, T0 + 599_999, false)).toBe('wait');
    expect(passDecision(fired, T0 + 600_000, true)).toBe('wait');
    expect(passDecision(fired, T0 + 600_000, false)).toBe('rearm');
    expect(passDecision({ ...fired, armed: true }, T0 + 600_005, true)).toBe('fire');
    // A one-shot alert is never re-armed.
    expect(passDecision(level({ armed: false, triggeredAt: new Date(T0) }), T0 + 86_400_000, false)).toBe('wait');
  });

  it('keeps a snoozed alert quiet until the snooze ends, and expires an alert at its time, snoozed or not', () => {
    const snoozed = level({ snoozedUntil: new Date(T0 + HOUR_MS) });
    expect(passDecision(snoozed, T0 + HOUR_MS - 1, true)).toBe('wait');
    expect(passDecision(snoozed, T0 + HOUR_MS, true)).toBe('fire');
    const expiring = level({ expiresAt: new Date(T0 + 24 * HOUR_MS), snoozedUntil: new Date(T0 + 48 * HOUR_MS) });
    expect(passDecision(expiring, T0 + 24 * HOUR_MS - 1, true)).toBe('wait');
    expect(passDecision(expiring, T0 + 24 * HOUR_MS, false)).toBe('expire');
  });

  it('snoozes for an hour or until the next 00:00 UTC', () => {
    expect(snoozeEnd('hour', T0).toISOString()).toBe('2026-01-01T13:00:00.000Z');
    expect(snoozeEnd('tomorrow', T0).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(snoozeEnd('tomorrow', Date.UTC(2026, 11, 31, 23, 59)).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('offers ✖ on a notice only when the alert keeps telling', () => {
    expect(actionsAfterFiring(level({ status: 'triggered' }))).toEqual(['buy', 'sell', 'snooze']);
    expect(actionsAfterFiring(level({ cooldownMs: 600_000, armed: false }))).toEqual(['buy', 'sell', 'snooze', 'remove']);
  });

  it('says durations the way people do', () => {
    expect(formatDuration(10 * 60_000)).toBe('10 min');
    expect(formatDuration(HOUR_MS)).toBe('1 h');
    expect(formatDuration(90 * 60_000)).toBe('1.5 h');
    expect(formatDuration(7 * 24 * HOUR_MS)).toBe('7 days');
    expect(windowWords(HOUR_MS)).toBe('an hour');
    expect(windowWords(4 * HOUR_MS)).toBe('4 hours');
    expect(windowWords(15 * 60_000)).toBe('15 minutes');
  });
});
