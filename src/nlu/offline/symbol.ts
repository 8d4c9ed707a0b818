import type { Analysis } from './analyze.js';
import { QUOTE_PRIORITY } from './coin-names.js';
import { PORTION_WORDS, QUOTE_MARKERS, SOFT_WORDS, SPEND_VERBS } from './lexicon.js';
import { priceMarked } from './markers.js';
import type { Tok } from './tokens.js';

export interface SymbolReading {
  symbol?: string;
  base?: string;
  quote?: string;
  /** Token of the base coin, and of the coin named as the quote (when one was named). */
  baseIndex?: number;
  quoteIndex?: number;
  /** The quote came from the words ("with usdc", "eth/btc"), not the USDT default. */
  quoteNamed: boolean;
  /** Two different coins could each be the one traded, or the pair names one coin twice. */
  conflict: boolean;
  /** A coin-like word that matched nothing listed. */
  unresolved?: string;
}

const DEFAULT_QUOTE = 'USDT';
const CLAUSE_VERBS = new Set(['is', 'was', 'has', 'had', 'dropped', 'dumped', 'pumped', 'fell', 'rose', 'went', 'looks', 'will', 'just', 'crashed', 'mooned']);
const CASH_QUOTES = new Set(['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'EUR', 'TRY', 'BRL', 'GBP', 'JPY']);
const MONEY_QUOTE: Readonly<Record<string, string>> = { EUR: 'EUR', GBP: 'GBP' };

/**
 * Which coin is traded and against what. A coin is the quote when the words say it is paid or
 * received ("with usdc", "against btc", "in eth", "for btc", "50 usdt worth of xrp", "use half my
 * usdt"); the remaining coin is the base. A written pair ("eth/btc", "SOLUSDT") fixes both.
 */
export function readSymbol(a: Analysis): SymbolReading {
  const toks = a.toks;
  const mentions: number[] = [];
  toks.forEach((t, i) => {
    if (t.coin !== undefined) mentions.push(i);
  });
  const unresolvedIndex = a.unresolved[0];
  const unresolved = unresolvedIndex === undefined ? undefined : toks[unresolvedIndex]?.w;
  if (mentions.length === 0) return { quoteNamed: false, conflict: false, ...(unresolved === undefined ? {} : { unresolved }) };

  const strong = new Set(mentions.filter((i) => spentBefore(toks, i) || paysFor(toks, i) || priceUnit(toks, i) || (mentions.length > 1 && cashAmount(toks, i))));
  // "eth usdt", "btc usdc": a cash currency written right after the coin completes the pair. Not a
  // crypto quote: in "sell half my doge eth is up 5%" the second coin starts another sentence.
  const completesPair = (i: number): boolean => {
    const prev = toks[i - 1]?.coin?.ticker;
    const ticker = toks[i]!.coin!.ticker;
    return prev !== undefined && CASH_QUOTES.has(ticker) && quoteRank(ticker) < quoteRank(prev) && toks[i - 1]!.sentence === toks[i]!.sentence;
  };
  const weak = new Set(mentions.filter((i) => governedBy(toks, i, QUOTE_MARKERS) || completesPair(i)));
  const candidates = mentions.filter((i) => !strong.has(i));
  const unmarked = candidates.filter((i) => !weak.has(i));
  const baseIndex = unmarked[0] ?? candidates[0] ?? mentions[0]!;
  const baseCoin = toks[baseIndex]!.coin!;
  const base = baseCoin.ticker;

  let quote = baseCoin.quote;
  let quoteIndex: number | undefined;
  const pairFor = mentions.find((i) => toks[i]!.coin!.quote !== undefined && toks[i]!.coin!.ticker === base);
  if (quote === undefined && pairFor !== undefined) quote = toks[pairFor]!.coin!.quote;
  if (quote === undefined) {
    const others = mentions.filter((i) => i !== baseIndex && toks[i]!.coin!.ticker !== base);
    quoteIndex = others.find((i) => strong.has(i)) ?? others.find((i) => weak.has(i));
    if (quoteIndex !== undefined) quote = toks[quoteIndex]!.coin!.ticker;
  }
  const quoteNamed = quote !== undefined;
  if (quote === undefined) {
    const money = toks.find((t) => t.num?.money !== undefined && MONEY_QUOTE[t.num.money] !== undefined)?.num?.money;
    quote = money === undefined ? DEFAULT_QUOTE : MONEY_QUOTE[money]!;
  }

  // Distinct coins that each look like the traded one ("buy eth and btc") make the reading unsafe.
  const bases = new Set(unmarked.filter((i) => i !== quoteIndex).map((i) => toks[i]!.coin!.ticker));
  // "buy eth with eth": the same coin named as what is bought and what pays.
  const selfPaid = mentions.some((i) => i !== baseIndex && toks[i]!.coin!.ticker === base && (strong.has(i) || weak.has(i)));
  const conflict = bases.size > 1 || base === quote || selfPaid;
  const reading: SymbolReading = { base, quote, baseIndex, quoteNamed, conflict };
  if (quoteIndex !== undefined) reading.quoteIndex = quoteIndex;
  if (base !== quote) reading.symbol = `${base}/${quote}`;
  return reading;
}

/** Orders a swap of two coins as a trade on the listed pair: the coin earlier in QUOTE_PRIORITY is the quote. */
export function orientSwap(from: string, to: string): { base: string; quote: string; side: 'buy' | 'sell' } {
  return quoteRank(to) < quoteRank(from) ? { base: from, quote: to, side: 'sell' } : { base: to, quote: from, side: 'buy' };
}

function quoteRank(ticker: string): number {
  const r = QUOTE_PRIORITY.indexOf(ticker);
  return r < 0 ? QUOTE_PRIORITY.length : r;
}

/** Looks back from token i over soft words ("my", "of", "all", amounts, shares) for a governing word. */
function governedBy(toks: readonly Tok[], i: number, words: ReadonlySet<string>): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 6; j--) {
    const t = toks[j]!;
    if (t.num !== undefined) continue;
    if (t.coin !== undefined) return false;
    if (words.has(t.w)) return true;
    if (!SOFT_WORDS.has(t.w) && !PORTION_WORDS.has(t.w)) return false;
  }
  return false;
}

/** "use half of my usdt", "spend 100 usdc on sol": the coin after a spending verb pays. */
function spentBefore(toks: readonly Tok[], i: number): boolean {
  return governedBy(toks, i, SPEND_VERBS) || (toks[i - 1]?.num !== undefined && toks[i - 2]?.w === 'worth');
}

/** "50 usdt worth of xrp", "100 usdc of eth": the coin is the unit of what is spent. */
function paysFor(toks: readonly Tok[], i: number): boolean {
  if (toks[i - 1]?.num === undefined) return false;
  let j = i + 1;
  if (toks[j]?.w === 'worth') j++;
  if (toks[j]?.w !== 'of') return false;
  j++;
  return toks[j]?.coin !== undefined || toks[j + 1]?.coin !== undefined;
}

/** "buy eth 100 usdt", "i have 500 usdt, buy eth": a sum of cash beside another coin is money, not the coin bought. */
function cashAmount(toks: readonly Tok[], i: number): boolean {
  return toks[i - 1]?.num !== undefined && CASH_QUOTES.has(toks[i]!.coin!.ticker) && !toks[i - 1]!.num!.percent;
}

/** "at 3000 usdt", "for 0.05 btc each": the coin is the unit of a price, so it is the quote. */
function priceUnit(toks: readonly Tok[], i: number): boolean {
  // "sell 3 sol at 250. eth is up": a coin opening the next sentence is not the price's unit.
  // Nor is one that is the subject of a new clause: "sell 3 sol at 250 eth is up 5% today".
  const next = toks[i + 1];
  const subject = next !== undefined && next.num === undefined && CLAUSE_VERBS.has(next.w);
  // "price of 1 solana in euro": one coin priced, not a price in SOL.
  const oneOf = toks[i - 2]?.w === 'of' && !QUOTE_PRIORITY.includes(toks[i]!.coin!.ticker);
  return toks[i - 1]?.num !== undefined && priceMarked(toks, i - 1) && toks[i - 1]!.sentence === toks[i]!.sentence && !subject && !oneOf;
}
