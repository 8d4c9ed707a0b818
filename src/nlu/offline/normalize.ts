import { parseNumeric } from './numbers.js';
import { INJECTION, PHRASES, applyRewrites, replacePastes } from './rewrites.js';
import type { Tok } from './tokens.js';

/**
 * Only the start of a message is read. A trading command is a sentence or two; reading a
 * bounded prefix keeps a 100 kB paste as cheap as "buy 1 eth", and the parser lowers its
 * confidence when it had to cut.
 */
export const MAX_CHARS = 400;
export const MAX_TOKENS = 48;

const CLOCK_HINT = /\d\s*[ap]\.?m\b|\d:\d/i;
// "at 15:30, buy": punctuation may follow a time; only a digit after it ("10:30.5") makes it something else.
const CLOCK = /\b\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?m\.?)?(?![\d]|[.,]\d)|\b\d{1,2}\s*[ap]\.?m\b\.?/gi;

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
  /** The text tries to give the parser instructions ("ignore previous instructions and …"). */
  suspicious: boolean;
  /** Characters read as something else: the letter O of "O.5" as a zero. Each is a guess. */
  repairs: number;
}

export function prepare(input: string): Prepared {
  let s = typeof input === 'string' ? input : '';
  const truncated = s.length > MAX_CHARS;
  if (truncated) s = s.slice(0, MAX_CHARS);
  // NFKC folds full-width letters and digits ("ｂｕｙ ２") into ASCII.
  // Vulgar fractions first: NFKC would turn "½" into "1⁄2".
  s = s.replace(/½/g, ' half ').replace(/¼/g, ' quarter ').replace(/¾/g, ' three quarters ');
  s = s.normalize('NFKC').replace(CONTROL, ' ').replace(QUOTES, "'").replace(DASHES, '-').replace(/(\d)\u2044(\d)/g, '$1/$2');
  const low = ` ${s.toLowerCase()} `;
  const suspicious = INJECTION.test(s);
  s = replacePastes(s, low);
  // "buy O.5 btc": the letter O typed for a zero; read apart, ".5" would lose its point and be 5.
  let repairs = 0;
  if (low.includes('o.') || low.includes('o,')) {
    s = s.replace(/(^|[\s$€£@])[oO](?=[.,]\d)/g, (_, lead: string) => {
      repairs++;
      return `${lead}0`;
    });
  }
  s = applyRewrites(s, low, PHRASES);
  // "at 3pm", "at 10:30" are times, never prices or amounts.
  if (CLOCK_HINT.test(s)) s = s.replace(CLOCK, ' clocktime ');
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  return { text: s, truncated, shouting: upper > 3 && lower < upper * 0.25, suspicious, repairs };
}

const CHUNK = /@(?=[\p{L}_])[\p{L}\p{N}_]+|@|[<>]=?|[\p{L}\p{M}\p{N}$€£#%&.,'/+_-]+/gu;
const EDGE_LEAD = /^[.,'/+_&:-]+(?!\d)|^[',/+_&:]+/;
const EDGE_TRAIL = /[.,'/+_&:-]+$/;
const CONTRACTION = /^(.*?)(n't|'s|'d|'m|'re|'ll|'ve)$/;
const IS_CONTRACTED = new Set(['what', 'it', 'that', 'how', 'where', 'who', 'there', 'here', 'when', 'why', 'he', 'she']);
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
  const text = prepared.text;
  let sentence = 0;
  let end = 0;
  let ended = false;
  for (const m of text.matchAll(CHUNK)) {
    if (out.length >= MAX_TOKENS) break;
    const chunk = m[0];
    // A sentence ends at ".", "!", "?" or ";" before a space ("buy eth. im 100% sure"), not at "0.5".
    if (out.length > 0 && (ended || endsSentence(text, end, m.index))) sentence++;
    end = m.index + chunk.length;
    ended = isStop(chunk.charCodeAt(chunk.length - 1)) && end < text.length && text.charCodeAt(end) <= 32;
    const first = out.length;
    emit(chunk, out, lookup);
    if (sentence > 0) for (let i = first; i < out.length; i++) out[i]!.sentence = sentence;
  }
  return out;
}

/** ".", "!", "?", ";" */
function isStop(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 59;
}

/** "!", "?" or ";" between two words (a "." there is inside a word or a number: "0.5", "e.g"). */
function endsSentence(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isStop(text.charCodeAt(i)) && text.charCodeAt(i) !== 46) return true;
  return false;
}

function emit(chunk: string, out: Tok[], lookup: TokenLookup): void {
  if (chunk.length > 1 && chunk.startsWith('@')) return; // @botname
  if (chunk === '@') return void out.push({ w: 'at', upper: false });
  if (chunk === '>' || chunk === '>=') return void out.push({ w: 'above', upper: false });
  if (chunk === '<' || chunk === '<=') return void out.push({ w: 'below', upper: false });
  pushChunk(chunk.length > 64 ? chunk.slice(0, 64) : chunk, out, lookup, 0);
}

const PLAIN_WORD = /^[a-z]+$/;

function pushChunk(rawChunk: string, out: Tok[], lookup: TokenLookup, depth: number): void {
  if (PLAIN_WORD.test(rawChunk)) {
    out.push({ w: rawChunk, upper: false }); // the common case, without the checks below
    return;
  }
  // "+447700900123": a phone number, whatever its digits would make as an amount.
  if (/^\+\d{8,}$/.test(rawChunk)) return void out.push({ w: rawChunk.slice(1), upper: false, num: { value: 0, raw: 0, unit: '', label: true } });
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
    const rest = chunk.length === lower.length ? chunk.slice(chunk.length - numeric.rest.length) : numeric.rest;
    // "user 42's account": a number owning something is a name, never a quantity, and its "'s" no coin (S).
    if (rest.startsWith("'")) {
      out.push({ w: numeric.text, upper: false, num: { ...numeric.num, label: true }, possessive: true });
      return;
    }
    out.push({ w: numeric.text, upper: false, num: numeric.num });
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
      else if (tail === "'s" && out.length > 0) out[out.length - 1]!.possessive = true; // "john's btc"
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
    // "50/50", "10/3": digits on both sides of a slash are a ratio or a score, never one quantity.
    if (sep[0] === '/' && parts.length === 2 && /^\d+$/.test(a ?? '') && /^\d+$/.test(b ?? '')) {
      out.push({ w: 'ratio', upper: false });
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
