import { catalogueConfusables } from '../coin-catalogue.js';
import type { AssetCatalog } from '../contract.js';
import { COIN_NAMES, FUNCTION_TICKERS, GLUED_QUOTES, SATS_WORDS, WORDY_NAMES, WORDY_TICKERS } from './coin-names.js';
import { COMMON_WORDS } from './english-words.js';
import { closest } from './fuzzy.js';
import type { CoinVia, Tok } from './tokens.js';

/**
 * How much the sentence must vouch for a word before it counts as a coin:
 * - none: unmistakable ("btc", "solana") — a coin wherever it appears;
 * - wordy: also an English word ("near", "link", "cosmos") — needs a coin's place in the sentence;
 * - function: a tiny common word ("for", "it", "me") — needs a number before it or a pair.
 */
export type Ambiguity = 'none' | 'wordy' | 'function';

export interface CoinCandidate {
  /** Undefined when the word is a known coin name the exchange does not list ("monero"). */
  ticker: string | undefined;
  quote?: string;
  via: CoinVia;
  ambiguity: Ambiguity;
  /** Tokens the name spans ("near protocol" → 2). */
  words: number;
}

const NAMES = new Map<string, readonly string[]>(Object.entries(COIN_NAMES));
const MULTI_WORD_FIRSTS = new Set([...NAMES.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]!));
const FUZZY_NAMES = [...NAMES.keys()].filter((k) => !k.includes(' ') && !k.includes('.') && k.length >= 4);
const TICKER_SHAPE = /^[a-z0-9]{1,20}$/;
const CONFUSABLE = catalogueConfusables();

// Lower-case tickers of at least four letters, per catalog list, for fuzzy matching. Keyed by the
// array the catalog returns, so a catalog that returns a new list after a listing is re-indexed.
const fuzzyIndex = new WeakMap<readonly string[], { size: number; words: string[] }>();

export class CoinResolver {
  constructor(private readonly catalog: AssetCatalog) {}

  has(ticker: string): boolean {
    return ticker.length > 0 && this.catalog.hasAsset(ticker);
  }

  /** Exact reading of one word: a name, a listed ticker, satoshis, or a glued pair ("solusdt"). */
  word(w: string): CoinCandidate | null {
    if (w.length === 0 || w.length > 24) return null;
    const named = NAMES.get(w);
    if (named !== undefined) {
      return { ticker: named.find((t) => this.has(t)), via: 'name', ambiguity: WORDY_NAMES.has(w) ? 'wordy' : 'none', words: 1 };
    }
    if (SATS_WORDS.has(w)) return { ticker: this.has('BTC') ? 'BTC' : undefined, via: 'sats', ambiguity: w === 'sat' ? 'function' : 'none', words: 1 };
    if (!TICKER_SHAPE.test(w)) return null;
    const upper = w.toUpperCase();
    // "sell 30 ava": AVA, or AVAX with a letter missing? Known, but not guessed: the bot asks.
    if (CONFUSABLE.has(w) && this.has(upper)) return { ticker: undefined, via: 'ticker', ambiguity: 'none', words: 1 };
    if (this.has(upper)) return { ticker: upper, via: 'ticker', ambiguity: ambiguityOf(w), words: 1 };
    return this.glued(w);
  }

  /** A listed ticker or a name, as the halves of a written pair need. */
  asset(w: string): string | undefined {
    const named = NAMES.get(w);
    if (named !== undefined) return named.find((t) => this.has(t));
    const upper = w.toUpperCase();
    return TICKER_SHAPE.test(w) && this.has(upper) ? upper : undefined;
  }

  pair(a: string, b: string): CoinCandidate | null {
    const base = this.asset(a);
    const quote = this.asset(b);
    if (base === undefined || quote === undefined || base === quote) return null;
    return { ticker: base, quote, via: 'pair', ambiguity: 'none', words: 1 };
  }

  /** "SOLUSDT", "ethbtc": a listed base glued to a listed quote. */
  glued(w: string): CoinCandidate | null {
    if (w.length < 5 || COMMON_WORDS.has(w)) return null;
    const upper = w.toUpperCase();
    for (const quote of GLUED_QUOTES) {
      if (!upper.endsWith(quote) || upper.length - quote.length < 2) continue;
      const base = upper.slice(0, upper.length - quote.length);
      if (this.has(base) && this.has(quote) && ambiguityOf(base.toLowerCase()) !== 'function') {
        return { ticker: base, quote, via: 'glued', ambiguity: 'none', words: 1 };
      }
    }
    return null;
  }

  /** Names of two or three words ("near protocol", "bitcoin cash") starting at token i. */
  multiWord(toks: readonly Tok[], i: number): CoinCandidate | null {
    const first = toks[i];
    if (first === undefined || first.num !== undefined || !MULTI_WORD_FIRSTS.has(first.w)) return null;
    for (const n of [3, 2]) {
      if (i + n > toks.length) continue;
      const parts = toks.slice(i, i + n);
      // "harmony one": a spelled number can be part of a name; digits cannot.
      if (parts.some((t, k) => t.num !== undefined && (k === 0 || !/^[a-z]+$/.test(t.w)))) continue;
      const named = NAMES.get(parts.map((t) => t.w).join(' '));
      if (named !== undefined) return { ticker: named.find((t) => this.has(t)), via: 'name', ambiguity: 'none', words: n };
    }
    return null;
  }

  /** A typo of a name or a listed ticker ("bitconi", "etherum", "solona"); null when unsure. */
  fuzzy(w: string): string | null {
    if (w.length < 4 || COMMON_WORDS.has(w) || !/^[a-z]+$/.test(w)) return null;
    // "years" is one edit from "yearn" (YFI): the plural of a common word is that word, not a typo.
    if (w.endsWith('s') && COMMON_WORDS.has(w.slice(0, -1))) return null;
    const byName = closest(w, FUZZY_NAMES, (name) => NAMES.get(name)?.[0] ?? name);
    const byTicker = closest(w, this.tickerWords());
    const nameTicker = byName === null ? undefined : NAMES.get(byName.match)?.find((t) => this.has(t));
    const tickerTicker = byTicker?.match.toUpperCase();
    if (nameTicker !== undefined && tickerTicker !== undefined && nameTicker !== tickerTicker) {
      if (byName!.distance === byTicker!.distance) return null;
      return byName!.distance < byTicker!.distance ? nameTicker : tickerTicker;
    }
    return nameTicker ?? tickerTicker ?? null;
  }

  private tickerWords(): string[] {
    const list = this.catalog.assets();
    const cached = fuzzyIndex.get(list);
    if (cached !== undefined && cached.size === list.length) return cached.words;
    const words = list.map((t) => t.toLowerCase()).filter((t) => t.length >= 4 && /^[a-z]+$/.test(t));
    fuzzyIndex.set(list, { size: list.length, words });
    return words;
  }
}

export function ambiguityOf(w: string): Ambiguity {
  if (w.length <= 1 || FUNCTION_TICKERS.has(w)) return 'function';
  if (w.length === 2 || WORDY_TICKERS.has(w) || COMMON_WORDS.has(w)) return 'wordy';
  return 'none';
}
