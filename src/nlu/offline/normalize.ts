import { parseNumeric } from './numbers.js';
import type { Tok } from './tokens.js';

/**
 * Only the start of a message is read. A trading command is a sentence or two; reading a
 * bounded prefix keeps a 100 kB paste as cheap as "buy 1 eth", and the parser lowers its
 * confidence when it had to cut.
 */
export const MAX_CHARS = 400;
export const MAX_TOKENS = 48;

/**
 * Multi-word phrases become one token before splitting, so the rules see "stoploss" whatever
 * the spacing or hyphenation. Case-insensitive because the original case is kept for tickers.
 */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bstop[\s-]*los{1,2}(?:es)?\b/gi, ' stoploss '],
  // "take some profit on eth" sells now; "take profit at 4k" sets a take-profit.
  [/\btake\s+(?:some|partial|a\s+bit\s+of|a\s+little)\s+profits?\b/gi, ' sell some '],
  [/\btake[\s-]*prof(?:it|its|t|ti|itt)\b|\bprofit[\s-]*(?:target|taking)\b/gi, ' takeprofit '],
  [/\bp\s*&\s*l\b|\bp\s*\/\s*l\b|\bp\s+and\s+l\b|\bprofit\s+and\s+loss\b/gi, ' pnl '],
  [/\bper\s*cent\b/gi, ' percent '],
  [/\ball[\s-]+in\b/gi, ' allin '],
  [/\bcash(?:ing)?[\s-]*out\b/gi, ' cashout '],
  [/\bget(?:ting)?\s+rid\s+of\b/gi, ' getridof '],
  [/\bnet[\s-]*worth\b/gi, ' networth '],
  [/\b(?:short|long|mid)[\s-]*term\b/gi, ' horizon '],
  [/\bor\s+(?:better|less|lower|cheaper|more|higher)\b/gi, ' orbetter '],
  [/\ba\s+piece\b|\bapiece\b|\bper\s+(?:coin|unit|token|share)\b/gi, ' each '],
  [/\border[\s-]*book\b/gi, ' orderbook '],
  [/\blet\s+me\s+know\b|\bkeep\s+me\s+posted\b/gi, ' notify '],
  [/\b(?:tell|text|message|dm|ping|buzz|wake)\s+me(?:\s+up)?\s+(?=when\b|if\b|once\b|as\s+soon\b)/gi, ' notify '],
  [/\s*\/\s*/g, '/'],
];

// Every phrase above contains one of these; most messages contain none, so the list is skipped.
const PHRASE_HINT = /stop|prof|p\s*[&/]|p\s+and|cent|all|cash|rid\b|worth|term|\bor\s|piece|per\s|book|know|posted|me\b|\//i;

const CLOCK_HINT = /\d\s*[ap]\.?m\b|\d:\d/i;
const CLOCK = /\b\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?m\.?)?(?![\d.,])|\b\d{1,2}\s*[ap]\.?m\b\.?/gi;

const QUOTES = /[\u2018\u2019\u201A\u201B\u2032`´]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
// Control characters and zero-width joiners are noise; replacing them keeps word boundaries.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF]/g;

export interface Prepared {
  text: string;
  truncated: boolean;
  /** The writer used capitals for most letters, so capitals say nothing about tickers. */
  shouting: boolean;
}

export function prepare(input: string): Prepared {
  let s = typeof input === 'string' ? input : '';
  const truncated = s.length > MAX_CHARS;
  if (truncated) s = s.slice(0, MAX_CHARS);
  // NFKC folds full-width letters and digits ("ｂｕｙ ２") into ASCII.
  // Vulgar fractions first: NFKC would turn "½" into "1⁄2".
  s = s.replace(/½/g, ' half ').replace(/¼/g, ' quarter ').replace(/¾/g, ' three quarters ');
  s = s.normalize('NFKC').replace(CONTROL, ' ').replace(QUOTES, "'").replace(DASHES, '-').replace(/(\d)\u2044(\d)/g, '$1/$2');
  if (PHRASE_HINT.test(s)) for (const [pattern, replacement] of PHRASES) s = s.replace(pattern, replacement);
  // "at 3pm", "at 10:30" are times, never prices or amounts.
  if (CLOCK_HINT.test(s)) s = s.replace(CLOCK, ' clocktime ');
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  return { text: s, truncated, shouting: upper > 3 && lower < upper * 0.25 };
}

const CHUNK = /@(?=[\p{L}_])[\p{L}\p{N}_]+|@|[<>]=?|[\p{L}\p{M}\p{N}$€£#%&.,'/+_-]+/gu;
const EDGE_LEAD = /^[.,'/+_&:-]+(?!\d)|^[',/+_&:]+/;
const EDGE_TRAIL = /[.,'/+_&:-]+$/;
const CONTRACTION = /^(.*?)(n't|'s|'d|'m|'re|'ll|'ve)$/;
const IS_CONTRACTED = new Set(['what', 'it', 'that', 'how', 'where', 'who', 'there', 'here', 'when', 'why']);
const ALNUM = /^[\p{L}\p{N}]+$/u;

/** What the tokenizer asks of the coin resolver. */
export interface TokenLookup {
  /** "a/b" (or "a-b") names two listed assets, so it is read as one pair token. */
  isPair(a: string, b: string): boolean;
  /** The word is a listed ticker (lower case), e.g. "1inch". */
  isAsset(word: string): boolean;
}

export function tokenize(prepared: Prepared, lookup: TokenLookup): Tok[] {
  const out: Tok[] = [];
  for (const m of prepared.text.matchAll(CHUNK)) {
    if (out.length >= MAX_TOKENS) break;
    const chunk = m[0];
    if (chunk.length > 1 && chunk.startsWith('@')) continue; // @botname
    if (chunk === '@') {
      out.push({ w: 'at', upper: false });
      continue;
    }
    if (chunk === '>' || chunk === '>=') {
      out.push({ w: 'above', upper: false });
      continue;
    }
    if (chunk === '<' || chunk === '<=') {
      out.push({ w: 'below', upper: false });
      continue;
    }
    pushChunk(chunk.length > 64 ? chunk.slice(0, 64) : chunk, out, lookup, 0);
  }
  return out;
}

const PLAIN_WORD = /^[a-z]+$/;

function pushChunk(rawChunk: string, out: Tok[], lookup: TokenLookup, depth: number): void {
  if (PLAIN_WORD.test(rawChunk)) {
    out.push({ w: rawChunk, upper: false }); // the common case, without the checks below
    return;
  }
  const chunk = rawChunk.replace(EDGE_LEAD, '').replace(EDGE_TRAIL, '');
  if (chunk === '' || depth > 3) return;
  const lower = chunk.toLowerCase();
  const upper = /\p{Lu}/u.test(chunk) && !/\p{Ll}/u.test(chunk);
  if (/^[%$€£]$/.test(chunk)) {
    out.push({ w: chunk, upper: false });
    return;
  }
  // "1inch", "1000sats": tickers that start with digits are words, not numbers with a unit.
  if (/^\d/.test(lower) && ALNUM.test(lower) && lookup.isAsset(lower)) {
    out.push({ w: lower, upper });
    return;
  }
  const numeric = parseNumeric(lower);
  if (numeric !== null) {
    out.push({ w: numeric.text, upper: false, num: numeric.num });
    const rest = chunk.length === lower.length ? chunk.slice(chunk.length - numeric.rest.length) : numeric.rest;
    if (rest !== '') pushChunk(rest, out, lookup, depth + 1);
    return;
  }
  if (lower.includes("'")) {
    const c = CONTRACTION.exec(lower);
    if (c !== null) {
      const [, stem = '', tail] = c;
      const head = tail === "n't" ? (stem === 'ca' ? 'can' : stem === 'wo' ? 'will' : stem) : stem;
      pushChunk(head, out, lookup, depth + 1);
      const expanded = { "n't": 'not', "'d": 'would', "'m": 'am', "'re": 'are', "'ll": 'will', "'ve": 'have' }[tail ?? ''];
      if (expanded !== undefined) out.push({ w: expanded, upper: false });
      else if (tail === "'s" && IS_CONTRACTED.has(head)) out.push({ w: 'is', upper: false });
      else if (tail === "'s" && head === 'let') out.push({ w: 'us', upper: false });
      return;
    }
    pushChunk(chunk.replace(/'/g, ''), out, lookup, depth + 1);
    return;
  }
  if (chunk.startsWith('#')) {
    const id = lower.replace(/^#+/, '');
    if (ALNUM.test(id)) out.push({ w: id, upper: false, hash: true });
    else pushChunk(chunk.replace(/^#+/, ''), out, lookup, depth + 1);
    return;
  }
  if (chunk.startsWith('$') && /^\$[a-z][a-z0-9]{1,11}$/.test(lower)) {
    out.push({ w: lower.slice(1), upper, cashtag: true });
    return;
  }
  const ratio = /^(\d)\/(\d{1,2})$/.exec(lower);
  if (ratio !== null && Number(ratio[1]) < Number(ratio[2])) {
    const value = Number(ratio[1]) / Number(ratio[2]);
    out.push({ w: lower, upper: false, num: { value, raw: value, unit: '', fraction: true } });
    return;
  }
  const sep = /[/_-]/.exec(lower);
  if (sep !== null) {
    const parts = lower.split(/[/_-]+/).filter((p) => p !== '');
    const [a, b] = parts;
    if (parts.length === 2 && a !== undefined && b !== undefined && ALNUM.test(a) && ALNUM.test(b) && lookup.isPair(a, b)) {
      out.push({ w: lower, upper, pair: [a, b] });
      return;
    }
    for (const part of chunk.split(/[/_-]+/)) pushChunk(part, out, lookup, depth + 1);
    return;
  }
  if (/[,&%$€£#+]/.test(lower) || (lower.includes('.') && !/^[a-z]+\.[a-z]+$/.test(lower))) {
    for (const part of chunk.split(/([%$€£])|[,&#+.]+/)) if (part !== undefined && part !== '') pushChunk(part, out, lookup, depth + 1);
    return;
  }
  out.push({ w: lower, upper });
}
