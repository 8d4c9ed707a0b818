/** The parser's working units: one token per word, number, pair or resolved coin name. */

/** Why a written number cannot be used as it stands (see the conventions in numbers.ts). */
export type NumberFlaw =
  | { kind: 'not_positive' }
  | { kind: 'unreadable' }
  | { kind: 'ambiguous'; readings: number[] };

export interface Num {
  /**
   * The value as meant: "1.5k" → 1500, "15m" → 15000000, "half" → 0.5. With a flaw it is no
   * quantity: negative or zero (not_positive), NaN (unreadable), the first reading (ambiguous).
   */
  value: number;
  /** Digits before a unit suffix, for timeframes: "15m" → 15, "4h" → 4. */
  raw: number;
  /** Unit glued to the digits and kept for later readings: "m", "h", "d", "w", "x", "min", ... */
  unit: string;
  /** Written as money ("$100", "€5", "100 bucks"): a quote-currency amount. Holds the currency. */
  money?: 'USD' | 'EUR' | 'GBP';
  percent?: boolean;
  /** A share rather than a count: "half", "a quarter", "two thirds". */
  fraction?: boolean;
  /** The number as written, sign, currency and suffix included ("-$1.5k", "1 000 000", "1²"). */
  written?: string;
  /** Set when the number cannot become an entity as written: the entity readers report it instead. */
  flaw?: NumberFlaw;
  /**
   * Written as a name or a number to dial, not a quantity: "user 42's", "07700 900123",
   * "+447700900123". Never an amount or a price.
   */
  label?: boolean;
  /** "2 500 doge" (2500, or 2 and 500?): a grouping read by the convention, but with doubt. */
  grouping?: boolean;
}

export type CoinVia = 'ticker' | 'name' | 'pair' | 'glued' | 'fuzzy' | 'sats';

export interface Coin {
  ticker: string;
  /** Quote written with the coin itself: "eth/btc", "SOLUSDT". */
  quote?: string;
  via: CoinVia;
  /** A word-like ticker ("near", "gas") read from its place in the sentence alone: a doubt the bot reads back. */
  wordy?: boolean;
  /** A word-like ticker read from a place only a coin fits ("stop loss on link"), with no number or capitals: a small doubt. */
  placed?: boolean;
}

export interface Tok {
  /** Lower-case text used for matching. Numbers keep their written form ("0123"), ids need it. */
  w: string;
  /** Written in capitals: a hint that a word-like ticker ("NEAR", "OP") means the coin. */
  upper: boolean;
  num?: Num;
  /** "eth/btc", "UNI-ETH": both halves as written (lower case). */
  pair?: readonly [string, string];
  /** Written with '#': an order id. */
  hash?: boolean;
  /** Written as a cashtag ("$eth"): certainly a coin. */
  cashtag?: boolean;
  coin?: Coin;
  /** The word was a typo and was corrected to `w`. */
  fixed?: boolean;
  /** Written with "'s" of possession: "john's", "mom's", "42's". */
  possessive?: boolean;
  /** Which sentence of the message (0 when absent): "buy eth. im 100% sure" has two. */
  sentence?: number;
  /**
   * What stands between this token and the one before it ("" when glued in one chunk, " " for a
   * space, ", " ...): two numbers with only a space, comma or dash between them are one written
   * thing ("1 000 000", "1-2", "1, 5"), never two quantities.
   */
  gap?: string;
}

/** A number that can become an entity as written. */
export function usable(n: Num | undefined): n is Num {
  return n !== undefined && n.flaw === undefined;
}

export function word(toks: readonly Tok[], i: number): string {
  const t = toks[i];
  return t === undefined || t.num !== undefined ? '' : t.w;
}
