import { describe, expect, it } from 'vitest';
import { venueFromText } from './venue-phrases.js';

describe('venueFromText', () => {
  it('reads "wherever it’s cheapest" and its kin as a routed order', () => {
    for (const text of ["buy 1 btc wherever it's cheapest", 'buy 1 btc wherever its cheapest', 'buy 1 btc on the cheapest exchange', 'sell 0.5 eth wherever the price is best', 'buy 1 btc at the best price across exchanges', 'buy 2 eth on any exchange']) {
      expect([text, venueFromText(text)]).toEqual([text, 'best']);
    }
  });

  it('reads a named venue, and nothing from a plain order', () => {
    expect(venueFromText('buy 1 btc on Kraken')).toBe('kraken');
    expect(venueFromText('sell 2 eth via kucoin')).toBe('kucoin');
    expect(venueFromText('buy 1 btc')).toBeNull();
    expect(venueFromText('buy 1 btc at 50000')).toBeNull();
    expect(venueFromText('buy $100 of btc at the best price')).toBeNull();
  });
});
