import type { NumberProblem } from '../contract.js';
import type { Analysis } from './analyze.js';
import type { Side } from './intent-rules.js';
import { DOWN_WORDS, LIMIT_WORDS, MARKET_WORDS, PORTION_WORDS, UP_WORDS, WEAK_SELL_VERBS } from './lexicon.js';
import { priceMarked } from './markers.js';
import { doubtful, problemOf } from './number-flaws.js';
import { shiftDecimal } from './numbers.js';
import type { SymbolReading } from './symbol.js';
import { word, type Tok } from './tokens.js';

export interface TradeReading {
  amount?: number;
  quote_amount?: number;
  percentage?: number;
  price?: number;
  limit: boolean;
  /** Readings that were a guess or that conflicted ("buy 2 eth with 6000 usdt"). */
  issues: number;
  /** Numbers the reading explained, by token index. */
  used: Set<number>;
  /** A number meant for a field that cannot be used as written: the field is then left out. */
  problem?: NumberProblem;
}

const TIME_UNITS = new Set(['h', 'min', 'd', 'w', 'mo', 'x']);
const UNIT_NOUNS = new Set(['tokens', 'token', 'coins', 'coin', 'units', 'unit']);
/** "I have 3 eth", "my friend has 10 eth": a holding described, not the size of the order. */
const HOLD_VERBS = new Set(['have', 'has', 'own', 'owns', 'hold', 'holds', 'holding', 'got', 'bought', 'had']);
const PERFORMANCE = new Set(['lost', 'lose', 'losing', 'made', 'make', 'gained', 'gain', 'up', 'down', 'dropped', 'fell', 'rose', 'pumped', 'dumped', 'is', 'was', 'am', 'im', 'are', 'returned', 'earned', 'by']);
const HEDGES = new Set(['only', 'like', 'about', 'still', 'around', 'just']);
const MOVE_FILLERS = new Set(['to', 'back', 'goes', 'go', 'gets', 'get', 'comes', 'moves', 'it', 'the', 'price', 'or']);
const CERTAINTY = new Set(['sure', 'certain', 'confident', 'serious', 'legit', 'real', 'positive', 'convinced']);
/** Amount, money, share and price of a buy or sell, each number read from its neighbours. */
export function readTrade(a: Analysis, sym: SymbolReading, side: Side, verb: number): TradeReading {
  const toks = a.toks;
  const r: TradeReading = { limit: false, issues: 0, used: new Set() };
  const set = (key: 'amount' | 'quote_amount' | 'percentage' | 'price', value: number, i: number): void => {
    r.used.add(i);
    const n = toks[i]!.num!;
    // "buy -1 btc", "buy 1² btc", "buy 1,5 btc": the field is reported, never filled with another number.
    if (n.flaw !== undefined) return void (r.problem ??= problemOf(n, key, toks[i]!.w));
    if (r.problem?.field === key) return;
    if (r[key] === undefined) r[key] = value;
    else if (r[key] !== value) r.issues += 2; // "im 100% sure, sell half my doge": two sizes, no way to choose
  };
  const said = context(toks, verb);
  // Sizes and prices come from the sentence that gives the order (or names the coin).
  const sentences = new Set([toks[verb]?.sentence ?? 0, sym.baseIndex === undefined ? 0 : (toks[sym.baseIndex]?.sentence ?? 0)]);
  const leftovers: number[] = [];
  toks.forEach((t, i) => {
    const n = t.num;
    if (n === undefined || TIME_UNITS.has(n.unit) || n.label === true) return;
    if (said.has(i)) return void r.used.add(i);
    // A stated price counts from any sentence ("buy 0.5 btc. at 60k"): dropping it would leave a market order.
    if (!sentences.has(t.sentence ?? 0) && !priceMarked(toks, i)) return;
    const next = toks[i + 1];
    if (n.percent) {
      // "sell 10 eth at 10% profit": a price relative to the market, which the contract cannot carry
      if (priceMarked(toks, i) || word(toks, i + 1) === 'profit' || word(toks, i + 1) === 'up' || word(toks, i + 1) === 'down') {
        if (n.flaw !== undefined && priceMarked(toks, i)) return set('price', n.value, i); // "at 3000 5%": unreadable
        r.used.add(i);
        r.issues += 2;
        return;
      }
      return set('percentage', n.value, i);
    }
    if (n.fraction) {
      // "half a btc", "a quarter of an eth": part of one coin, not a share of the holding.
      const j = word(toks, i + 1) === 'of' ? i + 2 : i + 1;
      if ((word(toks, j) === 'a' || word(toks, j) === 'an') && toks[j + 1]?.coin !== undefined) return set('amount', n.value, i);
      if (next?.coin !== undefined) {
        r.issues++; // "half eth": half a coin, or half of the holding?
        return side === 'buy' ? set('amount', n.value, i) : set('percentage', n.value * 100, i);
      }
      // "buy eth 1/2": half a coin, or half of the cash? "half my usdt", "1/2 of my usdt" say which.
      if (side === 'buy' && !['of', 'my'].includes(word(toks, i + 1))) r.issues += 2;
      return set('percentage', n.value * 100, i);
    }
    if (priceMarked(toks, i)) {
      // "sell 1 btc below 50k" is a stop, "buy btc if it breaks 70k" a breakout: as limits they
      // would fill at once at the market price. Read as written, but never acted on unasked.
      if (againstSide(toks, i, side)) r.issues += 2;
      return set('price', n.value, i);
    }
    if (n.money !== undefined || word(toks, i - 1) === 'worth' || (word(toks, i + 1) === 'worth' && word(toks, i + 2) === 'of')) {
      return set('quote_amount', n.value, i); // "eth worth 500 usdt", "1000 worth of eth"
    }
    if (next?.coin !== undefined) {
      if (i + 1 === sym.quoteIndex) return set('quote_amount', n.value, i);
      if (next.coin.via === 'sats') return set('amount', shiftDecimal(n.value, -8), i);
      return set('amount', n.value, i);
    }
    if (a.unresolved.includes(i + 1)) return set('amount', n.value, i);
    // "buy 5000 tokens of that new dog coin": a count of coins, whichever coin it is.
    if (UNIT_NOUNS.has(word(toks, i + 1)) && word(toks, i + 2) === 'of' && !n.fraction) return set('amount', n.value, i);
    leftovers.push(i);
  });
  const limitWord = toks.some((t) => t.num === undefined && LIMIT_WORDS.has(t.w));
  for (const i of leftovers) {
    const value = toks[i]!.num!.value;
    const prev = word(toks, i - 1);
    if (prev === 'for' && (r.amount !== undefined || r.percentage !== undefined)) {
      // "sell 2 eth for 7000": 7000 each, or 7000 in total? Only for one coin are they the same.
      if (r.amount !== 1) r.issues += 2;
      set('price', value, i);
    } else if (word(toks, i + 1) === 'of' && i + 2 === sym.baseIndex) {
      r.issues += 2; // "0.5 of btc" (coins) or "100 of eth" (dollars)?
      set('amount', value, i);
    } else if ((i - 1 === sym.baseIndex || (i - 1 === verb && sym.baseIndex !== undefined)) && r.amount === undefined) {
      set('amount', value, i); // "buy btc 0.5", "if btc dips to 58k buy 0.1"
    } else if (r.price === undefined && r.amount !== undefined && i - 1 === sym.baseIndex) {
      // "limit order buy 5 sol 130", "sell order 1 eth 4200": a number after the sized coin is a price.
      // Without "limit" or "order" it may be anything, but reading it as a market order is the worst guess.
      r.issues += limitWord || toks.some((t) => t.w === 'order') ? 1 : 2;
      set('price', value, i);
    } else if (prev === 'for' && r.quote_amount === undefined) {
      r.issues++; // "buy eth for 50": most likely 50 of the quote currency
      set('quote_amount', value, i);
    }
  }
  // A number that cannot be read, in the order's sentence and claimed by no rule, may have been its size or price.
  const unclaimed = leftovers.find((i) => !r.used.has(i) && doubtful(toks[i]!.num));
  if (r.problem === undefined && unclaimed !== undefined) {
    r.used.add(unclaimed);
    r.problem = problemOf(toks[unclaimed]!.num!, null, toks[unclaimed]!.w);
  }
  const sized = (): boolean => r.amount !== undefined || r.quote_amount !== undefined || r.percentage !== undefined || r.problem !== undefined;
  if (!sized() && sym.baseIndex !== undefined && ['a', 'an'].includes(word(toks, sym.baseIndex - 1))) r.amount = 1; // "buy a bitcoin"
  if (!sized() && (toks.some((t) => t.num === undefined && PORTION_WORDS.has(t.w)) || closesPosition(toks))) r.percentage = 100;
  // Two kinds of size ("sell half my doge 4 real", "i made 200 bucks, sell half"): one is not a size.
  if (r.amount !== undefined && (r.quote_amount !== undefined || r.percentage !== undefined)) {
    r.issues += 2;
    delete r.quote_amount;
    delete r.percentage;
  } else if (r.quote_amount !== undefined && r.percentage !== undefined) {
    r.issues += 2;
    delete r.percentage;
  }
  if (r.percentage !== undefined && !(r.percentage > 0 && r.percentage <= 100)) {
    r.issues++;
    delete r.percentage;
  }
  if (r.problem?.field != null) delete r[r.problem.field];
  const marketWord = toks.some((t) => t.num === undefined && MARKET_WORDS.has(t.w));
  r.limit = r.price !== undefined || limitWord || r.problem?.field === 'price';
  if (r.price !== undefined && marketWord) r.issues++;
  return r;
}

/** "close my eth position", "exit my sol position": the whole holding. */
function closesPosition(toks: readonly Tok[]): boolean {
  return toks.some((t) => t.w === 'position') && toks.some((t) => t.num === undefined && WEAK_SELL_VERBS.has(t.w));
}

/**
 * Numbers that describe the situation rather than the order, by token index: a holding ("I have
 * 3 eth, sell 1", "sell 5 of my 10 eth"), a performance ("eth is up 5%", "i made 200 bucks") or a
 * certainty ("im 100% sure"). None of them sizes the order.
 */
function context(toks: readonly Tok[], verb: number): Set<number> {
  const out = new Set<number>();
  toks.forEach((t, i) => {
    if (t.num === undefined) return;
    let j = i - 1;
    while (j >= 0 && HEDGES.has(word(toks, j))) j--;
    // Only coins held: in "i got 500 bucks, buy sol with it" the money is what is spent.
    if (HOLD_VERBS.has(word(toks, j)) && t.num.money === undefined && toks[i + 1]?.coin !== undefined) out.add(i);
    // "i lost 40% last year", "eth is up 5% today", "i made 200 bucks": a performance, not a size.
    if ((t.num.percent === true || t.num.money !== undefined) && PERFORMANCE.has(word(toks, j)) && j !== verb) out.add(i);
    if (t.num.percent === true && CERTAINTY.has(word(toks, i + 1))) out.add(i); // "im 100% sure, buy eth"
    const k = word(toks, i + 2) === 'my' || word(toks, i + 2) === 'the' ? i + 3 : i + 2;
    if (word(toks, i + 1) === 'of' && toks[k]?.num !== undefined && toks[k + 1]?.coin !== undefined) out.add(k);
  });
  return out;
}

const BUY_AGAINST = new Set([...UP_WORDS, 'breaks', 'break', 'breakout']);

/** The price is reached by a move that makes the order a stop, not a limit: selling on a fall, buying on a rise. */
function againstSide(toks: readonly Tok[], i: number, side: Side): boolean {
  const against = side === 'sell' ? DOWN_WORDS : BUY_AGAINST;
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const w = word(toks, j);
    if (against.has(w)) return true;
    if (!MOVE_FILLERS.has(w)) return false;
  }
  return false;
}
