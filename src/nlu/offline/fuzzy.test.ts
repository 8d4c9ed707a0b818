import { describe, expect, it } from 'vitest';
import { closest, editDistance, maxEdits, sameStart } from './fuzzy.js';

describe('editDistance (optimal string alignment)', () => {
  it.each([
    ['bitcoin', 'bitcoin', 0],
    ['bitconi', 'bitcoin', 1], // swap of neighbours
    ['etherum', 'ethereum', 1], // deletion
    ['solona', 'solana', 1], // substitution
    ['etheruem', 'ethereum', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s ↔ %s = %d', (a, b, d) => {
    expect(editDistance(a, b, 5)).toBe(d);
    expect(editDistance(b, a, 5)).toBe(d);
  });

  it('stops early past the allowed distance', () => {
    expect(editDistance('bitcoin', 'dogecoin', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('typo thresholds', () => {
  it('allows nothing below four letters, one edit up to seven, two from eight', () => {
    expect([1, 2, 3, 4, 7, 8, 12].map(maxEdits)).toEqual([0, 0, 0, 1, 1, 2, 2]);
  });

  it('requires the first letter (or a swap of the first two)', () => {
    expect(sameStart('tell', 'sell')).toBe(false);
    expect(sameStart('ehtereum', 'ethereum')).toBe(true);
  });

  it('finds the closest candidate and refuses ambiguous or short words', () => {
    expect(closest('bitconi', ['bitcoin', 'dogecoin'])?.match).toBe('bitcoin');
    expect(closest('sel', ['sell'])).toBeNull();
    expect(closest('tell', ['sell'])).toBeNull();
    expect(closest('cart', ['card', 'care'])).toBeNull(); // tie between two meanings
    expect(closest('cart', ['card', 'care'], () => 'same')?.distance).toBe(1);
    expect(closest('ordrs', ['orders', 'order'])?.match).toBe('orders');
  });
});
