import type { Analysis } from './analyze.js';
import type { Side } from './intent-rules.js';
import { LIMIT_WORDS, MARKET_WORDS, PORTION_WORDS, WEAK_SELL_VERBS } from './lexicon.js';
import { priceMarked } from './markers.js';
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
}

const TIME_UNITS = new Set(['h', 'min', 'd', 'w', 'mo', 'x']);
/** Amount, money, share and price of a buy or sell, each number read from its neighbours. */
export function readTrade(a: Analysis, sym: SymbolReading, side: Side, verb: number): TradeReading {
  const toks = a.toks;
  const r: TradeReading = { limit: false, issues: 0, used: new Set() };
  const set = (key: 'amount' | 'quote_amount' | 'percentage' | 'price', value: number, i: number): void => {
    r.used.add(i);
    if (r[key] === undefined) r[key] = value;
    else if (r[key] !== value) r.issues++;
  };
  const leftovers: number[] = [];
  toks.forEach((t, i) => {
    const n = t.num;
    if (n === undefined || TIME_UNITS.has(n.unit)) return;
    const next = toks[i + 1];
    if (n.percent) {
      // "sell 10 eth at 10% profit": a price relative to the market, which the contract cannot carry
      if (priceMarked(toks, i) || word(toks, i + 1) === 'profit' || word(toks, i + 1) === 'up' || word(toks, i + 1) === 'down') {
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
      return set('percentage', n.value * 100, i);
    }
    if (priceMarked(toks, i)) return set('price', n.value, i);
    if (n.money !== undefined || word(toks, i - 1) === 'worth') return set('quote_amount', n.value, i); // "eth worth 500 usdt"
    if (next?.coin !== undefined) {
      if (i + 1 === sym.quoteIndex) return set('quote_amount', n.value, i);
      if (next.coin.via === 'sats') return set('amount', Number((n.value * 1e-8).toPrecision(12)), i);
      return set('amount', n.value, i);
    }
    if (a.unresolved.includes(i + 1)) return set('amount', n.value, i);
    leftovers.push(i);
  });
  for (const i of leftovers) {
    const value = toks[i]!.num!.value;
    const prev = word(toks, i - 1);
    if (prev === 'for' && (r.amount !== undefined || r.percentage !== undefined)) {
      r.issues++; // "sell 2 eth for 7000": a price, or the total?
      set('price', value, i);
    } else if ((i - 1 === sym.baseIndex || (i - 1 === verb && sym.baseIndex !== undefined)) && r.amount === undefined) {
      set('amount', value, i); // "buy btc 0.5", "if btc dips to 58k buy 0.1"
    } else if (word(toks, i + 1) === 'of' && i + 2 === sym.baseIndex) {
      r.issues++; // "0.5 of btc" (coins) or "100 of eth" (dollars)?
      set('amount', value, i);
    } else if (prev === 'for' && r.quote_amount === undefined) {
      r.issues++; // "buy eth for 50": most likely 50 of the quote currency
      set('quote_amount', value, i);
    }
  }
  const sized = (): boolean => r.amount !== undefined || r.quote_amount !== undefined || r.percentage !== undefined;
  if (!sized() && sym.baseIndex !== undefined && ['a', 'an'].includes(word(toks, sym.baseIndex - 1))) r.amount = 1; // "buy a bitcoin"
  if (!sized() && (toks.some((t) => t.num === undefined && PORTION_WORDS.has(t.w)) || closesPosition(toks))) r.percentage = 100;
  if (r.amount !== undefined && (r.quote_amount !== undefined || r.percentage !== undefined)) {
    r.issues++;
    delete r.quote_amount;
    delete r.percentage;
  } else if (r.quote_amount !== undefined && r.percentage !== undefined) {
    r.issues++;
    delete r.percentage;
  }
  if (r.percentage !== undefined && !(r.percentage > 0 && r.percentage <= 100)) {
    r.issues++;
    delete r.percentage;
  }
  const limitWord = toks.some((t) => t.num === undefined && LIMIT_WORDS.has(t.w));
  const marketWord = toks.some((t) => t.num === undefined && MARKET_WORDS.has(t.w));
  r.limit = r.price !== undefined || limitWord;
  if (r.price !== undefined && marketWord) r.issues++;
  return r;
}

/** "close my eth position", "exit my sol position": the whole holding. */
function closesPosition(toks: readonly Tok[]): boolean {
  return toks.some((t) => t.w === 'position') && toks.some((t) => t.num === undefined && WEAK_SELL_VERBS.has(t.w));
}
