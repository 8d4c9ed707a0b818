import { editDistance } from '../shared/edit-distance.js';

/**
 * Listed coins nearest to a word the parser could not place, for "Did you mean …?":
 * closest spelling first, then the more familiar (earlier in `listed`) on ties.
 */
export function suggestCoins(word: string, listed: readonly string[], limit = 3): string[] {
  const target = word.trim().toUpperCase();
  if (!target) return [];
  const maxDistance = Math.max(1, Math.min(3, Math.floor(target.length / 2)));
  return listed
    .map((ticker, rank) => ({ ticker, rank, distance: distanceTo(target, ticker, maxDistance) }))
    .filter((c) => c.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.rank - b.rank)
    .slice(0, limit)
    .map((c) => c.ticker);
}

function distanceTo(word: string, ticker: string, max: number): number {
  // "BTCC" or "XRPP" are one edit away; "BITCO" starts like BTC's name, not its ticker — the
  // parser's name table already handles names, so only tickers are compared here.
  const plain = editDistance(word, ticker, max);
  const prefix = ticker.startsWith(word) || word.startsWith(ticker) ? Math.abs(word.length - ticker.length) : max + 1;
  return Math.min(plain, prefix);
}
