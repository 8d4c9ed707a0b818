import type { AssetCatalog } from '../contract.js';
import { CoinResolver, type CoinCandidate } from './coin-resolver.js';
import { COMMON_WORDS } from './english-words.js';
import { FOREIGN_SMALL_TALK, LOANWORDS } from './foreign.js';
import {
  ALERT_WORDS, BUY_VERBS, CANCEL_WORDS, COIN_NEXT, DOWN_WORDS, LIMIT_WORDS, MARKET_WORDS, OPEN_WORDS, ORDER_NOUNS, ORDER_WORDS, PORTFOLIO_WORDS,
  PORTION_WORDS, PRICE_WORDS, SELL_VERBS, SIGNAL_WORDS, SOFT_WORDS, SPEND_VERBS, STOP_LOSS_WORDS, SWAP_VERBS,
  TAKE_PROFIT_WORDS, TOUCH_WORDS, UP_WORDS, WEAK_BUY_VERBS, WEAK_SELL_VERBS, correctKeyword, isExplained,
} from './lexicon.js';
import { priceMarked } from './markers.js';
import { isNumberWord, mergeNumbers } from './number-tokens.js';
import { prepare, tokenize, type Prepared } from './normalize.js';
import type { Tok } from './tokens.js';

/** A message read into tokens, with coins marked where the sentence supports them. */
export interface Analysis {
  toks: Tok[];
  prepared: Prepared;
  /** Words in a coin's place that match nothing listed ("buy 10 newcoin"), by token index. */
  unresolved: number[];
  /** Typos corrected (command words and coins). */
  fixes: number;
}

/** Words of a trading conversation other than the command words: "hold or fold on apt", "bull or bear on op weekly". */
const TRADING_TALK = new Set(['thoughts', 'opinion', 'play', 'bull', 'bear', 'hold', 'fold', 'hodl', 'moon', 'doom', 'pump', 'dump', 'hourly', 'daily', 'weekly', 'monthly', 'charts', 'entry', 'exit', 'target']);
/** Words that make a message about trading, so "on X", "of X" put a coin there. */
const DOMAIN: ReadonlySet<string> = new Set(
  [
    BUY_VERBS, SELL_VERBS, SWAP_VERBS, PRICE_WORDS, ALERT_WORDS, SIGNAL_WORDS, STOP_LOSS_WORDS, TAKE_PROFIT_WORDS,
    ORDER_WORDS, ORDER_NOUNS, OPEN_WORDS, CANCEL_WORDS, PORTFOLIO_WORDS, LIMIT_WORDS, MARKET_WORDS, TRADING_TALK,
  ].flatMap((s) => [...s]),
);
const TRADE_VERBS = [BUY_VERBS, SELL_VERBS, WEAK_BUY_VERBS, WEAK_SELL_VERBS, SWAP_VERBS, SPEND_VERBS];
const COIN_PREPOSITIONS = new Set(['of', 'on', 'for', 'in', 'with', 'against', 'vs', 'versus', 'into', 'to', 'about', 'from']);
const CONDITION_WORDS = new Set(['when', 'if', 'once', 'whenever']);
const UNIT_PRICE = new Set(['cost', 'costs', 'worth', 'going', 'trading', 'go']);
/** Words after a chain's coin that make it an adjective: "that new solana meme coin" is not SOL. */
const CHAIN_MODIFIERS = new Set(['meme', 'memecoin', 'memecoins', 'ecosystem', 'based', 'native', 'chain']);
const COIN_LIKE = /^[a-z][a-z0-9]{1,14}$/;
/** A coin right after these is the command's object: "tp link 22", "alert dot 9", "price near", "worth buying link". */
const COMMAND_WORDS = new Set(['stoploss', 'sl', 'takeprofit', 'tp', 'alert', 'notify', 'price', 'signals', 'chart', 'limit', 'market', 'buying', 'selling']);
/** Lone-word messages: "link?", "near pls". Wishes ("i need some magic") are not price questions. */
/** "worth buying some ton?", "selling my gas": the verb's object is a coin as after "buy". */
const PARTICLES = new Set(['up', 'on', 'into', 'in']);
const GERUNDS = new Set(['buying', 'selling', 'getting', 'grabbing', 'adding', 'dumping', 'aping']);
/** Word tickers that are also prepositions: "buy near the lows" places a buy, it names no coin. */
const PREPOSITION_TICKERS = new Set(['near', 'over', 'for', 'on', 'at']);
const DETERMINERS = new Set(['the', 'my', 'this', 'that', 'these', 'those', 'its', 'current', 'where', 'here', 'there', 'lows', 'highs', 'bottom', 'top', 'support', 'resistance', 'entry', 'market']);
const LONE_FILLERS = new Set(['please', 'pls', 'plz', 'now', 'rn', 'today', 'current', 'currently', 'the', 'ok', 'okay', 'hey', 'yo', 'hi', 'so', 'and', 'right', 'what', 'whats', 'is', 'how', 'much']);

/** A common word, or its plural ("years", "tickets"): never a coin, never reported as one. */
function isCommonWord(w: string): boolean {
  return COMMON_WORDS.has(w) || FOREIGN_SMALL_TALK.has(w) || (w.endsWith('s') && (COMMON_WORDS.has(w.slice(0, -1)) || (w.endsWith('es') && COMMON_WORDS.has(w.slice(0, -2)))));
}

export function analyze(text: string, catalog: AssetCatalog): Analysis {
  const prepared = prepare(text);
  const resolver = new CoinResolver(catalog);
  const lookup = {
    isPair: (a: string, b: string) => resolver.pair(a, b) !== null,
    isAsset: (w: string) => resolver.has(w.toUpperCase()),
    isCoin: (w: string) => resolver.word(w)?.ticker !== undefined,
  };
  const words = tokenize(prepared, lookup).map(translated);
  // "sell all my ONE": a listed ticker written in capitals (in a message that is not all capitals) is the coin.
  for (const t of words) if (t.upper && !prepared.shouting && t.w.length >= 3 && isNumberWord(t.w) && lookup.isAsset(t.w)) t.cashtag = true;
  const toks = mergeNumbers(words);
  // "comprar 1,5 sol", "kaufe 2,25 eth": in a language that writes a decimal comma, "1,5" is 1.5.
  const candidates = findCandidates(toks, resolver);
  // Each is a guess, as a corrected typo is.
  let fixes = prepared.foreign ? toks.filter(decimalComma).length : 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.num !== undefined || candidates[i] !== null || t.pair !== undefined) continue;
    const fixed = t.w === 'by' ? byAsBuy(toks, candidates, i) : correctKeyword(t.w);
    if (fixed !== null && fixed !== t.w) {
      toks[i] = { ...t, w: fixed, fixed: true };
      fixes++;
    }
  }
  const ctx = new Context(toks, prepared, candidates);
  const unresolved: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const c = candidates[i];
    if (c !== null && c !== undefined) {
      if (!ctx.accepts(i, c)) continue;
      if (c.ticker !== undefined) {
        t.coin = { ticker: c.ticker, via: c.via, ...(c.quote === undefined ? {} : { quote: c.quote }) };
        // "buy near", "price of gas": a word-like coin read from its place alone, not from a number or capitals.
        if (c.ambiguity !== 'none' && c.via !== 'pair' && c.via !== 'glued' && isCommonWord(t.w) && !ctx.vouched(i)) {
          if (ctx.strongSlot(i)) t.coin.placed = true;
          else t.coin.wordy = true;
        }
      }
      else unresolved.push(i);
      continue;
    }
    if (t.num !== undefined || t.pair !== undefined || !COIN_LIKE.test(t.w) || isExplained(t.w) || isCommonWord(t.w)) continue;
    if (!ctx.slot(i)) continue;
    const ticker = resolver.fuzzy(t.w);
    if (ticker !== null) {
      t.coin = { ticker, via: 'fuzzy' };
      t.fixed = true;
      fixes++;
    } else unresolved.push(i); // in a coin's place, matching nothing listed: "Did you mean …?"
  }
  return { toks, prepared, unresolved, fixes };
}

function decimalComma(t: Tok): boolean {
  const n = t.num;
  if (n?.flaw?.kind !== 'ambiguous' || n.unit !== '' || !/^[$€£]?\d+,\d{1,2}$/.test(t.w)) return false;
  const value = n.flaw.readings[0]!;
  t.num = { ...n, value, raw: value };
  delete t.num.flaw;
  return true;
}

/** A word of another language that carries a command, read in English ("compra" → "buy"). */
function translated(t: Tok): Tok {
  if (t.num !== undefined) return t;
  const english = LOANWORDS.get(t.w);
  // "fourt-een": a piece glued to the word before it is no word of its own ("een" is Dutch for "a").
  const glued = t.gap !== undefined && t.gap !== '' && !/\s/.test(t.gap);
  return english === undefined || english.includes(' ') || glued ? t : { ...t, w: english };
}

/** Exact coin readings per token; multi-word names are folded into their first token. */
function findCandidates(toks: Tok[], resolver: CoinResolver): Array<CoinCandidate | null> {
  const out: Array<CoinCandidate | null> = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.num !== undefined) {
      out.push(null);
      continue;
    }
    const multi = resolver.multiWord(toks, i);
    if (multi !== null) {
      const words = toks.splice(i, multi.words);
      toks.splice(i, 0, { w: words.map((x) => x.w).join(' '), upper: words.some((x) => x.upper), sentence: t.sentence });
      out.push(multi);
      continue;
    }
    if (t.pair !== undefined) {
      out.push(resolver.pair(t.pair[0], t.pair[1]));
      continue;
    }
    const c = resolver.word(t.w);
    out.push(c !== null && t.cashtag === true ? { ...c, ambiguity: 'none' } : c);
  }
  return out;
}

/** "by 2 eth": the preposition is a typo of "buy" when it opens the command. */
function byAsBuy(toks: readonly Tok[], candidates: ReadonlyArray<CoinCandidate | null>, i: number): string | null {
  const next = toks[i + 1];
  const opens = i === 0 || toks.slice(0, i).every((t) => t.num === undefined && isFillerOpener(t.w));
  const coin = candidates[i + 1];
  return opens && next !== undefined && (next.num !== undefined || (coin != null && coin.ambiguity === 'none')) ? 'buy' : null;
}

function isFillerOpener(w: string): boolean {
  return ['hey', 'hi', 'bot', 'pls', 'please', 'plz', 'ok', 'okay', 'so', 'i', 'want', 'to', 'can', 'you', 'could', 'now', 'go', 'ahead', 'and'].includes(w);
}

/** Where in a sentence a coin is expected. */
class Context {
  private readonly domain: boolean;

  constructor(
    private readonly toks: readonly Tok[],
    private readonly prepared: Prepared,
    private readonly candidates: ReadonlyArray<CoinCandidate | null>,
  ) {
    this.domain = toks.some((t) => t.num === undefined && DOMAIN.has(t.w));
  }

  accepts(i: number, c: CoinCandidate): boolean {
    const t = this.toks[i]!;
    if (c.via === 'pair' || c.via === 'glued' || (c.ambiguity === 'none' && !this.idiom(i))) return true;
    if (this.idiom(i)) return false;
    const capitals = t.upper && !this.prepared.shouting && t.w.length >= 2;
    if (c.ambiguity === 'function') {
      // "at 2800 for eth": after a price, and before another coin, "for" is the preposition.
      const quantity = this.afterAmount(i) && !priceMarked(this.toks, i - 1) && !this.coinAhead(i + 1);
      return quantity || (capitals && t.w.length >= 3 && this.afterVerb(i));
    }
    return capitals || this.slot(i);
  }

  /** A number right before it, capitals or a cashtag: the writer said it is a coin. */
  vouched(i: number): boolean {
    const t = this.toks[i]!;
    return this.afterAmount(i) || t.cashtag === true || (t.upper && !this.prepared.shouting && t.w.length >= 2);
  }

  /**
   * English uses of a word ticker: "a ton of doge", "a bunch of", "buy near the lows", "near my entry".
   * A number before it ("buy 2 ton") or capitals still make it the coin.
   */
  private idiom(i: number): boolean {
    const w = this.toks[i]!.w;
    if (this.vouched(i) || this.candidates[i]?.words !== 1) return false;
    const prev = this.word(i - 1);
    const next = this.word(i + 1);
    if ((prev === 'a' || prev === 'an') && next === 'of') return true;
    if (CHAIN_MODIFIERS.has(next)) return true;
    return PREPOSITION_TICKERS.has(w) && (DETERMINERS.has(next) || (next === '' && this.toks[i + 1]?.num !== undefined && this.coinBefore(i)));
  }

  private coinBefore(i: number): boolean {
    return this.candidates.slice(0, i).some((c) => c !== null && c !== undefined && c.ambiguity === 'none');
  }

  /** Any place a coin is expected: after an amount or a trade verb, "price of _", "_ price", ... */
  slot(i: number): boolean {
    if (this.strongSlot(i)) return true;
    // "link?", "near pls": a lone word-like ticker is the whole message.
    return this.toks.every((t, j) => j === i || (t.num === undefined && LONE_FILLERS.has(t.w)));
  }

  /** A place only a coin fits: "buy _", "price of _", "_ signals", "if _ drops", "_ in eth". */
  strongSlot(i: number): boolean {
    if (this.tradeSlot(i)) return true;
    const prev = this.word(i - 1);
    const next = this.word(i + 1);
    if (COIN_PREPOSITIONS.has(prev) && this.domain) return true;
    if (COIN_NEXT.has(next) || SIGNAL_WORDS.has(next) || COMMAND_WORDS.has(prev)) return true;
    // "if op sinks", "quando o link chegar" ("when the link reaches"): the article may stand between.
    const condition = CONDITION_WORDS.has(prev) || (prev === 'the' && CONDITION_WORDS.has(this.word(i - 2)));
    if (condition && (UP_WORDS.has(next) || DOWN_WORDS.has(next) || TOUCH_WORDS.has(next))) return true;
    // "what's a dot cost", "what's one bonk worth": one unit of a coin, priced.
    if (['a', 'an', 'one', '1'].includes(prev) && UNIT_PRICE.has(next)) return true;
    if (prev === 'is' && next === 'a') return true;
    // "cosmos in eth", "near vs sol": a coin priced in another one.
    if (['in', 'vs', 'versus', 'against'].includes(next) && this.candidates[i + 2]?.ambiguity === 'none' && this.candidates[i + 2]?.ticker !== undefined) return true;
    // "eth in euros", "sol vs near": the other side of such a pair.
    if (['in', 'vs', 'versus', 'against'].includes(prev) && this.candidates[i - 2]?.ambiguity === 'none' && this.candidates[i - 2]?.ticker !== undefined) return true;
    return prev === 'my' && this.domain;
  }

  /** Right after an amount or a trade verb: where "buy 10 newcoin" names a coin. */
  tradeSlot(i: number): boolean {
    return this.afterAmount(i) || this.afterVerb(i);
  }

  /** A coin at i, or after soft words from i: "3.8k for my eth" makes "for" the preposition. */
  private coinAhead(i: number): boolean {
    for (let j = i; j < this.toks.length && j <= i + 3; j++) {
      const t = this.toks[j]!;
      if (t.num !== undefined) return false;
      if (this.candidates[j] !== null && this.candidates[j] !== undefined) return true;
      if (!SOFT_WORDS.has(t.w)) return false;
    }
    return false;
  }

  private afterAmount(i: number): boolean {
    const prev = this.toks[i - 1];
    return prev?.num !== undefined && !prev.num.percent && !prev.num.fraction;
  }

  private afterVerb(i: number): boolean {
    for (let j = i - 1; j >= 0 && j >= i - 5; j--) {
      const t = this.toks[j]!;
      if (t.num !== undefined) {
        if (t.num.percent || t.num.fraction) continue;
        return false;
      }
      if (TRADE_VERBS.some((s) => s.has(t.w)) || GERUNDS.has(t.w)) return true;
      // "load up on link", "buy into near", "scoop up some op": a particle after the verb.
      if (PARTICLES.has(t.w) && j >= i - 3) continue;
      // "buy me some ace": the one the coin is bought for stands between.
      if (!SOFT_WORDS.has(t.w) && !PORTION_WORDS.has(t.w) && !((t.w === 'me' || t.w === 'us') && (j === i - 1 || (j === i - 2 && ['some', 'more'].includes(this.word(i - 1)))))) return false;
    }
    return false;
  }

  private word(i: number): string {
    const t = this.toks[i];
    return t === undefined || t.num !== undefined ? '' : t.w;
  }
}
