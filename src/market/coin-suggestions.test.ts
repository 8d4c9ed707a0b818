import { describe, expect, it } from 'vitest';
import { suggestCoins } from './coin-suggestions.js';

const listed = ['BTC', 'ETH', 'SOL', 'XRP', 'ADA', 'DOGE', 'DOT', 'LINK'];

describe('suggestCoins', () => {
  it('offers the nearest listed tickers, closest first', () => {
    expect(suggestCoins('btcc', listed)).toEqual(['BTC']);
    expect(suggestCoins('eht', listed)[0]).toBe('ETH');
    expect(suggestCoins('dog', listed)).toContain('DOGE');
    expect(suggestCoins('xrpp', listed)).toEqual(['XRP']);
  });

  it('offers nothing for words far from every ticker', () => {
    expect(suggestCoins('pasta', listed)).toEqual([]);
    expect(suggestCoins('', listed)).toEqual([]);
  });

  it('never offers more than asked', () => {
    expect(suggestCoins('do', listed, 2).length).toBeLessThanOrEqual(2);
  });
});
