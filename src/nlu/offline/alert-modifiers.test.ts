import { describe, expect, it } from 'vitest';
import { readAlertModifiers } from './alert-modifiers.js';

const HOUR = 3_600_000;

describe('alert modifiers', () => {
  it('reads a move within a window, and which way when the message says', () => {
    expect(readAlertModifiers('tell me if eth moves 5% in an hour')).toEqual({ move: { pct: 5, windowMs: HOUR, direction: 'either' } });
    expect(readAlertModifiers('tell me if btc drops 3% within 30 minutes')).toEqual({ move: { pct: 3, windowMs: 30 * 60_000, direction: 'down' } });
    expect(readAlertModifiers('alert me when sol pumps 10 percent in a day')).toEqual({ move: { pct: 10, windowMs: 24 * HOUR, direction: 'up' } });
    expect(readAlertModifiers('ping me if eth is up 2.5% in 4h')).toEqual({ move: { pct: 2.5, windowMs: 4 * HOUR, direction: 'up' } });
    expect(readAlertModifiers('notify me when btc changes by 5% over 2 hours')).toEqual({ move: { pct: 5, windowMs: 2 * HOUR, direction: 'either' } });
  });

  it('reads repeating, a cooldown and a lifetime', () => {
    expect(readAlertModifiers('alert me every time btc drops below 60k')).toEqual({ repeat: true });
    expect(readAlertModifiers('notify me whenever eth crosses 4000')).toEqual({ repeat: true });
    expect(readAlertModifiers('repeat: alert me when sol goes above 150')).toEqual({ repeat: true });
    expect(readAlertModifiers('alert me when btc drops below 60k, at most once an hour')).toEqual({ repeat: true, cooldownMs: HOUR });
    expect(readAlertModifiers('alert me when btc drops below 60k for the next 24 hours')).toEqual({ expiresInMs: 24 * HOUR });
    expect(readAlertModifiers('every time eth moves 5% in an hour, for 2 days')).toEqual({ move: { pct: 5, windowMs: HOUR, direction: 'either' }, repeat: true, expiresInMs: 48 * HOUR });
  });

  it('reads nothing from a plain alert or a percentage that is no move in a window', () => {
    expect(readAlertModifiers('alert me when btc drops below 60k')).toEqual({});
    expect(readAlertModifiers('tell me when eth hits 4k')).toEqual({});
    expect(readAlertModifiers('sell 50% of my eth')).toEqual({});
    // A window is a move's only with a percentage: "in an hour" alone is not one.
    expect(readAlertModifiers('alert me about btc in an hour')).toEqual({});
  });
});
