import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import { AlertRefused, alertHolds, alertLevel, coinName, inferDirection, refuseIfAlreadyThere } from './alert-rules.js';

describe('alert rules', () => {
  it('infers the direction from the price now: above when the level is above it, else below', () => {
    expect(inferDirection(70_000, 61_234)).toBe('above');
    expect(inferDirection(60_000, 61_234)).toBe('below');
    expect(inferDirection('0.00001300', '0.00001234')).toBe('above');
    // A tie is "below", and refused as already there (see below).
    expect(inferDirection(60_000, 60_000)).toBe('below');
  });

  it('holds when the last price is at or beyond the level', () => {
    expect(alertHolds('below', 60_000, 60_000.01)).toBe(false);
    expect(alertHolds('below', 60_000, 60_000)).toBe(true);
    expect(alertHolds('below', 60_000, 42_000)).toBe(true);
    expect(alertHolds('above', 60_000, 59_999.99)).toBe(false);
    expect(alertHolds('above', 60_000, 60_000)).toBe(true);
    expect(alertHolds('above', '0.1', 0.30000000000000004)).toBe(true);
  });

  it('refuses an alert that would fire at once, saying where the price is', () => {
    const refusal = (direction: 'above' | 'below', level: number, last: number, inferred = false) => {
      try {
        refuseIfAlreadyThere('BTC/USDT', direction, dec(level), last, inferred);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(AlertRefused);
        return (error as AlertRefused).userMessage;
      }
    };
    expect(refusal('above', 60_000, 61_234)).toBe('BTC is already above 60,000.00 (61,234.00 now).');
    expect(refusal('below', 70_000, 61_234)).toBe('BTC is already below 70,000.00 (61,234.00 now).');
    expect(refusal('below', 60_000, 60_000, true)).toBe('BTC is at 60,000.00 right now. Pick a level above or below it.');
    expect(refusal('below', 60_000, 61_234)).toBeNull();
    expect(refusal('above', 70_000, 61_234)).toBeNull();
  });

  it('takes a positive price as the level and refuses anything else', () => {
    expect(alertLevel(60_000).toFixed()).toBe('60000');
    expect(alertLevel('0.00001234').toFixed()).toBe('0.00001234');
    for (const bad of [0, -5, 'abc', Number.NaN, Number.POSITIVE_INFINITY, '1e16']) {
      expect(() => alertLevel(bad)).toThrow(AlertRefused);
    }
  });

  it('names a USDT market by its coin and a cross by its pair', () => {
    expect(coinName('BTC/USDT')).toBe('BTC');
    expect(coinName('ETH/BTC')).toBe('ETH/BTC');
  });
});
